import { afterEach, describe, expect, it } from 'vitest';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';
import { decodeAwarenessEntries } from '../../../server/yjs/awareness-entries';
import { wire } from './raw-client';

const ALICE_USER = { id: 'alice', name: 'Alice', color: '#d9480f' };

describe('awareness with server-stamped identity', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('replaces the user a client claims with the identity of its principal', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    const bob = server.provider(boardId, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);

    alice.provider.awareness.setLocalState({
      user: { id: 'bob', name: 'Bob', color: '#000000' },
      cursor: { anchor: 4 },
    });
    await waitUntil(
      () => bob.provider.awareness.getStates().get(alice.doc.clientID)?.cursor?.anchor === 4,
    );
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({
      user: ALICE_USER,
      cursor: { anchor: 4 },
    });
  });

  it("drops updates and removals aimed at another connection's client id", async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    const carol = server.provider(boardId, 'carol');
    await Promise.all([whenSynced(alice), whenSynced(carol)]);
    alice.provider.awareness.setLocalStateField('cursor', 1);
    await waitUntil(
      () => carol.provider.awareness.getStates().get(alice.doc.clientID)?.cursor === 1,
    );
    const aliceClock = carol.provider.awareness.meta.get(alice.doc.clientID)!.clock;

    const bob = await server.raw(boardId, 'bob');
    const aliceId = alice.doc.clientID;
    bob.send(
      wire.awareness([{ clientId: aliceId, clock: aliceClock + 10, state: { cursor: 99 } }]),
    );
    bob.send(wire.awareness([{ clientId: aliceId, clock: aliceClock + 20, state: null }]));
    // Bob's own id comes last; once Carol sees it, the server handled the two above.
    bob.send(wire.awareness([{ clientId: 4242, clock: 1, state: { cursor: 5 } }]));
    // A second id is not his either: a connection owns the first id it introduced.
    bob.send(wire.awareness([{ clientId: 4343, clock: 1, state: { cursor: 6 } }]));
    bob.send(wire.awareness([{ clientId: 4242, clock: 2, state: { cursor: 7 } }]));
    await waitUntil(() => carol.provider.awareness.getStates().get(4242)?.cursor === 7);

    const states = carol.provider.awareness.getStates();
    expect(states.get(aliceId)).toEqual({ user: ALICE_USER, cursor: 1 });
    expect(states.has(4343)).toBe(false);
    expect(states.get(4242)?.user).toEqual({ id: 'bob', name: 'Bob', color: '#1971c2' });
  });

  it('relays each newer state once, as stamped, and drops one with an older clock', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const watcher = await server.raw(boardId, 'carol');
    const bob = await server.raw(boardId, 'bob');
    await watcher.roundTrip();
    const before = watcher.ofKind('awareness').length;
    bob.send(wire.awareness([{ clientId: 4242, clock: 5, state: { cursor: 1 } }]));
    bob.send(wire.awareness([{ clientId: 4242, clock: 3, state: { cursor: 2 } }]));
    bob.send(wire.awareness([{ clientId: 4242, clock: 6, state: { cursor: 3 } }]));
    await bob.roundTrip();
    await watcher.roundTrip();

    const relayed = watcher
      .ofKind('awareness')
      .slice(before)
      .flatMap((message) => decodeAwarenessEntries(message.payload));
    const bobUser = { id: 'bob', name: 'Bob', color: '#1971c2' };
    expect(relayed).toEqual([
      { clientId: 4242, clock: 5, state: { cursor: 1, user: bobUser } },
      { clientId: 4242, clock: 6, state: { cursor: 3, user: bobUser } },
    ]);
    // A client joining now gets the newest state.
    const late = await server.raw(boardId, 'alice');
    await waitUntil(() => late.ofKind('awareness').length > 0);
    const [known] = decodeAwarenessEntries(late.ofKind('awareness')[0]!.payload);
    expect(known).toEqual({ clientId: 4242, clock: 6, state: { cursor: 3, user: bobUser } });
  });

  it("removes a connection's awareness for everyone as soon as it drops", async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const carol = server.provider(boardId, 'carol');
    await whenSynced(carol);

    const alice = await server.raw(boardId, 'alice');
    alice.send(wire.awareness([{ clientId: 777, clock: 3, state: { cursor: 1 } }]));
    await waitUntil(() => carol.provider.awareness.getStates().has(777));
    // No close frame and no removal message: the server must notice the socket went away.
    alice.terminate();
    await waitUntil(() => !carol.provider.awareness.getStates().has(777));
    expect(server.sync.connectionCount).toBe(1);
  });

  it('shows a provider that reconnects again at once, although it resends an old clock', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    const carol = server.provider(boardId, 'carol');
    await Promise.all([whenSynced(alice), whenSynced(carol)]);
    alice.provider.awareness.setLocalStateField('cursor', 2);
    const aliceId = alice.doc.clientID;
    await waitUntil(() => carol.provider.awareness.getStates().get(aliceId)?.cursor === 2);

    alice.provider.ws?.close();
    await waitUntil(() => !carol.provider.awareness.getStates().has(aliceId));
    await whenSynced(alice);
    await waitUntil(() => carol.provider.awareness.getStates().get(aliceId)?.cursor === 2);
  });

  it('answers an awareness query with every current state', async () => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const alice = server.provider(boardId, 'alice');
    await whenSynced(alice);
    alice.provider.awareness.setLocalStateField('cursor', 8);

    const bob = await server.raw(boardId, 'bob');
    await bob.roundTrip();
    const before = bob.ofKind('awareness').length;
    bob.send(wire.queryAwareness());
    await waitUntil(() => bob.ofKind('awareness').length > before);
  });
});
