import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { createPairRoom, type Person } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { rawUpgrade as upgrade } from '../../helpers/upgrade';

let server: TestServer;
let member: Person;
let boardId: string;

beforeAll(async () => {
  server = await startServer();
  const fixture = await createPairRoom(server.mutua);
  member = fixture.a;
  boardId = fixture.boardId;
});
afterAll(() => server.stop());

const rawUpgrade = (path: string, headers: Record<string, string>) =>
  upgrade(server.url, path, headers);

function socketConnect(opts: { origin?: string; protocol?: number; cookie?: string }) {
  const headers: Record<string, string> = {};
  if (opts.origin) headers.origin = opts.origin;
  if (opts.cookie) headers.cookie = opts.cookie;
  return connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    auth: { protocol: opts.protocol ?? PROTOCOL_VERSION },
    extraHeaders: headers,
  });
}

function outcome(socket: Socket) {
  return new Promise<{ connected: boolean; code?: string; message?: string }>((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      resolve({ connected: false, code: err.data?.code, message: err.message }),
    );
  }).finally(() => socket.close());
}

describe('WebSocket handshakes', () => {
  it('accepts a member on /yjs with the allowed Origin and her cookie', async () => {
    const result = await rawUpgrade(`/yjs/${boardId}`, {
      origin: server.origin,
      cookie: member.cookie,
    });
    expect(result.status).toBe(101);
  });

  it('refuses a foreign Origin on /yjs with 403 and not one frame, even with a valid cookie', async () => {
    const result = await rawUpgrade(`/yjs/${boardId}`, {
      origin: 'https://evil.example',
      cookie: member.cookie,
    });
    expect(result).toEqual({ status: 403, frames: 0 });
  });

  it('refuses a foreign Origin on /socket.io even with a valid cookie', async () => {
    const result = await outcome(
      socketConnect({ origin: 'https://evil.example', cookie: member.cookie }),
    );
    expect(result.connected).toBe(false);
  });

  it('accepts the allowed Origin on /socket.io with her cookie', async () => {
    const result = await outcome(socketConnect({ origin: server.origin, cookie: member.cookie }));
    expect(result).toEqual({ connected: true });
  });

  it('does not count a cookie without an Origin header on /yjs (non-browser clients use tokens)', async () => {
    const result = await rawUpgrade(`/yjs/${boardId}`, { cookie: member.cookie });
    expect(result).toEqual({ status: 401, frames: 0 });
    const withToken = await rawUpgrade(`/yjs/${boardId}`, {
      authorization: `Bearer ${member.token}`,
    });
    expect(withToken.status).toBe(101);
  });

  it('refuses an unknown upgrade path with 404', async () => {
    const result = await rawUpgrade('/somewhere-else', {
      origin: server.origin,
      cookie: member.cookie,
    });
    expect(result).toEqual({ status: 404, frames: 0 });
  });

  it('tells a client built for another protocol version to reload', async () => {
    const result = await outcome(
      socketConnect({
        origin: server.origin,
        cookie: member.cookie,
        protocol: PROTOCOL_VERSION + 1,
      }),
    );
    expect(result).toMatchObject({ connected: false, code: 'protocol_mismatch' });
    expect(result.message).toMatch(/reload/i);
    const yjs = await rawUpgrade(`/yjs/${boardId}?protocol=${PROTOCOL_VERSION + 1}`, {
      origin: server.origin,
      cookie: member.cookie,
    });
    expect(yjs).toEqual({ status: 426, frames: 0 });
  });

  it('refuses a Socket.IO connection without credentials with code unauthenticated', async () => {
    const result = await outcome(socketConnect({ origin: server.origin }));
    expect(result).toMatchObject({ connected: false, code: 'unauthenticated' });
  });
});
