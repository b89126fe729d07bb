import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, programRoutes, roomRoutes } from '../../../shared/api';
import { RoomsService } from '../../../server/rooms/rooms-service';
import { api } from '../../helpers/api';
import { createPairRoom, createPerson, FIXTURE_PASSWORD } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const fullProfile = {
  displayName: 'Amina Ndiaye',
  country: 'SN',
  city: 'Thiès',
  timeZone: 'Africa/Dakar',
  languages: ['fr', 'wo'],
  businessName: 'Thiès Textiles',
  sector: 'textiles',
  stage: 'growing',
  offers: ['export-logistics', 'cooperatives'],
  wants: ['digital-marketing'],
  offerTags: ['batik'],
  wantTags: [],
  bio: 'Je dirige une coopérative de teinture.',
  diasporaOrigin: null,
  availability: [{ day: 2, start: '18:00', end: '20:00' }],
};

describe('rooms', () => {
  it('a facilitator creates a pair room and both participants see it with its board; the facilitator sees metadata only', async () => {
    const { facilitator, a, b, programId } = await createPairRoom(server.mutua);
    const extra = await createPerson(server.mutua);
    await new RoomsService(server.mutua.store).addProgramMember(
      programId,
      extra.userId,
      'participant',
    );
    const created = await api(server.url, roomRoutes.createRoom, {
      cookie: facilitator.cookie,
      params: { programId },
      body: { kind: 'pair', title: 'Amina & Extra', memberIds: [a.userId, extra.userId] },
    });
    expect(created.status).toBe(201);
    expect(created.body.boardId).toBeNull();
    const mine = await api(server.url, roomRoutes.listMyRooms, { cookie: a.cookie });
    expect(mine.body.rooms).toHaveLength(2);
    expect(mine.body.rooms.every((r) => r.boardId !== null && r.boardAccess === 'write')).toBe(
      true,
    );
    const bRooms = await api(server.url, roomRoutes.listMyRooms, { cookie: b.cookie });
    expect(bRooms.body.rooms).toHaveLength(1);
  });

  it('refuses a pair room that does not hold exactly two participants of the program', async () => {
    const { facilitator, a, programId } = await createPairRoom(server.mutua);
    const outsider = await createPerson(server.mutua);
    const one = await api(server.url, roomRoutes.createRoom, {
      cookie: facilitator.cookie,
      params: { programId },
      body: { kind: 'pair', title: 'x', memberIds: [a.userId, outsider.userId] },
    });
    expect(one.status).toBe(400);
    expect(one.body.fields).toEqual({ memberIds: 'not_in_program' });
  });

  it('the pair decides whether facilitators read its board; the facilitator cannot share it herself', async () => {
    const { facilitator, a, roomId } = await createPairRoom(server.mutua);
    const denied = await api(server.url, roomRoutes.shareRoom, {
      cookie: facilitator.cookie,
      params: { roomId },
      body: { shared: true },
    });
    expect(denied.status).toBe(403);
    const before = await api(server.url, roomRoutes.getRoom, {
      cookie: facilitator.cookie,
      params: { roomId },
    });
    expect(before.body.boardId).toBeNull();
    const shared = await api(server.url, roomRoutes.shareRoom, {
      cookie: a.cookie,
      params: { roomId },
      body: { shared: true },
    });
    expect(shared.body.sharedWithFacilitators).toBe(true);
    const after = await api(server.url, roomRoutes.getRoom, {
      cookie: facilitator.cookie,
      params: { roomId },
    });
    expect(after.body.boardAccess).toBe('read');
  });

  it('an archived room stays listed and its board becomes read-only for its members', async () => {
    const { facilitator, a, roomId } = await createPairRoom(server.mutua);
    const archived = await api(server.url, roomRoutes.archiveRoom, {
      cookie: facilitator.cookie,
      params: { roomId },
      body: { archived: true },
    });
    expect(archived.body.archived).toBe(true);
    const mine = await api(server.url, roomRoutes.listMyRooms, { cookie: a.cookie });
    expect(mine.body.rooms[0]).toMatchObject({ id: roomId, archived: true, boardAccess: 'read' });
  });

  it('removing a member from the program takes her out of its rooms', async () => {
    const { facilitator, a, programId } = await createPairRoom(server.mutua);
    const removed = await api(server.url, programRoutes.removeMember, {
      cookie: facilitator.cookie,
      params: { programId, userId: a.userId },
    });
    expect(removed.status).toBe(200);
    expect(
      (await api(server.url, roomRoutes.listMyRooms, { cookie: a.cookie })).body.rooms,
    ).toEqual([]);
    expect(
      (await api(server.url, programRoutes.getProgram, { cookie: a.cookie, params: { programId } }))
        .status,
    ).toBe(404);
  });
});

describe('profiles and personal data', () => {
  it('saves a complete profile and reports the program member as profile-complete', async () => {
    const { facilitator, a, programId } = await createPairRoom(server.mutua);
    const saved = await api(server.url, accountRoutes.putProfile, {
      cookie: a.cookie,
      body: fullProfile,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...fullProfile, userId: a.userId });
    const members = await api(server.url, programRoutes.listMembers, {
      cookie: facilitator.cookie,
      params: { programId },
    });
    expect(members.body.members.find((m) => m.userId === a.userId)).toMatchObject({
      city: 'Thiès',
      profileComplete: true,
    });
  });

  it('answers each invalid field with its own message code and changes nothing', async () => {
    const person = await createPerson(server.mutua);
    const res = await api(server.url, accountRoutes.putProfile, {
      cookie: person.cookie,
      body: {
        ...fullProfile,
        timeZone: 'Mars/Olympus',
        country: 'Senegal',
        offers: ['juggling'],
        availability: [{ day: 9, start: '25:00', end: '10:00' }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toMatchObject({
      timeZone: 'time_zone_invalid',
      country: 'country_invalid',
      'offers.0': 'skill_invalid',
    });
    const profile = await api(server.url, accountRoutes.getProfile, { cookie: person.cookie });
    expect(profile.body.updatedAt).toBeNull();
    expect(profile.body.displayName).toBe(person.displayName);
  });

  it('exports everything about her as JSON', async () => {
    const { a } = await createPairRoom(server.mutua);
    await api(server.url, accountRoutes.putProfile, { cookie: a.cookie, body: fullProfile });
    const res = await api(server.url, accountRoutes.exportData, { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.body).toMatchObject({ account: { id: a.userId }, profile: { city: 'Thiès' } });
    expect(res.body.rooms).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toMatch(/password|token_hash|id_hash/);
  });

  it('deleting her account erases her profile and identity, keeps her as "former member" in rooms history, and signs her out', async () => {
    const { a, b, roomId } = await createPairRoom(server.mutua);
    await api(server.url, accountRoutes.putProfile, { cookie: a.cookie, body: fullProfile });
    const wrong = await api(server.url, accountRoutes.deleteAccount, {
      cookie: a.cookie,
      body: { password: 'nope' },
    });
    expect(wrong.status).toBe(400);
    const done = await api(server.url, accountRoutes.deleteAccount, {
      cookie: a.cookie,
      body: { password: FIXTURE_PASSWORD },
    });
    expect(done.status).toBe(200);
    expect((await api(server.url, accountRoutes.getProfile, { cookie: a.cookie })).status).toBe(
      401,
    );
    const user = await server.mutua.store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', a.userId)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: 'former member', email: null });
    expect(
      await server.mutua.store.db
        .selectFrom('profiles')
        .selectAll()
        .where('user_id', '=', a.userId)
        .execute(),
    ).toEqual([]);
    const room = await api(server.url, roomRoutes.getRoom, {
      cookie: b.cookie,
      params: { roomId },
    });
    expect(room.body.members.map((m) => m.userId)).toEqual([b.userId]);
  });
});
