import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { initBoard, readBoard, repairAfterRemoteChanges } from '../../shared/board';
import { SqlBoardStore } from '../../server/boards/sql-board-store';
import { createPairRoom } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';
import { once } from '../helpers/wait';
import { openProvider } from '../integration/board/board-clients';
import { invariantProblems, randomOperation, seededRandom } from '../unit/board/random-ops';
import { pollUntil } from './poll';
import { type Progress, type ScenarioResult, figure, medianAndMax } from './scenario';

export interface ConvergenceOptions {
  /** Seeds run one after another, each on a fresh pair room: `firstSeed`, `firstSeed + 1`, … */
  readonly seeds: number;
  readonly firstSeed: number;
  readonly clients: number;
  readonly opsPerClient: number;
}

/**
 * Ten seeds take about 15 s on the 2-core CI machine; twenty (the old test) no longer fit
 * one integration test's budget once the whole suite shares those cores.
 */
export const FAST: ConvergenceOptions = { seeds: 10, firstSeed: 1, clients: 10, opsPerClient: 200 };
export const FULL: ConvergenceOptions = { ...FAST, seeds: 200 };

/** How long the clients may take to agree once every one of them is connected again. */
const CONVERGE_TIMEOUT_MS = 20_000;

export interface ConvergenceResult extends ScenarioResult {
  /** What differed, per divergent seed: `seed 7: ...`. */
  readonly divergences: readonly string[];
}

/**
 * Randomized board convergence through the real server: per seed, ten stock providers make
 * 200 random board operations each, in bursts, dropping off and coming back at random and
 * repairing after remote changes as the web client does. They must end identical to each
 * other and to what the server stored.
 */
export async function convergence(
  options: ConvergenceOptions,
  progress: Progress,
): Promise<ConvergenceResult> {
  const server = await startServer();
  try {
    const divergences: string[] = [];
    const convergeMs: number[] = [];
    let seedsRun = 0;
    let operations = 0;
    const started = performance.now();
    for (let i = 0; i < options.seeds; i++) {
      const seed = options.firstSeed + i;
      const outcome = await runSeed(server, seed, options);
      if (outcome.problems.length) divergences.push(`seed ${seed}: ${outcome.problems.join('; ')}`);
      convergeMs.push(outcome.convergeMs);
      seedsRun += 1;
      operations += outcome.operations;
      if (seedsRun % 10 === 0) progress(`convergence: ${seedsRun}/${options.seeds} seeds`);
    }
    const seconds = (performance.now() - started) / 1000;
    const converge = medianAndMax(convergeMs);
    const last = options.firstSeed + options.seeds - 1;
    return {
      title: 'Randomized board convergence through the real server',
      setup:
        `Seeds ${options.firstSeed}–${last}: each ${options.clients} y-websocket clients × ` +
        `${options.opsPerClient} random board operations in bursts, with random disconnects, ` +
        `on a fresh pair room of the real server (SQLite); ${seconds.toFixed(0)} s in all.`,
      figures: [
        figure('seeds run', seedsRun),
        figure('divergences', divergences.length, { target: { max: 0 } }),
        figure('operations made', operations),
        figure('median time to converge', Math.round(converge.median), { unit: 'ms' }),
        figure('longest time to converge', Math.round(converge.max), { unit: 'ms' }),
      ],
      notes: [
        'A seed diverges when, once everyone is connected again, the clients do not reach ' +
          `identical Yjs snapshots within ${CONVERGE_TIMEOUT_MS / 1000} s, read different ` +
          'boards, break a board invariant, or differ from the board the server stored. Time ' +
          'to converge runs from the last reconnect to the stored board matching.',
        ...divergences.slice(0, 10),
      ],
      divergences,
    };
  } finally {
    await server.stop();
  }
}

async function runSeed(
  server: TestServer,
  seed: number,
  options: ConvergenceOptions,
): Promise<{ problems: string[]; convergeMs: number; operations: number }> {
  const rnd = seededRandom(seed);
  const pair = await createPairRoom(server.mutua);
  const owners = [pair.a.userId, pair.b.userId];
  const clients = Array.from({ length: options.clients }, (_, i) => {
    const person = i % 2 ? pair.b : pair.a;
    const doc = new Y.Doc();
    doc.clientID = seed * 100 + i + 1;
    const { provider } = openProvider(server.url, pair.boardId, person.token, doc);
    const repair = repairAfterRemoteChanges(doc, () => provider.synced);
    provider.on('sync', (synced: boolean) => synced && repair.settle());
    return { person, doc, provider, left: options.opsPerClient, repair };
  });
  try {
    await Promise.all(clients.map((c) => once(c.provider, 'sync')));
    clients.forEach((c) =>
      initBoard(c.doc, { title: `Seed ${seed}`, kind: 'pair', owners }, c.person.userId),
    );
    let operations = 0;
    while (clients.some((c) => c.left > 0)) {
      for (const c of clients) {
        if (rnd.next() < 0.1) {
          if (c.provider.shouldConnect) c.provider.disconnect();
          else c.provider.connect();
        }
        // A burst is one transaction, so one message: the per-connection rate limit stays
        // out of the way.
        const burst = Math.min(c.left, 1 + rnd.int(20));
        c.left -= burst;
        c.doc.transact(() => {
          for (let k = 0; k < burst; k++) randomOperation(c.doc, rnd, c.person.userId, owners);
        }, c.person.userId);
        operations += burst;
      }
      // Let the network move between rounds.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const reconnectedAt = performance.now();
    clients.forEach((c) => c.provider.shouldConnect || c.provider.connect());
    const problems = await divergence(server, pair.boardId, clients, owners);
    return { problems, convergeMs: performance.now() - reconnectedAt, operations };
  } finally {
    clients.forEach((c) => {
      c.repair.stop();
      c.provider.destroy();
      // The provider leaves its awareness running, whose timer holds the document: a soak
      // of two hundred seeds would keep every client's board in memory.
      c.doc.destroy();
    });
  }
}

/** What keeps the clients from being identical to each other and to the stored board. */
async function divergence(
  server: TestServer,
  boardId: string,
  clients: ReadonlyArray<{ doc: Y.Doc; provider: { synced: boolean } }>,
  owners: string[],
): Promise<string[]> {
  // Deletions do not show in state vectors: compare snapshots (vector and delete set).
  const converged = () => {
    const first = Y.snapshot(clients[0]!.doc);
    return (
      clients.every((c) => c.provider.synced) &&
      clients.every((c) => Y.equalSnapshots(Y.snapshot(c.doc), first))
    );
  };
  if (!(await pollUntil(converged, CONVERGE_TIMEOUT_MS))) {
    const unsynced = clients.filter((c) => !c.provider.synced).length;
    return [`clients still differ after ${CONVERGE_TIMEOUT_MS} ms (${unsynced} not synced)`];
  }
  const problems: string[] = [];
  const boards = clients.map((c) => readBoard(c.doc, owners));
  const differing = boards.filter((board) => !isDeepStrictEqual(board, boards[0])).length;
  if (differing) problems.push(`${differing} clients read a different board from the same state`);
  for (const [i, c] of clients.entries()) {
    const broken = invariantProblems(c.doc);
    if (broken.length) problems.push(`client ${i}: ${broken.join(', ')}`);
  }
  // What everyone has is what the server stored (the last repairs may still be on the way).
  const agreed = Y.snapshot(clients[0]!.doc);
  const storedMatches = async () => {
    const log = await new SqlBoardStore(server.mutua.store).load(boardId);
    const stored = new Y.Doc();
    for (const update of log?.updates ?? []) Y.applyUpdate(stored, update);
    return Y.equalSnapshots(Y.snapshot(stored), agreed);
  };
  if (!(await pollUntil(storedMatches, 10_000))) problems.push('the stored board differs');
  return problems;
}
