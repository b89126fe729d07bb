import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';

describe('read-only connections', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('receives every edit but its own edits are neither applied, stored nor relayed', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    alice.text.insert(0, 'from Alice');

    // The reader's document holds offline content: it reaches the server in her sync step 2.
    const offline = new Y.Doc();
    offline.getText('text').insert(0, 'offline by reader ');
    const reader = server.provider(boardId, 'reader', { doc: offline });
    await whenSynced(reader);
    await waitUntil(() => reader.text.toString().includes('from Alice'));

    reader.text.insert(0, 'typed by reader ');
    // Awareness from the same connection is relayed at once; once Alice sees it, the
    // reader's earlier edit message has been handled by the server too.
    reader.provider.awareness.setLocalStateField('marker', 1);
    await waitUntil(
      () => alice.provider.awareness.getStates().get(reader.doc.clientID)?.marker === 1,
    );
    alice.text.insert(alice.text.length, '!');
    await waitUntil(() => reader.text.toString().includes('from Alice!'));
    await waitUntil(() => server.sync.saveState(boardId) === 'saved');

    expect(alice.text.toString()).toBe('from Alice!');
    const stored = (await server.storedDoc(boardId)).getText('text').toString();
    expect(stored).toBe('from Alice!');
  });

  it('keeps awareness working for a read-only principal', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    const reader = server.provider(boardId, 'reader');
    await Promise.all([whenSynced(alice), whenSynced(reader)]);

    reader.provider.awareness.setLocalStateField('cursor', { index: 3 });
    alice.provider.awareness.setLocalStateField('cursor', { index: 7 });
    await waitUntil(
      () =>
        alice.provider.awareness.getStates().get(reader.doc.clientID)?.cursor?.index === 3 &&
        reader.provider.awareness.getStates().get(alice.doc.clientID)?.cursor?.index === 7,
    );
    expect(alice.provider.awareness.getStates().get(reader.doc.clientID)?.user).toEqual({
      id: 'reader',
      name: 'Reader',
      color: '#868e96',
    });
  });
});
