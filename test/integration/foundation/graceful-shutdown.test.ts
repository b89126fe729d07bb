import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { createPairRoom } from '../../helpers/people';
import { spawnServer, startServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';
import { once } from '../../helpers/wait';

const data = tempDir();
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  // Seed people and a room through the real services, then hand the folder to a real process.
  const seed = await startServer({}, data.path);
  fixture = await createPairRoom(seed.mutua);
  await seed.stop({ keepData: true });
});
afterAll(() => data.remove());

describe('graceful shutdown', () => {
  it('on SIGTERM tells live Socket.IO and /yjs clients it is restarting, keeps their edits, and exits 0 within 10 s', async () => {
    const server = await spawnServer({ DATA_DIR: data.path });
    const socket = connect(server.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { origin: server.url, cookie: fixture.a.cookie },
    });
    await once(socket, 'connect');

    const open = (token: string, doc: Y.Doc) =>
      new WebsocketProvider(server.url.replace('http', 'ws') + '/yjs', fixture.boardId, doc, {
        WebSocketPolyfill: class extends WebSocket {
          constructor(url: string) {
            super(url, { headers: { authorization: `Bearer ${token}` } });
          }
        } as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
    const doc = new Y.Doc();
    const provider = open(fixture.a.token, doc);
    const partnerDoc = new Y.Doc();
    const partner = open(fixture.b.token, partnerDoc);
    await Promise.all([once(provider, 'sync', 10_000), once(partner, 'sync', 10_000)]);
    doc.getText('t').insert(0, 'kept across restarts');
    // The server relays an edit only once it is stored: her partner seeing it proves that.
    await expect.poll(() => partnerDoc.getText('t').toString()).toBe('kept across restarts');
    const closeCodes: number[] = [];
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closeCodes.push(event.code);
    });
    const restarting = once<{ reconnectInMs: number }>(socket, 'system:restarting');

    const started = Date.now();
    server.proc.kill('SIGTERM');
    const notice = await restarting;
    const exit = await server.exited;
    provider.destroy();
    partner.destroy();
    socket.close();

    expect(notice.reconnectInMs).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(closeCodes).toContain(1012);

    // The edit made before SIGTERM is in the store when the server comes back.
    const again = await startServer({}, data.path);
    try {
      const { SqlBoardStore } = await import('../../../server/boards/sql-board-store');
      const log = await new SqlBoardStore(again.mutua.store).load(fixture.boardId);
      const stored = new Y.Doc();
      for (const update of log!.updates) Y.applyUpdate(stored, update);
      expect(stored.getText('t').toString()).toBe('kept across restarts');
    } finally {
      await again.stop({ keepData: true });
    }
  });
});
