/** Named participants for readable tests, and a seeded generator of synthetic cohorts. */
import type {
  AvailabilityWindow,
  MatchCandidate,
  MatchSettings,
  Weekday,
} from '../../../server/matching/types';
import type { Random } from './seeded-random';

/** A winter week with no daylight-saving switch in any zone used here. */
export const WEEK = '2026-01-12';

export function settings(overrides: Partial<MatchSettings> = {}): MatchSettings {
  return {
    kindWeights: {},
    excluded: [],
    locked: [],
    referenceWeek: WEEK,
    ...overrides,
  } as MatchSettings;
}

const weekdays = (start: string, end: string): AvailabilityWindow[] =>
  ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start, end }));

/** Dakar 14:00–16:00 is Montréal 09:00–11:00 and La Paz 10:00–12:00 in January. */
export const amina: MatchCandidate = {
  id: 'amina',
  companyName: 'Sahel Tissage',
  country: 'SN',
  languages: ['fr', 'wo'],
  timeZone: 'Africa/Dakar',
  availability: weekdays('14:00', '16:00'),
  stage: 'growing',
  sector: 'textiles',
  offers: ['export-logistics', 'cooperative-governance'],
  wants: ['digital-marketing'],
  goals: ['export', 'funding'],
};

export const sofia: MatchCandidate = {
  id: 'sofia',
  companyName: 'Kori Textiles',
  country: 'BO',
  languages: ['es', 'qu', 'fr'],
  timeZone: 'America/La_Paz',
  availability: weekdays('10:00', '12:00'),
  stage: 'early',
  sector: 'textiles',
  offers: ['digital-marketing'],
  wants: ['export-logistics'],
  goals: ['export'],
};

export const claire: MatchCandidate = {
  id: 'claire',
  companyName: 'Érable & Co',
  country: 'CA',
  languages: ['fr-CA', 'en'],
  timeZone: 'America/Toronto',
  availability: weekdays('09:00', '11:00'),
  stage: 'established',
  sector: 'food',
  offers: ['pricing', 'bookkeeping'],
  wants: ['cooperative-governance'],
  goals: ['funding'],
};

export const fatou: MatchCandidate = {
  id: 'fatou',
  country: 'CA',
  diasporaOrigin: 'SN',
  languages: ['fr', 'wo', 'en'],
  timeZone: 'America/Toronto',
  availability: weekdays('08:00', '12:00'),
  stage: 'growing',
  sector: 'cosmetics',
  offers: ['digital-marketing', 'pricing'],
  wants: ['export-logistics', 'bookkeeping'],
  goals: ['export'],
};

export function person(id: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return { ...amina, id, companyName: undefined, ...overrides };
}

const PLACES = [
  { country: 'CA', timeZone: 'America/Toronto', languages: ['en', 'fr'], shared: [8, 12] },
  { country: 'CA', timeZone: 'America/Vancouver', languages: ['en'], shared: [6, 9] },
  { country: 'BO', timeZone: 'America/La_Paz', languages: ['es', 'qu'], shared: [9, 13] },
  { country: 'SN', timeZone: 'Africa/Dakar', languages: ['fr', 'wo'], shared: [13, 17] },
  { country: 'FR', timeZone: 'Europe/Paris', languages: ['fr'], shared: [14, 18] },
] as const;
const SKILLS = [
  'export-logistics',
  'digital-marketing',
  'pricing',
  'bookkeeping',
  'funding-pitch',
  'hiring',
];
const GOALS = ['export', 'funding', 'hiring', 'online-sales'];
const SECTORS = ['textiles', 'food', 'cosmetics', 'tech'];
const STAGE_LIST = ['idea', 'early', 'growing', 'established'] as const;
const DAYS: Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/**
 * A plausible participant. Most windows start in the local hours that map to 13:00–17:00
 * UTC (`shared`), where the three continents' working days meet, and a second language
 * (es/fr/en) keeps most pairs talkable: enough feasible pairs to make matching non-trivial.
 */
export function randomCandidate(random: Random, id: string): MatchCandidate {
  const place = random.pick(PLACES);
  const extra = random.next() < 0.6 ? [random.pick(['en', 'fr', 'es'])] : [];
  const hour = (h: number): string => `${String(h).padStart(2, '0')}:00`;
  const availability = Array.from({ length: random.int(2, 6) }, (): AvailabilityWindow => {
    const start =
      random.next() < 0.7 ? random.int(place.shared[0], place.shared[1]) : random.int(6, 21);
    return {
      day: random.pick(DAYS),
      start: hour(start),
      end: hour((start + random.int(1, 4)) % 24),
    };
  });
  // Two or three skills each way, disjoint, as an intake form with a short skill list yields.
  const skills = random.shuffle(SKILLS);
  const offers = skills.slice(0, random.int(2, 3));
  const wants = skills.slice(3, 3 + random.int(2, 3));
  return {
    id,
    companyName: random.next() < 0.1 ? 'Shared Co' : `Company ${id}`,
    country: place.country,
    diasporaOrigin: place.country === 'CA' && random.next() < 0.2 ? 'SN' : undefined,
    languages: [...new Set([...place.languages, ...extra])],
    timeZone: place.timeZone,
    availability,
    stage: random.pick(STAGE_LIST),
    sector: random.pick(SECTORS),
    offers,
    wants,
    goals: random.subset(GOALS, 0.4),
  };
}

export function randomCohort(random: Random, size: number): MatchCandidate[] {
  return Array.from({ length: size }, (_, i) =>
    randomCandidate(random, `p${String(i).padStart(3, '0')}`),
  );
}
