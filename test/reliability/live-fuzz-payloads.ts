import {
  type ClientEventName,
  type ClientToServerEvents,
  clientEventSchemas,
} from '../../shared/events';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Does not compile when `ClientToServerEvents` names an event the schema table lacks (or
 * the reverse): the fuzz iterates the table, so an event added to the contract alone
 * would otherwise go unfuzzed.
 */
export const SCHEMA_TABLE_MATCHES_CONTRACT: Same<keyof ClientToServerEvents, ClientEventName> =
  true;

/** Every client-to-server event, from the shared schema table the server validates with. */
export const CLIENT_EVENTS = Object.keys(clientEventSchemas) as ClientEventName[];

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
  'clientTime',
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

/** Tries per payload before concluding that an event's schema refuses nothing. */
const MAX_TRIES = 10_000;

/** A payload that the event's own schema refuses, as it arrives after JSON on the wire. */
export function invalidPayload(random: () => number, event: ClientEventName, roomId: string) {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    // What arrives: own enumerable properties, NaN as null, no undefined.
    const json = JSON.stringify(fuzzPayload(random, roomId)) ?? 'null';
    // Oversized for the schemas, but under the transport's cap (which closes the socket).
    if (Buffer.byteLength(json) > 60_000) continue;
    const payload: unknown = JSON.parse(json);
    if (!clientEventSchemas[event].safeParse(payload).success) return payload;
  }
  throw new Error(`no invalid payload found for ${event}: does its schema accept anything?`);
}
