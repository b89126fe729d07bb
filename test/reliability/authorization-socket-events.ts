import type { z } from 'zod';
import { type ClientEventName, clientEventSchemas } from '../../shared/events';
import type { Actor, AuthorizationFixture } from './authorization-actors';
import { type Bait, connection, roomEventCounter, socketFor } from './authorization-paths';
import type { AttemptLog } from './attempt-log';

/**
 * A valid payload for every client event, aimed at the pair's room. The mapped type does
 * not compile without an entry for each event of the schema table, so a new event is
 * probed as soon as it exists.
 */
const PAYLOADS: {
  [E in ClientEventName]: (f: AuthorizationFixture) => z.input<(typeof clientEventSchemas)[E]>;
} = {
  'clock:sync': () => ({ clientTime: 1 }),
  'room:join': (f) => ({ roomId: f.pair.roomId }),
  'room:leave': (f) => ({ roomId: f.pair.roomId }),
  'presence:update': (f) => ({ roomId: f.pair.roomId, status: 'online' }),
  'chat:send': (f) => ({ roomId: f.pair.roomId, text: 'let me in' }),
  'chat:history': (f) => ({ roomId: f.pair.roomId }),
  'session:start': (f) => ({ roomId: f.pair.roomId }),
  'session:plan': (f) => ({ roomId: f.pair.roomId, upcoming: [] }),
  'session:next': (f) => ({ roomId: f.pair.roomId }),
  'session:swap': (f) => ({ roomId: f.pair.roomId }),
  'session:extend': (f) => ({ roomId: f.pair.roomId, minutes: 5 }),
  'session:pause': (f) => ({ roomId: f.pair.roomId }),
  'session:resume': (f) => ({ roomId: f.pair.roomId }),
  'session:end': (f) => ({ roomId: f.pair.roomId }),
  'session:give-floor': (f) => ({ roomId: f.pair.roomId, userId: f.pair.a.userId }),
  'session:raise-hand': (f) => ({ roomId: f.pair.roomId, raised: true }),
  'session:balance': (f) => ({ roomId: f.pair.roomId, scope: 'program' }),
  'session:history': (f) => ({ roomId: f.pair.roomId }),
};

/** Events anyone connected may send: they touch no room (leaving one she is not in changes nothing). */
const ANYONE_CONNECTED: ReadonlySet<ClientEventName> = new Set(['clock:sync', 'room:leave']);

/** Refusals that come from the room's membership rules. */
const ACCESS_REFUSALS = ['forbidden', 'not_found', 'unauthenticated'];

/**
 * Every live-room event of the contract, with a valid payload, from a signed-in person who
 * is not in the room: each must be refused, and she must hear nothing of the room.
 */
export async function sweepSocketEvents(
  url: string,
  actor: Actor,
  f: AuthorizationFixture,
  bait: Bait,
  log: AttemptLog,
): Promise<void> {
  const socket = socketFor(url, actor);
  const heard = roomEventCounter(socket);
  try {
    const refused = await connection(socket);
    if (refused !== null) throw new Error(`${actor.name} could not connect: ${refused}`);
    for (const event of Object.keys(clientEventSchemas) as ClientEventName[]) {
      if (ANYONE_CONNECTED.has(event)) continue;
      const payload = PAYLOADS[event](f);
      if (!clientEventSchemas[event].safeParse(payload).success) {
        throw new Error(`${event}: the probe's payload does not pass its schema`);
      }
      const ack = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
        ok: boolean;
        code?: string;
      };
      log.add({
        who: actor.name,
        what: `Socket.IO ${event}`,
        answer: ack.ok ? 'ok' : (ack.code ?? 'refused'),
        entitled: false,
        gotIn: ack.ok,
        inconclusive: !ack.ok && !ACCESS_REFUSALS.includes(ack.code ?? ''),
      });
    }
    await bait.chat(f.target, socket);
    log.add({
      who: actor.name,
      what: 'Socket.IO live room events heard while sending every event',
      answer: String(heard()),
      entitled: false,
      gotIn: heard() > 0,
    });
  } finally {
    socket.close();
  }
}
