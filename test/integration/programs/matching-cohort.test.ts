import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchingRoutes, roomRoutes } from '../../../shared/api';
import { SKILL_KEYS } from '../../../shared/skills';
import { ProfileService } from '../../../server/account/profile-service';
import { MembershipEvents } from '../../../server/rooms/membership-events';
import { RoomsService } from '../../../server/rooms/rooms-service';
import { api } from '../../helpers/api';
import { createPerson, type Person } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';

const PLACES = [
  { country: 'CA', city: 'Montréal', timeZone: 'America/Toronto', languages: ['fr', 'en'] },
  { country: 'BO', city: 'La Paz', timeZone: 'America/La_Paz', languages: ['es'] },
  { country: 'SN', city: 'Dakar', timeZone: 'Africa/Dakar', languages: ['fr', 'wo'] },
  { country: 'BO', city: 'Cochabamba', timeZone: 'America/La_Paz', languages: ['es', 'fr'] },
] as const;

let server: TestServer;
let facilitator: Person;
let programId: string;
const people: Person[] = [];

/** A 60-person cohort with complementary skills, made deterministically. */
beforeAll(async () => {
  server = await startServer();
  const rooms = new RoomsService(server.mutua.store);
  const profiles = new ProfileService(
    server.mutua.store,
    server.mutua.auth,
    new MembershipEvents(),
  );
  facilitator = await createPerson(server.mutua, { facilitator: true });
  programId = await rooms.createProgram(facilitator.userId, {
    name: 'Cohort',
    description: '',
    languages: ['fr', 'es', 'en'],
    startsOn: null,
    endsOn: null,
  });
  for (let i = 0; i < 60; i++) {
    const person = await createPerson(server.mutua, { name: `P${String(i).padStart(2, '0')}` });
    const place = PLACES[i % PLACES.length]!;
    await rooms.addProgramMember(programId, person.userId, 'participant');
    await profiles.put(person.userId, {
      displayName: person.displayName,
      ...place,
      languages: [...place.languages],
      businessName: `Business ${i}`,
      sector: i % 2 ? 'food' : 'textiles',
      stage: (['idea', 'early', 'growing', 'established'] as const)[i % 4]!,
      offers: [SKILL_KEYS[i % 8]!, SKILL_KEYS[(i + 3) % 8]!],
      wants: [SKILL_KEYS[(i + 1) % 8]!, SKILL_KEYS[(i + 4) % 8]!, SKILL_KEYS[(i + 7) % 8]!],
      offerTags: [],
      wantTags: [],
      bio: null,
      diasporaOrigin: null,
      availability: [1, 2, 3, 4, 5].map((day) => ({ day, start: '06:00', end: '23:00' })),
    });
    people.push(person);
  }
});
afterAll(() => server.stop());

const key = (p: { a: { userId: string }; b: { userId: string } }) =>
  [p.a.userId, p.b.userId].sort().join(':');

describe('matching a 60-person cohort', () => {
  it('matches, keeps two locked pairs and one exclusion across a re-run, publishes, and the rooms exist with both members', async () => {
    const first = await api(server.url, matchingRoutes.suggestPairs, {
      cookie: facilitator.cookie,
      params: { programId },
    });
    expect(first.status).toBe(200);
    expect(first.body.incomplete).toEqual([]);
    expect(first.body.pairs.length).toBeGreaterThanOrEqual(25);
    const again = await api(server.url, matchingRoutes.suggestPairs, {
      cookie: facilitator.cookie,
      params: { programId },
    });
    expect(again.body.pairs.map(key)).toEqual(first.body.pairs.map(key)); // deterministic

    // Lock two pairs the matcher did not choose, and exclude one it did.
    const chosen = new Set(first.body.pairs.map(key));
    const [p0, p1, p2, p3] = people;
    const lockedPairs: [string, string][] = [
      [p0!.userId, p1!.userId],
      [p2!.userId, p3!.userId],
    ];
    const excluded = first.body.pairs.find(
      (p) => ![p0, p1, p2, p3].some((x) => x!.userId === p.a.userId || x!.userId === p.b.userId),
    )!;
    const excludedPair: [string, string] = [excluded.a.userId, excluded.b.userId];
    const saved = await api(server.url, matchingRoutes.putSettings, {
      cookie: facilitator.cookie,
      params: { programId },
      body: { locked: lockedPairs, excluded: [excludedPair] },
    });
    expect(saved.status).toBe(200);

    const rerun = await api(server.url, matchingRoutes.suggestPairs, {
      cookie: facilitator.cookie,
      params: { programId },
    });
    const rerunKeys = rerun.body.pairs.map(key);
    for (const pair of lockedPairs) {
      expect(rerunKeys).toContain([...pair].sort().join(':'));
      expect(rerun.body.pairs.find((p) => key(p) === [...pair].sort().join(':'))!.locked).toBe(
        true,
      );
    }
    expect(rerunKeys).not.toContain([...excludedPair].sort().join(':'));
    expect(chosen.size).toBeGreaterThan(0);

    const toPublish = rerun.body.pairs.map((p) => [p.a.userId, p.b.userId] as [string, string]);
    const published = await api(server.url, matchingRoutes.publish, {
      cookie: facilitator.cookie,
      params: { programId },
      body: { pairs: toPublish },
    });
    expect(published.status).toBe(201);
    expect(published.body.rooms).toHaveLength(toPublish.length);
    for (const room of published.body.rooms) {
      expect(room.kind).toBe('pair');
      expect(room.members).toHaveLength(2);
    }
    const byPerson = new Map(people.map((p) => [p.userId, p]));
    for (const [a, b] of toPublish.slice(0, 5)) {
      for (const id of [a, b]) {
        const mine = await api(server.url, roomRoutes.listMyRooms, {
          cookie: byPerson.get(id)!.cookie,
        });
        expect(
          mine.body.rooms.map((r) =>
            r.members
              .map((m) => m.userId)
              .sort()
              .join(':'),
          ),
        ).toContain([a, b].sort().join(':'));
      }
    }
  });
});
