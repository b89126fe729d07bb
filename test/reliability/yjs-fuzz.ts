import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SqlBoardStore } from '../../server/boards/sql-board-store';
import type { Store } from '../../server/store/database';
import { createPairRoom } from '../helpers/people';
import { openProvider } from '../integration/board/board-clients';
import { pollUntil } from './poll';
import { type Progress, type ScenarioResult, figure, medianAndMax } from './scenario';
import { mulberry32 } from '../helpers/mulberry32';
import { answersHealth, startWatchedServer } from './watched-server';
import { fuzzBatch } from './yjs-fuzz-messages';

export interface YjsFuzzOptions {
  /** Random and mutated messages sent in all. */
  readonly messages: number;
  readonly seed: number;
  /** Messages per fuzz connection (the server closes at the first malformed one). */
  readonly batchSize: number;
  /** Fuzz connections open at once. */
  readonly parallelConnections: number;
}

export const FAST: YjsFuzzOptions = {
  messages: 10_000,
  seed: 20_240_611,
  batchSize: 25,
  parallelConnections: 4,
};
export const FULL: YjsFuzzOptions = { ...FAST, messages: 100_000 };

/** A batch may take this long to be handled (see the note in the result). */
const BATCH_TARGET_MS = 1_000;
/** How often (in rounds) the quiet board's two clients must still co-edit. */
const CHECK_EVERY_ROUNDS = 20;

/**
 * Opens a raw WebSocket to the board, sends the batch without waiting, then waits until
 * the server has read all of it (a ping's pong comes back after every earlier frame) or
 * has closed the connection. Resolves with how long that took, or null when the server
 * refused the connection itself.
 */
async function sendBatch(
  url: string,
  token: string,
  messages: readonly Uint8Array[],
): Promise<number | null> {
  const started = performance.now();
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  ws.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  const opened = await Promise.race([
    new Promise<boolean>((resolve) => ws.once('open', () => resolve(true))),
    closed.then(() => false),
  ]);
  if (!opened) return null;
  for (const message of messages) if (ws.readyState === WebSocket.OPEN) ws.send(message);
  if (ws.readyState === WebSocket.OPEN) {
    const ponged = new Promise<void>((resolve) => ws.once('pong', () => resolve()));
    ws.ping();
    await Promise.race([ponged, closed]);
  }
  const elapsed = performance.now() - started;
  ws.terminate();
  return elapsed;
}

/**
 * Decoder fuzzing of `/yjs`: random and mutated y-websocket messages through raw WebSocket
 * connections to one board of the real server, while two stock providers co-edit another
 * board. Afterwards a fresh provider must still sync the fuzzed board.
 */
export async function yjsFuzz(
  options: YjsFuzzOptions,
  progress: Progress,
): Promise<ScenarioResult> {
  const server = await startWatchedServer();
  const clients: Array<ReturnType<typeof openProvider>> = [];
  try {
    const fuzzed = await createPairRoom(server.mutua);
    const quiet = await createPairRoom(server.mutua);
    const fuzzUrl = `${server.url.replace(/^http/, 'ws')}/yjs/${fuzzed.boardId}`;
    const alice = openProvider(server.url, quiet.boardId, quiet.a.token);
    const bob = openProvider(server.url, quiet.boardId, quiet.b.token);
    clients.push(alice, bob);
    const bothSynced = await pollUntil(() => alice.provider.synced && bob.provider.synced, 10_000);
    if (!bothSynced) throw new Error('the quiet board’s clients never synced: nothing to fuzz');

    const random = mulberry32(options.seed);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const batchMs: number[] = [];
    let sent = 0;
    let refused = 0;
    let coEditChecks = 0;
    let coEditFailures = 0;
    const started = performance.now();
    for (let round = 0; sent < options.messages; round++) {
      const batches = Array.from({ length: options.parallelConnections }, () =>
        fuzzBatch(random, options.batchSize),
      );
      const durations = await Promise.all(
        batches.map((messages) => sendBatch(fuzzUrl, fuzzed.a.token, messages)),
      );
      for (const [i, ms] of durations.entries()) {
        if (ms === null) refused += 1;
        else {
          batchMs.push(ms);
          sent += batches[i]!.length;
        }
      }
      if (round % CHECK_EVERY_ROUNDS === 0) {
        // The process answers, and another board's clients still co-edit.
        const marker = `${round};`;
        alice.doc.getText('text').insert(0, marker);
        coEditChecks += 1;
        const relayed = await pollUntil(() =>
          bob.doc.getText('text').toString().startsWith(marker),
        );
        if (!relayed) coEditFailures += 1;
        if (round % (CHECK_EVERY_ROUNDS * 25) === 0) progress(`yjs fuzz: ${sent} messages sent`);
      }
      // A server that refuses connections has failed this run already; do not spin on it.
      if (refused > 10) break;
    }
    const fuzzSeconds = (performance.now() - started) / 1000;
    delay.disable();

    // Even the fuzzed board still serves a fresh stock client, which can apply all of it.
    const late = openProvider(server.url, fuzzed.boardId, fuzzed.b.token);
    clients.push(late);
    const lateSynced = await pollUntil(() => late.provider.synced, 10_000);
    // And its stored log rebuilds into the same document the fresh client received.
    const stored = await storedDoc(server.mutua.store, fuzzed.boardId);
    const rebuilds = stored !== null && appliesCleanly(stored);
    const sameAsLate =
      lateSynced &&
      stored !== null &&
      (await pollUntil(async () => {
        const now = await storedDoc(server.mutua.store, fuzzed.boardId);
        return now !== null && Y.equalSnapshots(Y.snapshot(now), Y.snapshot(late.doc));
      }));
    const healthy = await answersHealth(server.url);
    const problems = [...server.problems(), ...(healthy ? [] : ['/healthz did not answer'])];

    const batches = medianAndMax(batchMs);
    const stallMs = delay.max / 1e6;
    return {
      title: 'Decoder fuzzing of the Yjs endpoint',
      setup:
        `${sent} random and mutated y-websocket messages (seed ${options.seed}) in batches of ` +
        `${options.batchSize}, ${options.parallelConnections} raw connections at a time, to one ` +
        `board of the real server (SQLite) in ${fuzzSeconds.toFixed(1)} s, while two stock ` +
        `providers co-edit another board; then a fresh provider syncs the fuzzed board.`,
      figures: [
        figure('messages tried', sent),
        figure('server crashes or unhandled errors', problems.length, { target: { max: 0 } }),
        figure('fuzz connections refused', refused, { target: { max: 0 } }),
        figure('longest batch handling', Math.round(batches.max), {
          unit: 'ms',
          target: { max: BATCH_TARGET_MS },
        }),
        figure('median batch handling', Math.round(batches.median), { unit: 'ms' }),
        figure('longest event-loop stall', Math.round(stallMs), { unit: 'ms' }),
        figure('co-editing checks on another board that failed', coEditFailures, {
          target: { max: 0 },
        }),
        figure('healthy client synced after fuzz', lateSynced ? 1 : 0, { target: { min: 1 } }),
        figure(
          'stored fuzzed board rebuilds as the client sees it',
          rebuilds && sameAsLate ? 1 : 0,
          {
            target: { min: 1 },
          },
        ),
      ],
      notes: [
        `A batch is one connection: open, ${options.batchSize} messages sent at once, then a ping ` +
          'whose pong (or the close) shows the server has read them all. Its time includes the ' +
          'upgrade and authorisation. The target of ' +
          `${BATCH_TARGET_MS} ms is what a person on the board would notice as a stall; the ` +
          'server runs in the fuzzing process, so the longest event-loop stall bounds the time ' +
          'spent on any one message.',
        `The other board's clients were checked co-editing ${coEditChecks} times during the fuzz.`,
        ...problems.slice(0, 10),
      ],
    };
  } finally {
    for (const { provider, doc } of clients) {
      provider.destroy();
      // Its awareness timer would otherwise keep the document alive.
      doc.destroy();
    }
    await server.stop();
  }
}

/** The board as stored, rebuilt from its log; null when missing or when a row does not apply. */
async function storedDoc(store: Store, boardId: string): Promise<Y.Doc | null> {
  const log = await new SqlBoardStore(store).load(boardId);
  if (log === null) return null;
  const doc = new Y.Doc();
  try {
    for (const update of log.updates) Y.applyUpdate(doc, update);
  } catch {
    return null;
  }
  return doc;
}

function appliesCleanly(doc: Y.Doc): boolean {
  try {
    Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc));
    return true;
  } catch {
    return false;
  }
}
