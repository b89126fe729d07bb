import { clientEventSchemas, type ClientEventName } from '../../../shared/events';

/** Deterministic pseudo-random numbers, so that a failing seed can be replayed. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIELDS = [
  'roomId',
  'text',
  'before',
  'limit',
  'lastMessageId',
  'status',
  'focusedCardId',
  'agenda',
  'upcoming',
  'minutes',
  'userId',
  'raised',
  'scope',
  'sessionId',
  'leaderId',
  'plannedMinutes',
  'defaultMinutes',
  '__proto__',
  'constructor',
];

/** Malformed and oversized payloads (all under the 64 KiB message cap) for any event. */
export function fuzzPayload(random: () => number, roomId: string, depth = 0): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const big = () =>
    pick(['x', '<script>', '\u0000', '🙂', 'é']).repeat(Math.floor(random() * 8_000));
  const scalar = () =>
    pick<() => unknown>([
      () => null,
      () => undefined,
      () => true,
      () => random() * 1e12 - 5e11,
      () => pick([NaN, Infinity, -1, 0, 2 ** 53, 1.5, -0]),
      () => '',
      () => 'x'.repeat(2_001),
      big,
      () => roomId,
      () => `${roomId}'; drop table rooms; --`,
      () => pick(['online', 'idle', 'away', 'offline', 'reconnecting', 'session', 'program']),
    ])();
  if (depth > 2) return scalar();
  return pick<() => unknown>([
    scalar,
    () =>
      Array.from({ length: Math.floor(random() * 5) }, () =>
        fuzzPayload(random, roomId, depth + 1),
      ),
    () => Array.from({ length: 50 }, () => ({ leaderId: roomId, plannedMinutes: random() * 500 })),
    () => {
      const value: Record<string, unknown> = { roomId };
      for (let i = Math.floor(random() * 4); i >= 0; i -= 1)
        value[pick(FIELDS)] = fuzzPayload(random, roomId, depth + 1);
      return value;
    },
  ])();
}

/** A payload that the event's own schema refuses, with the event name. */
export function invalidCall(random: () => number, roomId: string) {
  const events = Object.keys(clientEventSchemas) as ClientEventName[];
  for (;;) {
    const event = events[Math.floor(random() * events.length)]!;
    // What arrives: own enumerable properties, NaN as null, no undefined.
    const json = JSON.stringify(fuzzPayload(random, roomId)) ?? 'null';
    // Oversized for the schemas, but under the transport's cap (which closes the socket).
    if (Buffer.byteLength(json) > 60_000) continue;
    const payload: unknown = JSON.parse(json);
    if (!clientEventSchemas[event].safeParse(payload).success) return { event, payload };
  }
}
