import { afterEach, describe, expect, it } from 'vitest';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';

describe('co-editing through the Yjs sync server', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('lets two stock y-websocket providers co-edit one board and converge', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);

    alice.text.insert(0, 'Goal: open a shop in Dakar. ');
    await waitUntil(() => bob.text.toString().includes('Dakar'));
    bob.text.insert(bob.text.length, 'Lesson: price for margin.');
    alice.text.insert(0, '# ');
    await waitUntil(() => alice.text.toString() === bob.text.toString() && alice.text.length > 40);

    expect(alice.text.toString()).toBe('# Goal: open a shop in Dakar. Lesson: price for margin.');
    await server.waitForStoredText(boardId, alice.text.toString());
  });

  it('sends a late joiner the whole board it missed', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    alice.text.insert(0, 'written before Bob arrived');
    alice.doc.getMap('meta').set('title', 'Pair board');
    await server.waitForStoredText(boardId, 'written before Bob arrived');

    const bob = server.provider(boardId, 'bob');
    await whenSynced(bob);
    expect(bob.text.toString()).toBe('written before Bob arrived');
    expect(bob.doc.getMap('meta').get('title')).toBe('Pair board');
    expect(server.sync.connectionCount).toBe(2);
    expect(server.sync.loadedBoardCount).toBe(1);
  });
});
