import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentoringSessionState } from '../../../shared/schemas/live';
import { RoomsService } from '../../../server/rooms/rooms-service';
import { createPerson, type Person } from '../../helpers/people';
import {
  connectAs,
  type LiveClient,
  type LiveServer,
  ok,
  request,
  startLiveServer,
} from './live-helpers';

let server: LiveServer;
let roomId: string;
let fatou: Person;
let people: Person[];
let facilitator: LiveClient;
let participants: LiveClient[];

beforeAll(async () => {
  server = await startLiveServer();
  const rooms = new RoomsService(server.mutua.store);
  fatou = await createPerson(server.mutua, { name: 'Fatou', facilitator: true });
  people = [];
  for (const name of ['Awa', 'Lucía', 'Marie'])
    people.push(await createPerson(server.mutua, { name }));
  const programId = await rooms.createProgram(fatou.userId, {
    ...{ name: 'Circle program', description: '', languages: ['fr'], startsOn: null, endsOn: null },
  });
  for (const p of people) await rooms.addProgramMember(programId, p.userId, 'participant');
  ({ roomId } = await rooms.createRoom({
    ...{ programId, kind: 'circle', title: 'South-south circle', createdBy: fatou.userId },
    memberIds: [fatou.userId, ...people.map((p) => p.userId)],
  }));
  facilitator = await connectAs(server, fatou);
  participants = await Promise.all(people.map((p) => connectAs(server, p)));
  for (const s of [facilitator, ...participants]) await ok(s, 'room:join', { roomId });
});
afterAll(async () => {
  for (const s of [facilitator, ...participants]) s.close();
  await server.stop();
});

describe('a south-south circle', () => {
  it('lets only the facilitator start, pause and move on; participants raise hands', async () => {
    const [awa, lucia] = participants as [LiveClient, LiveClient, LiveClient];
    const [, pLucia] = people as [Person, Person, Person];
    expect(await request(awa, 'session:start', { roomId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const s = await ok<MentoringSessionState>(facilitator, 'session:start', {
      roomId,
      defaultMinutes: 5,
    });
    // Round robin over the participants, in the room's member order.
    const order = s.talkingOrder;
    expect([...order].sort()).toEqual(people.map((p) => p.userId).sort());
    expect(s.turns.map((t) => t.leaderId)).toEqual(order);
    expect(await request(lucia, 'session:pause', { roomId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await ok<MentoringSessionState>(facilitator, 'session:pause', { roomId })).toMatchObject(
      { status: 'paused' },
    );

    const raised = await ok<MentoringSessionState>(lucia, 'session:raise-hand', {
      roomId,
      raised: true,
    });
    expect(raised.raisedHands).toEqual([pLucia.userId]);
    const floor = await ok<MentoringSessionState>(facilitator, 'session:give-floor', {
      roomId,
      userId: pLucia.userId,
    });
    expect(floor).toMatchObject({ status: 'running', raisedHands: [] });
    expect(floor.turns[floor.current]!.leaderId).toBe(pLucia.userId);

    // After the floor was given, the agenda goes on, then wraps round.
    const next = await ok<MentoringSessionState>(facilitator, 'session:next', { roomId });
    expect(next.turns[next.current]!.leaderId).toBe(order[1]);
    const after = await ok<MentoringSessionState>(facilitator, 'session:next', { roomId });
    expect(after.turns[after.current]!.leaderId).toBe(order[2]);
    const wraps = await ok<MentoringSessionState>(facilitator, 'session:next', { roomId });
    expect(wraps.turns[wraps.current]!.leaderId).toBe(order[0]);
    await ok(facilitator, 'session:end', { roomId });
  });
});
