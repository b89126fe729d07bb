import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ControllableStore } from './controllable-store';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';
import { wire } from './raw-client';

describe('every update is stored before it is relayed', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('holds an update back from other clients until its append resolves', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store });
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    bob.doc.on('update', () => store.events.push('relayed'));

    const release = store.holdAppends();
    alice.text.insert(0, 'not yet durable');
    await waitUntil(() => store.appendAttempts === 1);
    // Awareness is relayed at once; once Bob sees this marker, which Alice sent after her
    // edit, the edit would have reached him too had it been relayed before being stored.
    alice.provider.awareness.setLocalStateField('marker', 'after-edit');
    await waitUntil(
      () => bob.provider.awareness.getStates().get(alice.doc.clientID)?.marker === 'after-edit',
    );
    expect(bob.text.toString()).toBe('');
    expect(server.sync.saveState(boardId)).toBe('saving');

    release();
    await waitUntil(() => bob.text.toString() === 'not yet durable');
    expect(store.events).toEqual(['stored', 'relayed']);
    await waitUntil(() => server.sync.saveState(boardId) === 'saved');
  });

  it('does not show a joining client content that is not stored yet', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store });
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);

    const release = store.holdAppends();
    alice.text.insert(0, 'pending');
    await waitUntil(() => store.appendAttempts === 1);
    const joiner = await server.raw(boardId, 'bob');
    joiner.send(wire.syncStep1());
    await joiner.roundTrip();
    expect(joiner.ofKind('sync-step-2')).toEqual([]);
    expect(joiner.ofKind('update')).toEqual([]);

    release();
    await waitUntil(() => joiner.ofKind('sync-step-2').length === 1);
    const received = new Y.Doc();
    for (const message of [...joiner.ofKind('sync-step-2'), ...joiner.ofKind('update')]) {
      Y.applyUpdate(received, message.payload);
    }
    expect(received.getText('text').toString()).toBe('pending');
  });

  it('retries a failing append, relays nothing meanwhile, and relays and stores after recovery', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, retryInitialMs: 10, retryMaxMs: 40 });
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);

    store.failAppends = true;
    alice.text.insert(0, 'first ');
    await waitUntil(() => store.appendAttempts >= 3);
    alice.text.insert(6, 'second');
    await waitUntil(() => store.appendAttempts >= 5);
    alice.provider.awareness.setLocalStateField('marker', 'after-edits');
    await waitUntil(
      () => bob.provider.awareness.getStates().get(alice.doc.clientID)?.marker === 'after-edits',
    );
    expect(bob.text.toString()).toBe('');
    expect(server.sync.saveState(boardId)).toBe('failing');
    expect(store.appendsCompleted).toBe(0);

    store.failAppends = false;
    await waitUntil(() => bob.text.toString() === 'first second');
    await waitUntil(() => server.sync.saveState(boardId) === 'saved');
    expect((await server.storedDoc(boardId)).getText('text').toString()).toBe('first second');
    const states = server.saveStates.filter((entry) => entry.boardId === boardId);
    expect(states.map((entry) => entry.state)).toEqual(['saving', 'failing', 'saved']);
  });

  it('groups updates that arrive within the commit window into one append', async () => {
    const store = new ControllableStore();
    const boardId = newBoardId();
    store.createBoard(boardId);
    server = await TestServer.start({ store, groupCommitMs: 50 });
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);

    for (const letter of 'abcde') alice.text.insert(alice.text.length, letter);
    await waitUntil(() => bob.text.toString() === 'abcde');
    expect(store.appendsCompleted).toBe(1);
    expect(await store.updateCount(boardId)).toBe(5);
  });
});
