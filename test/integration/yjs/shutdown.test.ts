import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../shared/errors';
import { ControllableStore } from './controllable-store';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';
import { rawUpgrade } from './raw-client';

describe('graceful shutdown', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('flushes pending appends, closes every connection with 1012, then compacts and unloads', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store });
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    alice.text.insert(0, 'first ');
    await server.waitForStoredText(boardId, 'first ');
    const closeCodes: number[] = [];
    for (const { provider } of [alice, bob]) {
      provider.on('connection-close', (event) => closeCodes.push(event?.code ?? -1));
    }

    const release = store.holdAppends();
    alice.text.insert(6, 'last words');
    await waitUntil(() => store.appendAttempts === 2);
    let closed = false;
    const closing = server.sync.close('restarting').then(() => (closed = true));
    // Refused while shutting down, before any frame.
    const refused = await rawUpgrade(server.port, `/yjs/${boardId}?user=carol`);
    expect(refused.toString('latin1')).toMatch(/^HTTP\/1\.1 503 /);
    await waitUntil(() => server.sync.saveState(boardId) === 'saving');
    expect(closed).toBe(false);
    expect(closeCodes).toEqual([]);

    release();
    await closing;
    expect(closeCodes.sort()).toEqual([CLOSE_CODES.restarting, CLOSE_CODES.restarting]);
    // The stored update was relayed before the close frame.
    expect(bob.text.toString()).toBe('first last words');
    expect(server.sync.connectionCount).toBe(0);
    expect(server.sync.loadedBoardCount).toBe(0);
    expect(await store.updateCount(boardId)).toBe(1);
    expect((await server.storedDoc(boardId)).getText('text').toString()).toBe('first last words');
  });

  it('gives up on a store that stays down after shutdownFlushMs and still closes', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, shutdownFlushMs: 100, retryInitialMs: 10 });
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    store.failAppends = true;
    alice.text.insert(0, 'kept by its author');
    await waitUntil(() => store.appendAttempts >= 2);

    await server.sync.close();
    expect(server.sync.connectionCount).toBe(0);
    expect(server.sync.loadedBoardCount).toBe(0);
    // The author still holds the edit and sends it again in her next sync step 2.
    expect(alice.text.toString()).toBe('kept by its author');
  });
});
