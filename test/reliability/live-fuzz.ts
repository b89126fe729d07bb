import type { ClientEventName } from '../../shared/events';
import type { Store } from '../../server/store/database';
import { createPairRoom } from '../helpers/people';
import { connectAs, ok, request } from '../integration/live/live-helpers';
import { CLIENT_EVENTS, invalidPayload } from './live-fuzz-payloads';
import { type Progress, type ScenarioResult, figure, medianAndMax } from './scenario';
import { mulberry32 } from '../helpers/mulberry32';
import { answersHealth, startWatchedServer } from './watched-server';

export interface LiveFuzzOptions {
  /** Invalid payloads sent in all, spread evenly over every client event. */
  readonly payloads: number;
  readonly seed: number;
  /** Requests in flight at once (two sockets share them). */
  readonly concurrency: number;
}

export const FAST: LiveFuzzOptions = { payloads: 10_000, seed: 20_260_401, concurrency: 250 };
export const FULL: LiveFuzzOptions = { ...FAST, payloads: 100_000 };

/** An acknowledgement may take this long with `concurrency` requests queued (see notes). */
const ACK_TARGET_MS = 2_000;

export interface LiveFuzzResult extends ScenarioResult {
  /** Each invalid payload the server accepted, or answered with an unexpected code. */
  readonly failures: readonly string[];
}

/** Rows that a live event can add: none may appear for an invalid payload. */
async function storedRows(store: Store) {
  const count = async (table: 'live_chat_messages' | 'live_sessions' | 'live_session_turns') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    chat: await count('live_chat_messages'),
    sessions: await count('live_sessions'),
    turns: await count('live_session_turns'),
  };
}

const brief = (payload: unknown) => JSON.stringify(payload)?.slice(0, 200) ?? 'undefined';

/**
 * Fuzzing of every Socket.IO client event: payloads that the event's own shared schema
 * refuses, sent by two members of a room, round-robin over every event of the contract.
 * Each must be answered `validation_failed`, store nothing, and leave both sockets connected.
 */
export async function liveFuzz(
  options: LiveFuzzOptions,
  progress: Progress,
): Promise<LiveFuzzResult> {
  // A generous event budget: the fuzz is about validation, not the rate limit.
  const server = await startWatchedServer({ live: { eventsPerSecond: 1_000_000 } });
  try {
    const { roomId, a, b } = await createPairRoom(server.mutua);
    const sockets = [await connectAs(server, a), await connectAs(server, b)];
    for (const socket of sockets) await ok(socket, 'room:join', { roomId });
    const before = await storedRows(server.mutua.store);

    const random = mulberry32(options.seed);
    const perEvent = new Map<ClientEventName, number>(CLIENT_EVENTS.map((e) => [e, 0]));
    const codes = new Map<string, number>();
    const failures: string[] = [];
    const ackMs: number[] = [];
    let sent = 0;
    let accepted = 0;
    let unexpected = 0;
    let unanswered = 0;
    const started = performance.now();
    while (sent < options.payloads) {
      const size = Math.min(options.concurrency, options.payloads - sent);
      const batch = Array.from({ length: size }, async (_, i) => {
        const event = CLIENT_EVENTS[(sent + i) % CLIENT_EVENTS.length]!;
        const payload = invalidPayload(random, event, roomId);
        const socket = sockets[i % sockets.length]!;
        const t0 = performance.now();
        try {
          const result = await request(socket, event, payload);
          return { event, payload, result, ms: performance.now() - t0 };
        } catch {
          return { event, payload, result: null, ms: performance.now() - t0 };
        }
      });
      for (const { event, payload, result, ms } of await Promise.all(batch)) {
        perEvent.set(event, perEvent.get(event)! + 1);
        if (result === null) {
          unanswered += 1;
          failures.push(`no answer to ${event} ${brief(payload)}`);
          continue;
        }
        ackMs.push(ms);
        if (result.ok) {
          accepted += 1;
          failures.push(`accepted ${event} ${brief(payload)}`);
          continue;
        }
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        if (result.code !== 'validation_failed') {
          unexpected += 1;
          failures.push(`answered ${result.code} to ${event} ${brief(payload)}`);
        }
      }
      sent += size;
      if (sent % (options.concurrency * 40) === 0) progress(`live fuzz: ${sent} payloads sent`);
    }
    const fuzzSeconds = (performance.now() - started) / 1000;

    const after = await storedRows(server.mutua.store);
    const rowsChanged =
      Math.abs(after.chat - before.chat) +
      Math.abs(after.sessions - before.sessions) +
      Math.abs(after.turns - before.turns);
    // The server and both sockets live on: still connected, and a valid join still works.
    let dropped = 0;
    for (const socket of sockets) {
      const joined = socket.connected
        ? await request(socket, 'room:join', { roomId }).catch(() => null)
        : null;
      if (!joined?.ok) dropped += 1;
      socket.close();
    }
    const healthy = await answersHealth(server.url);
    const problems = [...server.problems(), ...(healthy ? [] : ['/healthz did not answer'])];
    const neverFuzzed = [...perEvent].filter(([, n]) => n === 0).map(([event]) => event);
    const acks = medianAndMax(ackMs);

    return {
      title: 'Fuzzing every Socket.IO client event',
      setup:
        `${sent} payloads that their event's schema refuses (seed ${options.seed}), round-robin ` +
        `over all ${CLIENT_EVENTS.length} client events, ${options.concurrency} in flight at a ` +
        `time from two members of a room, against the real server, in ${fuzzSeconds.toFixed(1)} s.`,
      figures: [
        figure('payloads tried', sent),
        figure('client events fuzzed', CLIENT_EVENTS.length - neverFuzzed.length),
        figure('client events never fuzzed', neverFuzzed.length, { target: { max: 0 } }),
        figure('invalid payloads accepted', accepted, { target: { max: 0 } }),
        figure('answers other than validation_failed', unexpected, { target: { max: 0 } }),
        figure('payloads left unanswered', unanswered, { target: { max: 0 } }),
        figure('server crashes or unhandled errors', problems.length, { target: { max: 0 } }),
        figure('stored rows changed by invalid payloads', rowsChanged, { target: { max: 0 } }),
        figure('sockets dropped by the fuzz', dropped, { target: { max: 0 } }),
        figure('longest ack', Math.round(acks.max), { unit: 'ms', target: { max: ACK_TARGET_MS } }),
        figure('median ack', Math.round(acks.median), { unit: 'ms' }),
      ],
      notes: [
        `Payloads per event: ${[...perEvent].map(([e, n]) => `${e} ${n}`).join(', ')}.`,
        `Answers: ${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}.`,
        `An ack's time runs from emit to answer with ${options.concurrency} requests queued on ` +
          'two sockets, payloads up to 60 KB of JSON; the ' +
          `${ACK_TARGET_MS} ms target is a person's patience for one click under such a flood, ` +
          'not the latency of one event alone (see the median).',
        ...(neverFuzzed.length ? [`Never fuzzed: ${neverFuzzed.join(', ')}.`] : []),
        ...failures.slice(0, 10),
        ...problems.slice(0, 10),
      ],
      failures,
    };
  } finally {
    await server.stop();
  }
}
