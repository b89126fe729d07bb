import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, readBoard, repairAfterRemoteChanges } from '../../../shared/board';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { createPairRoom } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { once } from '../../helpers/wait';
import { invariantProblems, randomOperation, seededRandom } from '../../unit/board/random-ops';
import { openProvider } from './board-clients';

const CLIENTS = 10;
const OPS_PER_CLIENT = 200;
const SEEDS = Number(process.env.BOARD_SEEDS ?? 20);
const FIRST_SEED = Number(process.env.BOARD_SEED ?? 1);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

/**
 * Ten clients each make 200 random operations in bursts (a burst is one transaction, so one
 * message: the per-connection rate limit stays out of the way), dropping off and coming back
 * at random, and repairing their board after remote changes as the web client does.
 */
async function run(seed: number) {
  const rnd = seededRandom(seed);
  const pair = await createPairRoom(server.mutua);
  const owners = [pair.a.userId, pair.b.userId];
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const person = i % 2 ? pair.b : pair.a;
    const doc = new Y.Doc();
    doc.clientID = seed * 100 + i + 1;
    const { provider } = openProvider(server.url, pair.boardId, person.token, doc);
    const repair = repairAfterRemoteChanges(doc, () => provider.synced);
    provider.on('sync', (synced: boolean) => synced && repair.settle());
    return { person, doc, provider, left: OPS_PER_CLIENT, repair };
  });
  await Promise.all(clients.map((c) => once(c.provider, 'sync')));
  clients.forEach((c) =>
    initBoard(c.doc, { title: `Seed ${seed}`, kind: 'pair', owners }, c.person.userId),
  );
  while (clients.some((c) => c.left > 0)) {
    for (const c of clients) {
      if (rnd.next() < 0.1) {
        if (c.provider.shouldConnect) c.provider.disconnect();
        else c.provider.connect();
      }
      const burst = Math.min(c.left, 1 + rnd.int(20));
      c.left -= burst;
      c.doc.transact(() => {
        for (let k = 0; k < burst; k++) randomOperation(c.doc, rnd, c.person.userId, owners);
      }, c.person.userId);
    }
    // Let the network move between rounds.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  clients.forEach((c) => c.provider.shouldConnect || c.provider.connect());
  const converged = () => {
    // Deletions do not show in state vectors: compare snapshots (vector and delete set).
    const first = Y.snapshot(clients[0]!.doc);
    return (
      clients.every((c) => c.provider.synced) &&
      clients.every((c) => Y.equalSnapshots(Y.snapshot(c.doc), first))
    );
  };
  await expect.poll(converged, { timeout: 20_000, message: `seed ${seed}` }).toBe(true);
  const boards = clients.map((c) => readBoard(c.doc, owners));
  for (const board of boards) expect(board, `seed ${seed}`).toEqual(boards[0]);
  for (const c of clients) expect(invariantProblems(c.doc), `seed ${seed}`).toEqual([]);
  const snapshots = clients.map((c) => Y.snapshot(c.doc));
  for (const s of snapshots) expect(Y.equalSnapshots(s, snapshots[0]!), `seed ${seed}`).toBe(true);

  // What everyone has is what the server stored (the last repairs may still be on the way).
  const storedSnapshot = async () => {
    const log = await new SqlBoardStore(server.mutua.store).load(pair.boardId);
    const stored = new Y.Doc();
    for (const update of log!.updates) Y.applyUpdate(stored, update);
    return Y.equalSnapshots(Y.snapshot(stored), snapshots[0]!);
  };
  await expect.poll(storedSnapshot, { message: `seed ${seed}` }).toBe(true);
  clients.forEach((c) => {
    c.repair.stop();
    c.provider.destroy();
  });
}

describe('ten clients through the real server', () => {
  const seeds = Array.from({ length: SEEDS }, (_, i) => FIRST_SEED + i);
  it.each(seeds)(
    `with seed %i, ${OPS_PER_CLIENT} random operations each and random disconnects end identical`,
    (seed) => run(seed),
  );
});
