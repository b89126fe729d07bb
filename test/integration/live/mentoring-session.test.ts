import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckResult } from '../../../shared/events';
import type {
  Balance,
  MentoringSessionState,
  RoomSnapshot,
  SessionRecord,
} from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import {
  connectAs,
  type LiveClient,
  type LiveServer,
  ok,
  record,
  request,
  startLiveServer,
} from './live-helpers';

let server: LiveServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;
let amina: LiveClient;
let sofia: LiveClient;

beforeAll(async () => {
  server = await startLiveServer();
  fixture = await createPairRoom(server.mutua);
  amina = await connectAs(server, fixture.a);
  sofia = await connectAs(server, fixture.b);
  await ok(amina, 'room:join', { roomId: fixture.roomId });
  await ok(sofia, 'room:join', { roomId: fixture.roomId });
});
afterAll(async () => {
  amina.close();
  sofia.close();
  await server.stop();
});

describe('a reciprocal mentoring session in a pair', () => {
  it('runs an agenda of two turns, swaps, extends, pauses and ends, and records it', async () => {
    const { roomId, a, b } = fixture;
    const states = record<MentoringSessionState>(sofia, 'session:state');
    const started = await ok<MentoringSessionState>(amina, 'session:start', {
      roomId,
      agenda: [
        {
          leaderId: a.userId,
          topic: 'Pricing for export',
          plannedMinutes: 20,
          goalCardId: 'goal-card-01',
        },
        { leaderId: b.userId, topic: 'Social-media marketing', plannedMinutes: 20 },
      ],
    });
    expect(started).toMatchObject({ status: 'running', current: 0, version: 1 });
    expect(started.turns[0]).toMatchObject({ leaderId: a.userId, goalCardId: 'goal-card-01' });
    expect(started.timer.runningSince).toBeLessThanOrEqual(started.serverTime);
    expect(started.attendees.sort()).toEqual([a.userId, b.userId].sort());
    // Both see the same state: the same timer origin, from the server.
    await expect.poll(() => states.at(-1)?.version).toBe(1);
    expect(states.at(-1)?.timer).toEqual(started.timer);

    const second = await request(sofia, 'session:start', { roomId });
    expect(second).toMatchObject({ ok: false, code: 'conflict' });

    const paused = await ok<MentoringSessionState>(sofia, 'session:pause', { roomId });
    expect(paused).toMatchObject({ status: 'paused', timer: { runningSince: null } });
    const resumed = await ok<MentoringSessionState>(amina, 'session:resume', { roomId });
    expect(resumed.status).toBe('running');
    const extended = await ok<MentoringSessionState>(sofia, 'session:extend', {
      roomId,
      minutes: 5,
    });
    expect(extended.turns[0]!.plannedMinutes).toBe(25);

    const swapped = await ok<MentoringSessionState>(sofia, 'session:swap', { roomId });
    expect(swapped.current).toBe(1);
    expect(swapped.turns[1]).toMatchObject({ leaderId: b.userId, topic: 'Pricing for export' });
    expect(swapped.turns[0]!.endedAt).not.toBeNull();

    const next = await ok<MentoringSessionState>(amina, 'session:next', { roomId });
    expect(next.turns[next.current]).toMatchObject({
      leaderId: b.userId,
      topic: 'Social-media marketing',
    });
    const ended = await ok<MentoringSessionState>(amina, 'session:end', { roomId });
    expect(ended).toMatchObject({ status: 'ended', current: -1 });
    await expect.poll(() => states.at(-1)?.status).toBe('ended');
    expect(await request(amina, 'session:next', { roomId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });

    const { sessions } = await ok<{ sessions: SessionRecord[] }>(sofia, 'session:history', {
      roomId,
    });
    expect(sessions[0]).toMatchObject({ id: started.id, endedAt: ended.endedAt });
    expect(sessions[0]!.turns.map((t) => t.leaderId)).toEqual([a.userId, b.userId, b.userId]);
    const led = (userId: string) =>
      ended.turns.filter((t) => t.leaderId === userId).reduce((sum, t) => sum + t.actualMs, 0);
    const balance = await ok<Balance>(amina, 'session:balance', { roomId, scope: 'session' });
    expect(balance.entries).toEqual(
      expect.arrayContaining([
        { userId: a.userId, ledMs: led(a.userId), supportedMs: led(b.userId) },
        { userId: b.userId, ledMs: led(b.userId), supportedMs: led(a.userId) },
      ]),
    );
    const program = await ok<Balance>(sofia, 'session:balance', { roomId, scope: 'program' });
    expect(program.sessions).toBe(1);
    expect(program.entries).toEqual(balance.entries);
  });

  it('starts a default agenda of one turn each, and refuses turns led by outsiders', async () => {
    const { roomId, a, b, facilitator } = fixture;
    const refused = await request(amina, 'session:start', {
      roomId,
      agenda: [{ leaderId: facilitator.userId, plannedMinutes: 10 }],
    });
    expect(refused).toMatchObject({ ok: false, code: 'validation_failed' });
    const s = await ok<MentoringSessionState>(sofia, 'session:start', {
      roomId,
      defaultMinutes: 10,
    });
    expect([...s.talkingOrder].sort()).toEqual([a.userId, b.userId].sort());
    expect(s.turns.map((t) => [t.leaderId, t.plannedMinutes])).toEqual(
      s.talkingOrder.map((userId) => [userId, 10]),
    );
    const snapshot = await ok<RoomSnapshot>(amina, 'room:join', { roomId });
    expect(snapshot.session).toMatchObject({ id: s.id, status: 'running' });
    const result: AckResult<MentoringSessionState> = await request(amina, 'session:give-floor', {
      roomId,
      userId: b.userId,
    });
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    await ok(amina, 'session:end', { roomId });
  });
});
