import { afterEach, describe, expect, it } from 'vitest';
import { ControllableStore } from './controllable-store';
import { TestServer, newBoardId, waitUntil, whenSynced, type ProviderHandle } from './helpers';

describe('compaction and unloading', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  /** Types word by word, each one stored before the next: one log row per word. */
  async function typeSlowly(handle: ProviderHandle, words: string[], boardId: string) {
    for (const word of words) {
      handle.text.insert(handle.text.length, word);
      await server.waitForStoredText(boardId, handle.text.toString());
    }
  }

  it('replaces the log by one snapshot at compactThreshold without losing an update', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, compactThreshold: 20 });
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);

    const words = Array.from({ length: 30 }, (_, i) => `w${i} `);
    await typeSlowly(alice, words, boardId);
    await waitUntil(() => store.compactCalls >= 1);
    await waitUntil(() => bob.text.toString() === words.join(''));

    expect(await store.updateCount(boardId)).toBeLessThan(30);
    const stored = await server.storedDoc(boardId);
    expect(stored.getText('text').toString()).toBe(words.join(''));
  });

  it('keeps updates appended while a compaction is running', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, compactThreshold: 10 });
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);

    const release = store.holdCompactions();
    await typeSlowly(
      alice,
      Array.from({ length: 10 }, (_, i) => `a${i} `),
      boardId,
    );
    await waitUntil(() => store.compactCalls === 1);
    await typeSlowly(alice, ['late-1 ', 'late-2 ', 'late-3'], boardId);
    release();
    // The snapshot replaced the first ten rows; the three late rows survived it.
    await waitUntil(async () => (await store.updateCount(boardId)) === 4);
    const stored = await server.storedDoc(boardId);
    expect(stored.getText('text').toString()).toBe(alice.text.toString());
  });

  it('compacts and unloads a board unloadAfterMs after its last connection left', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, unloadAfterMs: 30 });
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    await typeSlowly(alice, ['one ', 'two ', 'three'], boardId);
    alice.provider.destroy();

    await waitUntil(() => server.sync.loadedBoardCount === 0);
    expect(await store.updateCount(boardId)).toBe(1);
    const bob = server.provider(boardId, 'bob');
    await whenSynced(bob);
    expect(bob.text.toString()).toBe('one two three');
    expect(server.sync.loadedBoardCount).toBe(1);
  });

  it('keeps the board loaded when someone comes back within the grace period', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, unloadAfterMs: 60_000 });
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    alice.text.insert(0, 'kept warm');
    await server.waitForStoredText(boardId, 'kept warm');
    alice.provider.destroy();
    await waitUntil(() => server.sync.connectionCount === 0);
    const loadsBefore = store.loadCalls;

    const bob = server.provider(boardId, 'bob');
    await whenSynced(bob);
    expect(bob.text.toString()).toBe('kept warm');
    expect(store.loadCalls).toBe(loadsBefore);
    expect(server.sync.loadedBoardCount).toBe(1);
  });

  it('does not unload a board while some of its updates are still unstored', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({
      store,
      unloadAfterMs: 5,
      retryInitialMs: 10,
      retryMaxMs: 20,
    });
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    store.failAppends = true;
    alice.text.insert(0, 'must survive');
    await waitUntil(() => store.appendAttempts >= 1);
    alice.provider.destroy();
    await waitUntil(() => server.sync.connectionCount === 0 && store.appendAttempts >= 4);
    expect(server.sync.loadedBoardCount).toBe(1);

    store.failAppends = false;
    await waitUntil(() => server.sync.loadedBoardCount === 0);
    expect((await server.storedDoc(boardId)).getText('text').toString()).toBe('must survive');
  });
});
