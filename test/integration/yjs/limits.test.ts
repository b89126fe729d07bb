import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/errors';
import { TestServer, newBoardId, waitUntil, whenProviderClosed, whenSynced } from './helpers';
import { textUpdate, wire } from './raw-client';

describe('limits on messages, rate and board size', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('closes with 4413 when a message is larger than maxMessageBytes', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const raw = await server.raw(boardId, 'alice');
    raw.send(wire.update(new Uint8Array(1024 * 1024)));
    expect(await raw.closed).toEqual({ code: CLOSE_CODES.tooLarge, reason: 'message_too_large' });
  });

  it('accepts a message just under the limit', async () => {
    server = await TestServer.start({ maxMessageBytes: 64 * 1024 });
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const raw = await server.raw(boardId, 'alice');
    raw.send(wire.update(textUpdate('x'.repeat(60 * 1024))));
    await raw.roundTrip();
    await waitUntil(() => server.sync.saveState(boardId) === 'saved');
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    expect((await server.storedDoc(boardId)).getText('text').length).toBe(60 * 1024);
    raw.send(wire.update(textUpdate('x'.repeat(65 * 1024))));
    expect((await raw.closed).code).toBe(CLOSE_CODES.tooLarge);
  });

  it('closes with 4529 when a connection sends faster than its token bucket allows', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const raw = await server.raw(boardId, 'alice');
    for (let i = 0; i < 250; i++) raw.send(wire.queryAwareness());
    expect(await raw.closed).toEqual({ code: CLOSE_CODES.tooFast, reason: 'too_fast' });
  });

  it('lets a connection within its rate go on', async () => {
    server = await TestServer.start({ rateLimit: { burst: 10, perMs: 60_000 } });
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const raw = await server.raw(boardId, 'alice');
    for (let i = 0; i < 10; i++) raw.send(wire.queryAwareness());
    await raw.roundTrip();
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.send(wire.queryAwareness());
    expect((await raw.closed).code).toBe(CLOSE_CODES.tooFast);
  });

  it('refuses an insert that would grow the board past maxBoardBytes, keeping what is stored', async () => {
    server = await TestServer.start({ maxBoardBytes: 4 * 1024 });
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    alice.text.insert(0, 'a'.repeat(2 * 1024));
    await waitUntil(() => bob.text.length === 2 * 1024);

    const closed = whenProviderClosed(alice.provider);
    alice.text.insert(0, 'b'.repeat(3 * 1024));
    expect(await closed).toEqual({ code: CLOSE_CODES.tooLarge, reason: 'board_full' });

    await waitUntil(() => server.sync.saveState(boardId) === 'saved');
    expect((await server.storedDoc(boardId)).getText('text').toString()).toBe('a'.repeat(2048));
    expect(bob.text.toString()).toBe('a'.repeat(2048));
  });

  it('always accepts deletions on a full board', async () => {
    server = await TestServer.start({ maxBoardBytes: 4 * 1024 });
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const doc = new Y.Doc();
    doc.getText('text').insert(0, 'c'.repeat(3 * 1024));
    const full = Y.encodeStateAsUpdate(doc);
    const raw = await server.raw(boardId, 'alice');
    raw.send(wire.update(full));
    const before = Y.encodeStateVector(doc);
    doc.getText('text').delete(0, 3 * 1024 - 10);
    raw.send(wire.update(Y.encodeStateAsUpdate(doc, before)));
    await raw.roundTrip();
    await waitUntil(() => server.sync.saveState(boardId) === 'saved');
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    expect((await server.storedDoc(boardId)).getText('text').length).toBe(10);
  });

  it('terminates a connection that stops answering pings', async () => {
    server = await TestServer.start({ heartbeatMs: 30 });
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const silent = await server.raw(boardId, 'alice', { autoPong: false });
    const healthy = await server.raw(boardId, 'bob');
    expect((await silent.closed).code).toBe(1006);
    await healthy.roundTrip();
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
    await waitUntil(() => server.sync.connectionCount === 1);
  });
});
