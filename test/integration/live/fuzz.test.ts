import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import type { RoomSnapshot } from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import { invalidCall, mulberry32 } from './fuzz-payloads';
import {
  connectAs,
  nextEvent,
  type LiveClient,
  type LiveServer,
  ok,
  request,
  startLiveServer,
} from './live-helpers';

const PAYLOADS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_401);
let server: LiveServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  // A generous event budget: the fuzz is about validation, not the rate limit.
  server = await startLiveServer({ live: { eventsPerSecond: 1_000_000 } });
  fixture = await createPairRoom(server.mutua);
});
afterAll(() => server.stop());

async function storedRows() {
  const { db } = server.mutua.store;
  const count = async (table: 'live_chat_messages' | 'live_sessions' | 'live_session_turns') =>
    Number(
      (
        await db
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

describe('fuzzing every live event', () => {
  it(`answers ${PAYLOADS} malformed or oversized payloads with an error code and stores nothing`, async () => {
    const { roomId, a, b } = fixture;
    const sockets: LiveClient[] = [await connectAs(server, a), await connectAs(server, b)];
    for (const s of sockets) await ok(s, 'room:join', { roomId });
    const before = await storedRows();
    const random = mulberry32(SEED);
    const codes = new Map<string, number>();
    for (let sent = 0; sent < PAYLOADS; sent += 250) {
      const batch = Array.from({ length: 250 }, (_, i) => {
        const { event, payload } = invalidCall(random, roomId);
        return request(sockets[i % sockets.length]!, event, payload).then((r) => ({
          r,
          event,
          payload,
        }));
      });
      for (const { r: result, event, payload } of await Promise.all(batch)) {
        if (result.ok) expect.fail(`accepted ${event} ${JSON.stringify(payload).slice(0, 200)}`);
        expect(result.ok).toBe(false);
        if (!result.ok) codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
      }
    }
    expect([...codes.values()].reduce((x, y) => x + y, 0)).toBe(PAYLOADS);
    for (const code of codes.keys()) expect(ERROR_CODES).toContain(code);
    expect(codes.get('validation_failed')).toBe(PAYLOADS);
    expect(await storedRows()).toEqual(before);
    // The server and both sockets live on.
    for (const s of sockets) {
      expect(s.connected).toBe(true);
      expect((await ok<RoomSnapshot>(s, 'room:join', { roomId })).room.id).toBe(roomId);
      s.close();
    }
  });

  it('closes only the socket that sends more than 64 KiB in one message', async () => {
    const { roomId, a, b } = fixture;
    const sender = await connectAs(server, a);
    const bystander = await connectAs(server, b);
    const closed = nextEvent(sender, 'disconnect');
    sender.emit('chat:send', { roomId, text: 'x'.repeat(70_000) }, () => undefined);
    await closed;
    expect(await request(bystander, 'clock:sync', { clientTime: 1 })).toMatchObject({ ok: true });
    bystander.close();
  });
});

describe('the per-socket event budget', () => {
  it('answers rate_limited beyond the burst and keeps the socket', async () => {
    const limited = await startLiveServer();
    const { a } = await createPairRoom(limited.mutua);
    const socket = await connectAs(limited, a);
    const results = await Promise.all(
      Array.from({ length: 150 }, () => request(socket, 'clock:sync', { clientTime: 1 })),
    );
    const refused = results.filter((r) => !r.ok && r.code === 'rate_limited').length;
    expect(refused).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(60);
    expect(socket.connected).toBe(true);
    socket.close();
    await limited.stop();
  });
});
