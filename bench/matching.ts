/**
 * Times suggestPairs on synthetic cohorts (by default 100, 500 and 1,000 participants,
 * median of three runs each) and prints a markdown table. Run:
 * `MATCHING_SIZES=100,500,1000 MATCHING_RUNS=3 taskset -c 1 npx tsx bench/matching.ts`
 * (both variables optional; issue 7's target is 1,000 participants in under 2 s).
 *
 * Cohorts are generated from a fixed seed, so every run measures the same inputs. Each
 * run builds everything from scratch (scores, availability, matching); only the process-
 * wide cache of time-zone offsets survives between runs, as it would in the server.
 */
import { performance } from 'node:perf_hooks';
import {
  suggestPairs,
  type AvailabilityWindow,
  type MatchCandidate,
  type MatchSettings,
  type Weekday,
} from '../server/matching/index';

const SIZES = (process.env.MATCHING_SIZES ?? '100,500,1000').split(',').map(Number);
const RUNS = Number(process.env.MATCHING_RUNS ?? 3);

/** mulberry32: small, fast, good enough for synthetic data. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  { country: 'CA', timeZone: 'America/Toronto', languages: ['en', 'fr'], from: 8 },
  { country: 'BO', timeZone: 'America/La_Paz', languages: ['es', 'qu'], from: 9 },
  { country: 'SN', timeZone: 'Africa/Dakar', languages: ['fr', 'wo'], from: 13 },
  { country: 'FR', timeZone: 'Europe/Paris', languages: ['fr'], from: 14 },
];
const SKILLS = [
  'export-logistics',
  'digital-marketing',
  'pricing',
  'bookkeeping',
  'funding-pitch',
  'hiring',
];
const STAGES = ['idea', 'early', 'growing', 'established'] as const;
const SECTORS = ['textiles', 'food', 'cosmetics', 'tech'];
const GOALS = ['export', 'funding', 'hiring', 'online-sales'];

function cohort(size: number, seed: number): MatchCandidate[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: size }, (_, i): MatchCandidate => {
    const place = pick(PLACES);
    const skills = [...SKILLS].sort(() => random() - 0.5);
    const windows = Array.from({ length: 2 + Math.floor(random() * 4) }, (): AvailabilityWindow => {
      const start = place.from + Math.floor(random() * 4);
      const day = (1 + Math.floor(random() * 6)) as Weekday;
      return {
        day,
        start: `${String(start).padStart(2, '0')}:00`,
        end: `${String(start + 2).padStart(2, '0')}:00`,
      };
    });
    return {
      id: `p${String(i).padStart(4, '0')}`,
      companyName: `Company ${i}`,
      country: place.country,
      languages: random() < 0.6 ? [...place.languages, pick(['en', 'fr', 'es'])] : place.languages,
      timeZone: place.timeZone,
      availability: windows,
      stage: pick(STAGES),
      sector: pick(SECTORS),
      offers: skills.slice(0, 2 + Math.floor(random() * 2)),
      wants: skills.slice(4),
      goals: GOALS.filter(() => random() < 0.4),
    };
  });
}

const settings: MatchSettings = {
  kindWeights: { 'south-south': 3, 'north-south': 2 },
  excluded: [],
  locked: [],
  referenceWeek: '2026-03-02', // contains the North American daylight-saving switch
};

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const rows: string[] = [];
const started = performance.now();
for (const size of SIZES) {
  const participants = cohort(size, size);
  const times: number[] = [];
  let pairs = 0;
  let unmatched = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const result = suggestPairs(participants, settings);
    times.push(performance.now() - t0);
    pairs = result.pairs.length;
    unmatched = result.unmatched.length;
  }
  const ms = (x: number): string => x.toFixed(1);
  rows.push(
    `| ${size} | ${(size * (size - 1)) / 2} | ${pairs} | ${unmatched} | ${ms(median(times))} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} |`,
  );
}

console.log(`suggestPairs, median of ${RUNS} runs (Node ${process.version})\n`);
console.log('| participants | candidate pairs | pairs | unmatched | median ms | min ms | max ms |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
