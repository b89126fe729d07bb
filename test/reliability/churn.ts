import { metric, type Metrics } from '../helpers/metrics';
import { tempDir } from '../helpers/temp-dir';
import { samplePeaks } from './metrics-sampler';
import { spawnObservedServer, untilIdle, type ObservedServer } from './observed-server';
import { figure, type Progress, type ScenarioResult } from './scenario';
import { seedPairRooms } from './seed-rooms';
import { missingCards } from './stored-boards';
import { emptyTally, visitRooms, type VisitLoad } from './visitors';

export interface ChurnOptions extends VisitLoad {
  rooms: number;
  /** Churn before the start figures, so that they include what a busy server always holds. */
  warmupMs: number;
  durationMs: number;
  /** The server's BOARD_UNLOAD_AFTER_MS: short, so that "after the grace period" comes soon. */
  unloadAfterMs: number;
  sampleEveryMs: number;
}

export const FULL: ChurnOptions = {
  rooms: 200,
  concurrency: 40,
  pauseMs: 200,
  warmupMs: 30_000,
  durationMs: 10 * 60_000,
  unloadAfterMs: 2_000,
  sampleEveryMs: 1_000,
};

export const FAST: ChurnOptions = {
  rooms: 20,
  concurrency: 10,
  pauseMs: 100,
  warmupMs: 4_000,
  durationMs: 15_000,
  unloadAfterMs: 1_000,
  sampleEveryMs: 500,
};

/** Tolerated growth of resident memory from start to end: more suggests a leak. */
const MAX_MEMORY_GROWTH_PERCENT = 10;
/** Descriptors may differ by a few (a log stream, a database handle opened lazily). */
const MAX_FD_GAIN = 2;

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
const percent = (from: number, to: number) => Math.round(((to - from) / from) * 1000) / 10;

/**
 * Connect/disconnect churn against the real server in its own process: visitors open and
 * close rooms (Socket.IO and the board) across many rooms at once. Memory, descriptors
 * and boards in memory must come back once everyone has left and the boards unloaded.
 */
export async function churn(
  options: ChurnOptions = FAST,
  progress: Progress = () => undefined,
): Promise<ScenarioResult> {
  const data = tempDir('mutua-churn-');
  const idleWithinMs = options.unloadAfterMs + 20_000;
  try {
    progress(`churn: seeding ${options.rooms} pair rooms`);
    const rooms = await seedPairRooms(data.path, options.rooms);
    const server = await spawnObservedServer(
      { DATA_DIR: data.path, BOARD_UNLOAD_AFTER_MS: String(options.unloadAfterMs) },
      { inspector: true },
    );
    try {
      const tally = emptyTally();
      progress(`churn: warming up for ${options.warmupMs / 1000} s`);
      await visitRooms(server.url, rooms, options, options.warmupMs, tally);
      const start = await readAtIdle(server, idleWithinMs);
      const warmupVisits = tally.visits;

      progress(`churn: ${options.durationMs / 1000} s over ${options.rooms} rooms`);
      const startedAt = Date.now();
      let lastReport = startedAt;
      const sampler = samplePeaks(server, options.sampleEveryMs, (peaks) => {
        if (Date.now() - lastReport < 30_000) return;
        lastReport = Date.now();
        progress(
          `churn: ${Math.round((lastReport - startedAt) / 1000)} s, ` +
            `${tally.visits - warmupVisits} visits, peak RSS ${mb(peaks.rssBytes)} MB`,
        );
      });
      await visitRooms(server.url, rooms, options, options.durationMs, tally);
      const peaks = await sampler.stop();
      const end = await readAtIdle(server, idleWithinMs);

      const crashedBefore = server.crashed();
      const exit = await server.stop();
      const crashed = crashedBefore || exit.code !== 0;
      const missing = await missingCards(data.path, tally.cards);
      return result(options, {
        start: start.collected,
        endBeforeGc: end.uncollected,
        end: end.collected,
        peakRss: peaks.rssBytes,
        peakBoards: peaks.boardsLoaded,
        worstLoopP99: peaks.eventLoopP99Seconds,
        visits: tally.visits - warmupVisits,
        failures: tally.failures,
        errors: tally.errors,
        missing,
        crashed,
        startIdle: start.idle,
      });
    } finally {
      await server.stop();
    }
  } finally {
    data.remove();
  }
}

/**
 * Once the server is idle (every board unloaded, no connection): its metrics as they are,
 * then after a full garbage collection. Without the collection, idle readings vary with
 * the moment V8 last collected (by ±25 % in trial runs) and compare garbage, not leaks.
 */
async function readAtIdle(server: ObservedServer, withinMs: number) {
  const { metrics: uncollected, idle } = await untilIdle(server, withinMs);
  await server.collectGarbage();
  const collected = await server.metrics();
  return { uncollected, collected, idle };
}

interface ChurnOutcome {
  start: Metrics;
  endBeforeGc: Metrics;
  end: Metrics;
  peakRss: number;
  peakBoards: number;
  worstLoopP99: number;
  visits: number;
  failures: number;
  errors: string[];
  missing: number;
  crashed: boolean;
  startIdle: boolean;
}

function result(options: ChurnOptions, o: ChurnOutcome): ScenarioResult {
  const rss = (m: Metrics) => metric(m, 'process_resident_memory_bytes');
  const heap = (m: Metrics) => metric(m, 'nodejs_heap_used_bytes');
  const fds = (m: Metrics) => metric(m, 'process_open_fds');
  const open = (m: Metrics) =>
    metric(m, 'mutua_yjs_connections') + metric(m, 'mutua_socketio_connections');
  const notes = [
    `Start figures are read after ${options.warmupMs / 1000} s of the same churn and once the ` +
      'server is idle again (no connection, no board loaded): they include what a server ' +
      'that has been busy keeps (compiled code, caches, pools). End figures are read ' +
      'the same way, once every visitor left and every board unloaded.',
    'Each visit opens Socket.IO (join, a presence change, a chat message every third visit) ' +
      'and the board over y-websocket (sync, one new card) at the same time, then closes both. ' +
      'A connection failure is a visit of which any step failed or took over 10 s.',
    'Start and end memory are read after a full garbage collection requested through the ' +
      "V8 inspector (as DevTools' Collect garbage does): they measure what the server " +
      'retains. The end reading before that collection is reported too: it is what a ' +
      'metrics graph shows at that moment, garbage included, and varies with when V8 last ' +
      'collected by itself.',
  ];
  if (!o.startIdle) notes.push('The server was not idle before the start figures were read.');
  if (o.errors.length) notes.push(`First failures: ${o.errors.join(' | ')}`);
  return {
    title: 'Connect/disconnect churn across many rooms',
    setup:
      `${options.rooms} pair rooms, ${options.concurrency} visits at once with ` +
      `${options.pauseMs} ms between a visitor's visits, for ${options.durationMs / 1000} s ` +
      `after ${options.warmupMs / 1000} s of warm-up. The server runs as its own process ` +
      `with BOARD_UNLOAD_AFTER_MS=${options.unloadAfterMs}.`,
    figures: [
      figure('visits', o.visits, { target: { min: options.rooms } }),
      figure('connection failures', o.failures, { target: { max: 0 } }),
      figure('server crashes', o.crashed ? 1 : 0, { target: { max: 0 } }),
      figure('resident memory at start', mb(rss(o.start)), { unit: 'MB' }),
      figure('resident memory, peak', mb(o.peakRss), { unit: 'MB' }),
      figure('resident memory at end, before the collection', mb(rss(o.endBeforeGc)), {
        unit: 'MB',
      }),
      figure('resident memory at end', mb(rss(o.end)), { unit: 'MB' }),
      figure('memory growth end vs start', percent(rss(o.start), rss(o.end)), {
        unit: '%',
        target: { max: MAX_MEMORY_GROWTH_PERCENT },
      }),
      figure('heap used at start', mb(heap(o.start)), { unit: 'MB' }),
      figure('heap used at end', mb(heap(o.end)), { unit: 'MB' }),
      figure('heap growth end vs start', percent(heap(o.start), heap(o.end)), { unit: '%' }),
      figure('open file descriptors at start', fds(o.start)),
      figure('open file descriptors at end', fds(o.end)),
      figure('open file descriptors gained', fds(o.end) - fds(o.start), {
        target: { max: MAX_FD_GAIN },
      }),
      figure('boards loaded, peak', o.peakBoards),
      figure(
        'boards left in memory after the unload delay',
        metric(o.endBeforeGc, 'mutua_boards_loaded'),
        { target: { max: 0 } },
      ),
      figure('connections left open', open(o.endBeforeGc), { target: { max: 0 } }),
      figure('cards added and missing from the stored boards', o.missing, { target: { max: 0 } }),
      figure('event-loop delay p99, worst interval', Math.round(o.worstLoopP99 * 1000), {
        unit: 'ms',
      }),
    ],
    notes,
  };
}
