import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, matchingRoutes, roomRoutes } from '../../../shared/api';
import { RoomsService } from '../../../server/rooms/rooms-service';
import { api } from '../../helpers/api';
import { createPerson, type Person } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let facilitator: Person;
let programId: string;
const people: Record<string, Person> = {};

const evenings = [1, 2, 3, 4].map((day) => ({ day, start: '08:00', end: '22:00' }));
const profiles = {
  amina: {
    country: 'SN',
    city: 'Dakar',
    timeZone: 'Africa/Dakar',
    languages: ['fr', 'wo'],
    offers: ['export-logistics'],
    wants: ['digital-marketing'],
  },
  sofia: {
    country: 'BO',
    city: 'La Paz',
    timeZone: 'America/La_Paz',
    languages: ['es', 'fr'],
    offers: ['digital-marketing'],
    wants: ['export-logistics'],
  },
  claire: {
    country: 'CA',
    city: 'Montréal',
    timeZone: 'America/Toronto',
    languages: ['fr', 'en'],
    offers: ['pricing'],
    wants: ['cooperatives'],
  },
  rosa: {
    country: 'BO',
    city: 'Cochabamba',
    timeZone: 'America/La_Paz',
    languages: ['es', 'fr'],
    offers: ['cooperatives'],
    wants: ['pricing'],
  },
};

beforeAll(async () => {
  server = await startServer();
  const rooms = new RoomsService(server.mutua.store);
  facilitator = await createPerson(server.mutua, { facilitator: true, name: 'Fatou' });
  programId = await rooms.createProgram(facilitator.userId, {
    name: 'P',
    description: '',
    languages: ['fr', 'es'],
    startsOn: null,
    endsOn: null,
  });
  for (const [name, profile] of Object.entries(profiles)) {
    const person = await createPerson(server.mutua, {
      name: name[0]!.toUpperCase() + name.slice(1),
    });
    await rooms.addProgramMember(programId, person.userId, 'participant');
    const saved = await api(server.url, accountRoutes.putProfile, {
      cookie: person.cookie,
      body: {
        displayName: person.displayName,
        businessName: `${name} SARL`,
        sector: 'crafts',
        stage: 'growing',
        offerTags: [],
        wantTags: [],
        bio: null,
        diasporaOrigin: null,
        availability: evenings,
        ...profile,
      },
    });
    expect(saved.status).toBe(200);
    people[name] = person;
  }
  people.incomplete = await createPerson(server.mutua, { name: 'Nadia' });
  await rooms.addProgramMember(programId, people.incomplete.userId, 'participant');
});
afterAll(() => server.stop());

const names = (pair: { a: { displayName: string }; b: { displayName: string } }) =>
  [pair.a.displayName, pair.b.displayName].sort().join(' & ');

describe('matching for a facilitator', () => {
  it('suggests reciprocal pairs with reasons in her language and lists profiles to complete', async () => {
    const res = await api(server.url, matchingRoutes.suggestPairs, {
      cookie: facilitator.cookie,
      params: { programId },
    });
    expect(res.status).toBe(200);
    expect(res.body.pairs.map(names).sort()).toEqual(['Amina & Sofia', 'Claire & Rosa']);
    const amina = res.body.pairs.find((p) => names(p) === 'Amina & Sofia')!;
    expect(amina.kind).toBe('south-south');
    expect(amina.reasons.join(' ')).toMatch(/Export logistics/);
    expect(res.body.incomplete.map((p) => p.displayName)).toEqual(['Nadia']);
  });

  it('keeps an excluded pair apart on the next run', async () => {
    const saved = await api(server.url, matchingRoutes.putSettings, {
      cookie: facilitator.cookie,
      params: { programId },
      body: { excluded: [[people.amina!.userId, people.sofia!.userId]] },
    });
    expect(saved.status).toBe(200);
    const res = await api(server.url, matchingRoutes.suggestPairs, {
      cookie: facilitator.cookie,
      params: { programId },
    });
    expect(res.body.pairs.map(names)).not.toContain('Amina & Sofia');
    await api(server.url, matchingRoutes.putSettings, {
      cookie: facilitator.cookie,
      params: { programId },
      body: {},
    });
  });

  it('participants cannot see scores or run matching', async () => {
    for (const route of [matchingRoutes.suggestPairs, matchingRoutes.getSettings]) {
      const res = await api(server.url, route, {
        cookie: people.amina!.cookie,
        params: { programId },
      });
      expect(res.status).toBe(403);
    }
  });

  it('publishing creates the pair rooms, which both women then see', async () => {
    const bad = await api(server.url, matchingRoutes.publish, {
      cookie: facilitator.cookie,
      params: { programId },
      body: {
        pairs: [
          [people.amina!.userId, people.sofia!.userId],
          [people.amina!.userId, people.rosa!.userId],
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(
      (await api(server.url, roomRoutes.listMyRooms, { cookie: people.amina!.cookie })).body.rooms,
    ).toEqual([]);

    const res = await api(server.url, matchingRoutes.publish, {
      cookie: facilitator.cookie,
      params: { programId },
      body: { pairs: [[people.amina!.userId, people.sofia!.userId]] },
    });
    expect(res.status).toBe(201);
    expect(res.body.rooms.map((r) => r.title)).toEqual(['Amina & Sofia']);
    for (const name of ['amina', 'sofia']) {
      const rooms = await api(server.url, roomRoutes.listMyRooms, { cookie: people[name]!.cookie });
      expect(rooms.body.rooms.map((r) => r.title)).toEqual(['Amina & Sofia']);
    }
  });
});
