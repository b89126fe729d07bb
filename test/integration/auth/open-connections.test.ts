import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../../shared/errors';
import { CredentialWatch } from '../../../server/auth/credential-watch';
import { createPairRoom, createPerson } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { once } from '../../helpers/wait';
import { connectAs, nextEvent, ok } from '../live/live-helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

/** A board WebSocket opened with the given headers; resolves once it is open. */
async function boardSocket(boardId: string, headers: Record<string, string>) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${boardId}`, { headers });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await once(ws, 'open');
  return { ws, closed };
}

const post = (path: string, cookie: string) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, origin: server.origin } });

describe('connections opened before a credential ends', () => {
  it('keeps neither the opening request nor its session cookie once a live socket is in', async () => {
    const { roomId, a } = await createPairRoom(server.mutua);
    const requests: IncomingMessage[] = [];
    const onEngineConnection = (raw: { request: IncomingMessage }) => requests.push(raw.request);
    server.mutua.io.engine.on('connection', onEngineConnection);
    const socket = await connectAs(server, a);
    server.mutua.io.engine.off('connection', onEngineConnection);
    await ok(socket, 'room:join', { roomId });
    const [held] = await server.mutua.io.in(roomId).fetchSockets();
    const inside = server.mutua.io.sockets.sockets.get(held!.id)!;
    expect(inside.request).toBeNull();
    expect(inside.handshake.headers).toEqual({});
    // Whatever still points at the opening request finds no cookie in it.
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers).toEqual({});
    expect(requests[0]!.rawHeaders).toEqual([]);
    // What the connection needs was taken at the handshake: she still is who she was.
    expect(inside.data.principal.userId).toBe(a.userId);
    socket.disconnect();
  });

  it('"sign out everywhere" closes her open live socket and board connections at once', async () => {
    const { roomId, boardId, a } = await createPairRoom(server.mutua);
    const socket = await connectAs(server, a);
    await ok(socket, 'room:join', { roomId });
    const board = await boardSocket(boardId, { cookie: a.cookie, origin: server.origin });
    const told = nextEvent(socket, 'system:signed-out');
    const gone = nextEvent<string>(socket, 'disconnect');

    // From another session of hers (another device).
    const other = await server.mutua.auth.createSession(a.userId, false);
    const res = await post('/api/auth/sign-out-everywhere', `mutua_session=${other.token}`);
    expect(res.status).toBe(200);

    await told;
    expect(await gone).toBe('io server disconnect');
    expect(await board.closed).toBe(CLOSE_CODES.unauthenticated);
  });

  it('revoking an API token closes the connections opened with it and keeps her others', async () => {
    const { roomId, boardId, b } = await createPairRoom(server.mutua);
    const byToken = await boardSocket(boardId, { authorization: `Bearer ${b.token}` });
    const byCookie = await boardSocket(boardId, { cookie: b.cookie, origin: server.origin });
    const socket = await connectAs(server, b);
    await ok(socket, 'room:join', { roomId });

    const [listed] = await server.mutua.auth.tokens.list(b.userId);
    expect(await server.mutua.auth.tokens.revoke(b.userId, listed!.id)).toBe(true);
    expect(await byToken.closed).toBe(CLOSE_CODES.unauthenticated);
    // The checks for her other credentials ran with the same event; they still hold.
    await ok(socket, 'room:join', { roomId });
    expect(byCookie.ws.readyState).toBe(WebSocket.OPEN);
    byCookie.ws.close();
    socket.close();
  });

  it('ends connections whose session expired, on its periodic check', async () => {
    const person = await createPerson(server.mutua);
    const session = await server.mutua.auth.createSession(person.userId, false);
    const principal = await server.mutua.auth.resolveSession(session.token);
    const ended: string[] = [];
    const watch = new CredentialWatch(server.mutua.auth, server.mutua.logger, 50);
    try {
      watch.add({
        userId: person.userId,
        via: 'session',
        credentialHash: principal!.credentialHash,
        end: () => ended.push('expired'),
      });
      watch.add({
        userId: person.userId,
        via: 'token',
        credentialHash: 'not-a-token-hash',
        end: () => ended.push('unknown token'),
      });
      await expect.poll(() => ended).toEqual(['unknown token']);
      await server.mutua.store.db
        .updateTable('auth_sessions')
        .set({ idle_expires_at: Date.now() - 1 })
        .where('user_id', '=', person.userId)
        .execute();
      await expect.poll(() => [...ended].sort()).toEqual(['expired', 'unknown token']);
    } finally {
      watch.close();
    }
  });
});

describe('open board connections when access narrows', () => {
  it('archiving a room ends its writers’ board connections with "archived", and she can open the board again to read it', async () => {
    const { roomId, boardId, a, facilitator } = await createPairRoom(server.mutua);
    const board = await boardSocket(boardId, { authorization: `Bearer ${a.token}` });
    const closedWith = new Promise<string>((resolve) =>
      board.ws.once('close', (_code, reason) => resolve(reason.toString())),
    );
    const res = await fetch(`${server.url}/api/rooms/${roomId}/archive`, {
      method: 'POST',
      headers: {
        cookie: facilitator.cookie,
        origin: server.origin,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ archived: true }),
    });
    expect(res.status).toBe(200);
    expect(await board.closed).toBe(CLOSE_CODES.forbidden);
    expect(await closedWith).toBe('archived');
    const level = await server.mutua.store.db
      .selectFrom('rooms')
      .select('archived_at')
      .where('id', '=', roomId)
      .executeTakeFirstOrThrow();
    expect(level.archived_at).not.toBeNull();
    const again = await boardSocket(boardId, { authorization: `Bearer ${a.token}` });
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    again.ws.close();
  });

  it('a facilitator removed from the program loses the shared pair board she had open', async () => {
    const { rooms, roomId, boardId, a, facilitator, programId } = await createPairRoom(
      server.mutua,
    );
    const share = await fetch(`${server.url}/api/rooms/${roomId}/share`, {
      method: 'POST',
      headers: { cookie: a.cookie, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ shared: true }),
    });
    expect(share.status).toBe(200);
    const board = await boardSocket(boardId, { authorization: `Bearer ${facilitator.token}` });
    // Another facilitator of the program removes her.
    const lead = await createPerson(server.mutua, { facilitator: true });
    await rooms.addProgramMember(programId, lead.userId, 'facilitator');
    const res = await fetch(
      `${server.url}/api/programs/${programId}/members/${facilitator.userId}`,
      {
        method: 'DELETE',
        headers: { cookie: lead.cookie, origin: server.origin },
      },
    );
    expect(res.status).toBe(200);
    expect(await board.closed).toBe(CLOSE_CODES.forbidden);
  });
});
