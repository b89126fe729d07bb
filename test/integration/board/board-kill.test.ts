import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../../shared/board';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { openStore } from '../../../server/store/database';
import { createPairRoom } from '../../helpers/people';
import { spawnServer, startServer, type ServerProcess } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';
import { once } from '../../helpers/wait';
import { randomOperation, seededRandom } from '../../unit/board/random-ops';
import { openProvider } from './board-clients';

const CLIENTS = 10;
const ROUNDS = 5;
const data = tempDir();
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  const seed = await startServer({}, data.path);
  fixture = await createPairRoom(seed.mutua);
  await seed.stop({ keepData: true });
});
afterAll(() => data.remove());

/** The board as stored, read with no server running and no client connected. */
async function storedBoard(): Promise<Y.Doc> {
  const store = openStore({ dataDir: data.path, databaseUrl: undefined });
  try {
    const log = await new SqlBoardStore(store).load(fixture.boardId);
    const doc = new Y.Doc();
    for (const update of log!.updates) Y.applyUpdate(doc, update);
    return doc;
  } finally {
    await store.close();
  }
}

/** True when `doc` holds every insertion and deletion of `updates`. */
function containsAll(doc: Y.Doc, updates: Uint8Array[]): boolean {
  const merged = new Y.Doc();
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  for (const update of updates) Y.applyUpdate(merged, update);
  return Y.equalSnapshots(Y.snapshot(merged), Y.snapshot(doc));
}

const owners = () => [fixture.a.userId, fixture.b.userId];

describe('a server killed with SIGKILL while ten people edit', () => {
  it(`keeps every edit it relayed to anyone, and everyone converges after the restart (${ROUNDS} kills)`, async () => {
    let server: ServerProcess = await spawnServer({ DATA_DIR: data.path });
    const docs = Array.from({ length: CLIENTS }, () => new Y.Doc());
    for (let round = 1; round <= ROUNDS; round++) {
      const seed = Number(process.env.BOARD_SEED ?? 7) * 100 + round;
      const rnd = seededRandom(seed);
      const people = docs.map((doc, i) => {
        const person = i % 2 ? fixture.b : fixture.a;
        return { person, ...openProvider(server.url, fixture.boardId, person.token, doc) };
      });
      await Promise.all(people.map((p) => once(p.provider, 'sync')));
      // What the server relayed: every update a client received from it.
      const relayed: Uint8Array[] = [];
      const listeners = people.map((p) => {
        const listener = (update: Uint8Array, origin: unknown) => {
          if (origin === p.provider) relayed.push(update);
        };
        p.doc.on('update', listener);
        return listener;
      });
      people.forEach((p) =>
        initBoard(p.doc, { title: 'Kill test', kind: 'pair', owners: owners() }, 'init'),
      );
      const editing = setInterval(() => {
        const p = rnd.pick(people);
        randomOperation(p.doc, rnd, p.person.userId, owners());
      }, 2);
      // Kill mid-stream, once edits are flowing to the others.
      await expect.poll(() => relayed.length, { timeout: 15_000 }).toBeGreaterThan(60);
      server.proc.kill('SIGKILL');
      const exit = await server.exited;
      clearInterval(editing);
      const seen = [...relayed];
      people.forEach((p, i) => {
        p.doc.off('update', listeners[i]!);
        p.provider.destroy();
      });
      expect(exit.signal, `round ${round}, seed ${seed}`).toBe('SIGKILL');

      const stored = await storedBoard();
      expect(
        containsAll(stored, seen),
        `round ${round}, seed ${seed}: a relayed edit is missing`,
      ).toBe(true);

      // Restart on the same data; the same documents reconnect and bring their unsent edits.
      server = await spawnServer({ DATA_DIR: data.path });
      const again = docs.map((doc, i) =>
        openProvider(server.url, fixture.boardId, (i % 2 ? fixture.b : fixture.a).token, doc),
      );
      await Promise.all(again.map((p) => once(p.provider, 'sync')));
      // Deletions do not show in state vectors: compare snapshots (vector and delete set).
      const converged = () =>
        docs.every((d) => Y.equalSnapshots(Y.snapshot(d), Y.snapshot(docs[0]!)));
      await expect.poll(converged, { timeout: 15_000 }).toBe(true);
      expect(containsAll(docs[0]!, [Y.encodeStateAsUpdate(stored)])).toBe(true);
      again.forEach((p) => p.provider.destroy());
    }
    server.proc.kill('SIGKILL');
    await server.exited;
  }, 60_000);
});
