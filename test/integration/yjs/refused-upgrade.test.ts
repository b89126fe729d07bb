import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../../shared/errors';
import { ALLOWED_ORIGIN, TestServer, defaultAuthorize, newBoardId } from './helpers';
import { rawUpgrade } from './raw-client';

/** Splits a raw response into status, headers and body, and checks nothing follows the body. */
function parseRefusal(bytes: Buffer) {
  const text = bytes.toString('latin1');
  const headerEnd = text.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = text.slice(0, headerEnd).split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const [name, ...rest] = line.split(':');
      return [name!.toLowerCase(), rest.join(':').trim()];
    }),
  );
  const body = text.slice(headerEnd + 4);
  return { status: Number(statusLine!.split(' ')[1]), headers, body };
}

describe('refusing an upgrade before any byte of the board is sent', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it.each([
    ['an unauthenticated request', '', 401, CLOSE_CODES.unauthenticated],
    ['a signed-in non-member', '?user=mallory', 403, CLOSE_CODES.forbidden],
  ])(
    'answers %s with a plain HTTP response and no WebSocket frame',
    async (_, query, status, closeCode) => {
      server = await TestServer.start();
      const boardId = newBoardId();
      server.store.createBoard(boardId);

      const response = parseRefusal(await rawUpgrade(server.port, `/yjs/${boardId}${query}`));
      expect(response.status).toBe(status);
      expect(response.headers.upgrade).toBeUndefined();
      // Everything after the headers is exactly the announced body: no frame follows it.
      expect(Buffer.byteLength(response.body)).toBe(Number(response.headers['content-length']));
      expect(JSON.parse(response.body)).toEqual({ closeCode });
      expect(server.sync.connectionCount).toBe(0);
      expect(server.sync.loadedBoardCount).toBe(0);
    },
  );

  it('answers 404 for an unknown board without loading anything', async () => {
    server = await TestServer.start();
    const response = parseRefusal(await rawUpgrade(server.port, '/yjs/no-such-board?user=alice'));
    expect(response.status).toBe(404);
    expect(server.sync.loadedBoardCount).toBe(0);
  });

  it('refuses a foreign Origin with 403 without asking authorize', async () => {
    const authorize = vi.fn(async (req: IncomingMessage, boardId: string) =>
      defaultAuthorize(server.store)(req, boardId),
    );
    server = await TestServer.start({ authorize });
    const boardId = newBoardId();
    server.store.createBoard(boardId);

    const refused = parseRefusal(
      await rawUpgrade(server.port, `/yjs/${boardId}?user=alice`, { Origin: 'https://evil.test' }),
    );
    expect(refused.status).toBe(403);
    expect(authorize).not.toHaveBeenCalled();

    const ws = new WebSocket(`${server.url}/${boardId}?user=alice`, { origin: ALLOWED_ORIGIN });
    await once(ws, 'open');
    ws.terminate();
    expect(authorize).toHaveBeenCalledOnce();
  });

  it.each(['/yjs', '/yjs/', '/yjs/a%2Fb', '/yjs/a/b', `/yjs/${'x'.repeat(200)}`])(
    'answers 400 for the malformed board path %s',
    async (path) => {
      server = await TestServer.start();
      const response = parseRefusal(await rawUpgrade(server.port, `${path}?user=alice`));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toEqual({ closeCode: CLOSE_CODES.badRequest });
    },
  );

  it('leaves paths outside /yjs/ to the other upgrade handlers', async () => {
    server = await TestServer.start();
    // The test server destroys upgrades nobody claimed: the socket closes without a response.
    const bytes = await rawUpgrade(server.port, '/socket.io/?EIO=4&transport=websocket');
    expect(bytes.length).toBe(0);
  });

  it('reports the refusal to a ws client as an unexpected response, never as a close frame', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const ws = new WebSocket(`${server.url}/${boardId}?user=mallory`);
    const [, response] = (await once(ws, 'unexpected-response')) as [unknown, IncomingMessage];
    expect(response.statusCode).toBe(403);
    ws.on('error', () => {});
    ws.terminate();
  });

  it('refuses with 503 while authorize takes longer than authorizeTimeoutMs', async () => {
    server = await TestServer.start({
      authorize: () => new Promise(() => {}),
      authorizeTimeoutMs: 50,
    });
    const response = parseRefusal(await rawUpgrade(server.port, '/yjs/slow-board?user=alice'));
    expect(response.status).toBe(503);
  });
});
