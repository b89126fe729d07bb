import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { SqlBoardStore } from '../../server/boards/sql-board-store';
import { loadConfig } from '../../server/config';
import { openStore } from '../../server/store/database';
import type { BoardUpdateLog } from '../../server/yjs/board-store';
import { compactBoardLog, docFromLog } from '../../server/yjs/compaction';
import { BoardContent } from '../../server/yjs/board-content';
import type { SyncLogger } from '../../server/yjs/types';
import { profileInProcess, reportProfiles } from '../lib/profiling';
import { median } from '../lib/stats';
import { seedPairRooms } from '../servers/seed';
import { startTarget } from '../servers/targets';

export interface ColdOpenResult {
  cards: number;
  updates: number;
  logBytes: number;
  /** Server side: `SqlBoardStore.load` + rebuilding the Y.Doc, median of runs (ms). */
  loadMs: number;
  /** Of which reading the rows from SQLite. */
  sqlReadMs: number;
  loadRuns: number[];
  /** The fastest run: on a shared machine, the least disturbed one. */
  loadMinMs: number;
  /**
   * What the server does before it answers a joining client's first sync step 1 on a board
   * not in memory (read the log, then the stored state, or the built document when the log
   * is too long to merge), medians of 5 (ms); the fastest run in `…MinMs`.
   */
  firstAnswerMs: { log: number; compacted: number; compactedWithTail: number };
  firstAnswerMinMs: { log: number; compacted: number; compactedWithTail: number };
  /** Rows of the tail after the snapshot in `compactedWithTail`. */
  tailRows: number;
  /** A provider's connect → `sync` against a freshly started server (board not loaded). */
  firstSyncColdMs: number;
  /** The same on the compacted board. */
  firstSyncColdAfterCompactionMs: number;
  /** The same once the board is loaded. */
  firstSyncWarmMs: number;
  compactMs: number;
  storedBytesAfterCompaction: number;
  encodeStateAsUpdateBytes: number;
  loadAfterCompactionMs: number;
  loadAfterCompactionMinMs: number;
}

const silent: SyncLogger = { debug() {}, info() {}, warn() {}, error() {} };
const KINDS = ['goal', 'lesson', 'resource', 'question', 'next-step'];

/**
 * A large board's history: `cards` cards created one update each, then typing (one
 * character per update, into random cards) until `updates` updates exist.
 */
export function largeBoardLog(cards: number, updates: number): Uint8Array[] {
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  const all = doc.getMap<Y.Map<unknown>>('cards');
  const lanes = [doc.getArray<string>('lane-a'), doc.getArray<string>('lane-b')];
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < cards; i++) {
    doc.transact(() => {
      const card = new Y.Map<unknown>();
      const id = `card-${i}`;
      card.set('kind', KINDS[i % KINDS.length]);
      card.set('text', new Y.Text(`Card ${i}: sell woven textiles in Montréal`));
      card.set('owner', i % 2 ? 'a' : 'b');
      card.set('x', Math.round(random() * 2000));
      card.set('y', Math.round(random() * 2000));
      card.set('lang', ['fr', 'es', 'en'][i % 3]);
      all.set(id, card);
      lanes[i % 2]?.push([id]);
    });
  }
  const typed = 'nous apprenons ensemble ';
  for (let i = 0; log.length < updates; i++) {
    const card = all.get(`card-${Math.floor(random() * cards)}`);
    const text = card?.get('text');
    if (text instanceof Y.Text) text.insert(text.length, typed[i % typed.length] ?? ' ');
  }
  doc.destroy();
  return log;
}

const EMPTY_VECTOR = Y.encodeStateVector(new Y.Doc());

/**
 * The first answer as `LiveBoard` gives it: the stored rows as they are (one snapshot, or a
 * snapshot and a short tail), or the log built once when it is longer.
 */
function firstAnswer(log: BoardUpdateLog, boardId: string): Uint8Array[] {
  const content = new BoardContent(log.updates, {
    boardId,
    logger: silent,
    foldAtBytes: 16 * 1024,
    maxRowsToSend: 500,
  });
  return content.storedRowsFor(EMPTY_VECTOR) ?? [content.missingFor(EMPTY_VECTOR)];
}

async function timeFirstAnswer(store: SqlBoardStore, boardId: string, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const log = await store.load(boardId);
    if (!log) throw new Error('board vanished');
    firstAnswer(log, boardId);
    times.push(performance.now() - t0);
  }
  return times;
}

/** `rows` one-character updates typed into random cards of the board `state` holds. */
function typingAfter(state: Uint8Array, rows: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const tail: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => tail.push(update));
  const cards = [...doc.getMap<Y.Map<unknown>>('cards').values()];
  for (let i = 0; tail.length < rows; i++) {
    const text = cards[(i * 7919) % cards.length]?.get('text');
    if (text instanceof Y.Text) text.insert(0, 'x');
  }
  doc.destroy();
  return tail;
}

async function timeLoad(store: SqlBoardStore, boardId: string, runs: number) {
  const times: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const log = await store.load(boardId);
    if (!log) throw new Error('board vanished');
    reads.push(performance.now() - t0);
    docFromLog(log, boardId, silent).destroy();
    times.push(performance.now() - t0);
  }
  return Object.assign(times, { sqlReadMs: median(reads) });
}

export async function coldOpen(opts: {
  cards: number;
  updates: number;
  /**
   * Also profile, into this folder: three more server-side loads in this process (after the
   * measured ones, so the medians carry no profiler overhead) and the server process of the
   * first-sync measurement.
   */
  cpuProfileDir?: string;
  log?: (line: string) => void;
}): Promise<ColdOpenResult> {
  const say = opts.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutua-bench-cold-'));
  try {
    const [live, offline, tailed] = await seedPairRooms(dataDir, 3);
    if (!live || !offline || !tailed) throw new Error('seeding failed');
    const log = largeBoardLog(opts.cards, opts.updates);
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const store = openStore(config);
    const boards = new SqlBoardStore(store);
    for (const boardId of [live.boardId, offline.boardId, tailed.boardId]) {
      for (let i = 0; i < log.length; i += 1_000)
        await boards.append(boardId, log.slice(i, i + 1_000));
    }
    const logBytes = log.reduce((sum, u) => sum + u.length, 0);
    const loadRuns = await timeLoad(boards, offline.boardId, 5);
    const answerLog = await timeFirstAnswer(boards, offline.boardId, 5);
    const profileDir = opts.cpuProfileDir;
    if (profileDir) {
      const { file } = await profileInProcess(profileDir, 'cold-open-load', () =>
        timeLoad(boards, offline.boardId, 3),
      );
      reportProfiles(profileDir, fs.statSync(file).mtimeMs, 'cold open, server-side load ×3', say);
    }
    const serverStarted = Date.now();

    // First sync through a real server process and a stock provider.
    let server = await startTarget('mutua', 0, { dataDir, cpuProfileDir: opts.cpuProfileDir });
    const sync = async (room = live) => {
      const doc = new Y.Doc();
      const t0 = performance.now();
      const provider = server.openBoard(room, 0, doc);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no sync within 60 s')), 60_000);
        provider.once('sync', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const ms = performance.now() - t0;
      provider.destroy();
      doc.destroy();
      return ms;
    };
    let firstSyncColdMs: number;
    let firstSyncWarmMs: number;
    try {
      firstSyncColdMs = await sync();
      firstSyncWarmMs = median([await sync(), await sync(), await sync()]);
    } finally {
      await server.stop();
    }
    // From the ready line on: the first syncs (cold, then warm), not the start-up.
    if (profileDir) {
      reportProfiles(profileDir, serverStarted, 'cold open, server process, first syncs', say, {
        skipMs: server.startupMs,
      });
    }

    const t0 = performance.now();
    const compacted = await compactBoardLog(boards, offline.boardId, silent);
    const compactMs = performance.now() - t0;
    if (!compacted) throw new Error('nothing compacted');
    const rows = await store.db
      .selectFrom('board_updates')
      .select('data')
      .where('board_id', '=', offline.boardId)
      .execute();
    const storedBytesAfterCompaction = rows.reduce((sum, r) => sum + r.data.byteLength, 0);
    const reference = new Y.Doc();
    for (const update of log) Y.applyUpdate(reference, update);
    const encodeStateAsUpdateBytes = Y.encodeStateAsUpdate(reference).length;
    reference.destroy();
    const after = await timeLoad(boards, offline.boardId, 5);
    const answerCompacted = await timeFirstAnswer(boards, offline.boardId, 5);

    // A board whose server stopped before compacting its last rows: snapshot + tail.
    const TAIL_ROWS = 300;
    await compactBoardLog(boards, tailed.boardId, silent);
    const snapshot = (await boards.load(tailed.boardId))!.updates[0]!;
    await boards.append(tailed.boardId, typingAfter(snapshot, TAIL_ROWS));
    const answerTail = await timeFirstAnswer(boards, tailed.boardId, 5);

    // And the first sync through a fresh server process, on the compacted board.
    server = await startTarget('mutua', 0, { dataDir });
    let firstSyncColdAfterCompactionMs: number;
    try {
      firstSyncColdAfterCompactionMs = await sync(offline);
    } finally {
      await server.stop();
    }
    await store.close();
    return {
      cards: opts.cards,
      updates: log.length,
      logBytes,
      loadMs: median(loadRuns),
      sqlReadMs: loadRuns.sqlReadMs,
      loadRuns: [...loadRuns],
      loadMinMs: Math.min(...loadRuns),
      firstAnswerMs: {
        log: median(answerLog),
        compacted: median(answerCompacted),
        compactedWithTail: median(answerTail),
      },
      firstAnswerMinMs: {
        log: Math.min(...answerLog),
        compacted: Math.min(...answerCompacted),
        compactedWithTail: Math.min(...answerTail),
      },
      tailRows: TAIL_ROWS,
      firstSyncColdMs,
      firstSyncColdAfterCompactionMs,
      firstSyncWarmMs,
      compactMs,
      storedBytesAfterCompaction,
      encodeStateAsUpdateBytes,
      loadAfterCompactionMs: median(after),
      loadAfterCompactionMinMs: Math.min(...after),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
