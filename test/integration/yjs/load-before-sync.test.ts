import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/errors';
import { ControllableStore } from './controllable-store';
import { PRINCIPALS, TestServer, newBoardId, waitUntil } from './helpers';
import { textUpdate, wire } from './raw-client';

/** Authorises everyone as Alice without touching the store, so loads can be held. */
const authorizeAsAlice = async () => ({ ok: true as const, principal: PRINCIPALS.alice! });

describe('loading a board before syncing it', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('sends nothing until the load resolves, then processes queued messages in order', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId, [textUpdate('stored text. ', 1)]);
    server = await TestServer.start({ store, authorize: authorizeAsAlice });
    const release = store.holdLoads();

    const raw = await server.raw(boardId, 'alice');
    await waitUntil(() => store.loadCalls === 1);
    // An update first, then our sync step 1: the reply can only contain the update if the
    // queued messages were processed in the order they arrived.
    raw.send(wire.update(textUpdate('typed while loading', 2)));
    raw.send(wire.syncStep1());
    await raw.roundTrip();
    expect(raw.messages).toEqual([]);

    release();
    await waitUntil(() => raw.ofKind('sync-step-1').length === 1);
    // Her step 1 is answered first; ours (what she should send us) follows.
    expect(raw.messages.map((m) => m.kind)).toEqual(['sync-step-2', 'sync-step-1']);
    const received = new Y.Doc();
    Y.applyUpdate(received, raw.ofKind('sync-step-2')[0]!.payload);
    const text = received.getText('text').toString();
    expect(text).toContain('stored text. ');
    expect(text).toContain('typed while loading');
  });

  it("answers a cold board's first sync from the stored bytes, then asks for hers and takes her edits", async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    const first = textUpdate('snapshot. ', 1);
    store.createBoard(boardId, [first, textUpdate('tail. ', 2)]);
    server = await TestServer.start({ store, authorize: authorizeAsAlice });
    const release = store.holdLoads();

    // One client with nothing, one that already holds the first row (a cached copy).
    const fresh = await server.raw(boardId, 'alice');
    const cached = await server.raw(boardId, 'alice');
    const hers = new Y.Doc();
    Y.applyUpdate(hers, first);
    fresh.send(wire.syncStep1());
    cached.send(wire.syncStep1(Y.encodeStateVector(hers)));
    await waitUntil(() => store.loadCalls === 1);
    release();
    await waitUntil(() => [fresh, cached].every((c) => c.ofKind('sync-step-1').length === 1));

    // Answered from the stored rows at once, in stored order (the snapshot as the step 2, the
    // tail as an update), before the server's own step 1: nothing was built to answer.
    expect(fresh.messages.map((m) => m.kind)).toEqual(['sync-step-2', 'update', 'sync-step-1']);
    const received = new Y.Doc();
    for (const message of fresh.messages.slice(0, 2)) Y.applyUpdate(received, message.payload);
    expect(received.getText('text').toString()).toContain('snapshot. ');
    expect(received.getText('text').toString()).toContain('tail. ');
    // The cached client gets only what she is missing.
    expect(cached.messages.map((m) => m.kind)).toEqual(['sync-step-2', 'update', 'sync-step-1']);
    const missing = cached.ofKind('sync-step-2')[0]!.payload;
    expect(missing.length).toBeLessThan(fresh.ofKind('sync-step-2')[0]!.payload.length);
    Y.applyUpdate(hers, missing);
    Y.applyUpdate(hers, cached.ofKind('update')[0]!.payload);
    expect(hers.getText('text').toString()).toBe(received.getText('text').toString());

    // Her edits are stored, then relayed.
    fresh.send(wire.update(textUpdate('typed after. ', 3)));
    await waitUntil(() => cached.ofKind('update').length === 2);
    const stored = new Y.Doc();
    for (const row of (await store.load(boardId))!.updates) Y.applyUpdate(stored, row);
    expect(stored.getText('text').toString()).toContain('typed after. ');
    expect(stored.getText('text').toString()).toContain('snapshot. ');
  });

  it('loads a board once for connections that arrive while it is loading', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId, [textUpdate('hello', 1)]);
    server = await TestServer.start({ store, authorize: authorizeAsAlice });
    const release = store.holdLoads();

    const clients = await Promise.all([1, 2, 3].map(() => server.raw(boardId, 'alice')));
    for (const client of clients) client.send(wire.syncStep1());
    await waitUntil(() => store.loadCalls === 1);
    release();
    await waitUntil(() => clients.every((client) => client.ofKind('sync-step-2').length === 1));
    expect(store.loadCalls).toBe(1);
    expect(server.sync.loadedBoardCount).toBe(1);
  });

  it('closes with 4404 when the board no longer exists at load time', async () => {
    server = await TestServer.start({ authorize: authorizeAsAlice });
    const raw = await server.raw(newBoardId('gone'), 'alice');
    expect(await raw.closed).toEqual({ code: CLOSE_CODES.unknownBoard, reason: 'unknown_board' });
    expect(raw.messages).toEqual([]);
    expect(server.sync.loadedBoardCount).toBe(0);
  });

  it('closes with 4500 when the store fails to load, and loads again for the next connection', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId, [textUpdate('survives', 1)]);
    server = await TestServer.start({ store, authorize: authorizeAsAlice });
    store.failLoads = true;

    const first = await server.raw(boardId, 'alice');
    expect((await first.closed).code).toBe(CLOSE_CODES.internal);
    expect(first.messages).toEqual([]);

    store.failLoads = false;
    const second = await server.raw(boardId, 'alice');
    second.send(wire.syncStep1());
    await waitUntil(() => second.ofKind('sync-step-2').length === 1);
    const received = new Y.Doc();
    Y.applyUpdate(received, second.ofKind('sync-step-2')[0]!.payload);
    expect(received.getText('text').toString()).toBe('survives');
  });
});
