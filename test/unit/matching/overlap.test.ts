import { describe, it, expect } from 'vitest';
import {
  intersectIntervals,
  minutesInWeek,
  parseClock,
  weeklyIntervals,
  weeklyOverlapMinutes,
  type Schedule,
} from '../../../server/matching/overlap';
import { DAY_MS, referenceMonday, wallTimeToUtc } from '../../../server/matching/zoned-time';
import { MatchingInputError } from '../../../server/matching/errors';
import type { AvailabilityWindow, Weekday } from '../../../server/matching/types';
import { seededRandom } from './seeded-random';

const ALL_DAYS: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const every = (start: string, end: string): AvailabilityWindow[] =>
  ALL_DAYS.map((day) => ({ day, start, end }));
const at = (timeZone: string, ...availability: AvailabilityWindow[]): Schedule => ({
  timeZone,
  availability,
});

const montreal = 'America/Toronto';
const laPaz = 'America/La_Paz';
const dakar = 'Africa/Dakar';
const kolkata = 'Asia/Kolkata';

describe('weekly availability overlap', () => {
  it('counts the shared minutes of Montréal, La Paz and Dakar in a winter week', () => {
    const week = '2026-01-12';
    const mtl = at(montreal, { day: 1, start: '09:00', end: '12:00' }); // 14:00–17:00 UTC
    expect(
      weeklyOverlapMinutes(mtl, at(laPaz, { day: 1, start: '10:00', end: '13:00' }), week),
    ).toBe(180);
    expect(
      weeklyOverlapMinutes(mtl, at(dakar, { day: 1, start: '15:00', end: '18:00' }), week),
    ).toBe(120);
    const lp = at(laPaz, { day: 2, start: '08:00', end: '10:00' }); // 12:00–14:00 UTC
    expect(
      weeklyOverlapMinutes(lp, at(dakar, { day: 2, start: '13:00', end: '17:00' }), week),
    ).toBe(60);
  });

  it('loses an hour between Montréal and La Paz once Montréal moves to summer time', () => {
    const mtl = at(montreal, { day: 1, start: '09:00', end: '12:00' });
    const lp = at(laPaz, { day: 1, start: '10:00', end: '13:00' });
    expect(weeklyOverlapMinutes(mtl, lp, '2026-01-12')).toBe(180);
    expect(weeklyOverlapMinutes(mtl, lp, '2026-07-13')).toBe(120);
  });

  it('applies the daylight-saving switch on the very day it happens inside the week', () => {
    // Toronto springs forward on Sunday 8 March 2026: 09:00 local is 14:00 UTC until
    // Saturday and 13:00 UTC on Sunday, the only day it meets Dakar's 13:00–14:00.
    const mtl = at(montreal, ...every('09:00', '10:00'));
    const dkr = at(dakar, ...every('13:00', '14:00'));
    expect(weeklyOverlapMinutes(mtl, dkr, '2026-02-23')).toBe(0);
    expect(weeklyOverlapMinutes(mtl, dkr, '2026-03-02')).toBe(60);
    expect(weeklyOverlapMinutes(mtl, dkr, '2026-03-09')).toBe(420);
  });

  it('measures a window spanning the switch in real time, one hour shorter', () => {
    const night = at(montreal, { day: 0, start: '00:00', end: '06:00' });
    const allSunday = at(dakar, { day: 0, start: '00:00', end: '24:00' });
    expect(weeklyOverlapMinutes(night, allSunday, '2026-03-02')).toBe(300);
  });

  it('counts a window that crosses midnight into the next day', () => {
    // Friday 22:00–02:00 in La Paz is Saturday 02:00–06:00 UTC.
    const lp = at(laPaz, { day: 5, start: '22:00', end: '02:00' });
    expect(
      weeklyOverlapMinutes(lp, at(dakar, { day: 6, start: '03:00', end: '05:00' }), '2026-01-12'),
    ).toBe(120);
  });

  it('counts an overlap that wraps from Sunday night into Monday, in either order', () => {
    const mtl = at(montreal, { day: 0, start: '21:00', end: '23:30' }); // Monday 02:00–04:30 UTC
    const dkr = at(dakar, { day: 1, start: '02:00', end: '03:00' });
    expect(weeklyOverlapMinutes(mtl, dkr, '2026-01-12')).toBe(60);
    expect(weeklyOverlapMinutes(dkr, mtl, '2026-01-12')).toBe(60);
  });

  it('handles the half-hour offset of Kolkata', () => {
    const kol = at(kolkata, { day: 1, start: '19:00', end: '21:00' }); // 13:30–15:30 UTC
    expect(
      weeklyOverlapMinutes(kol, at(dakar, { day: 1, start: '14:00', end: '16:00' }), '2026-01-12'),
    ).toBe(90);
    expect(
      weeklyOverlapMinutes(
        kol,
        at(montreal, { day: 1, start: '08:00', end: '10:00' }),
        '2026-01-12',
      ),
    ).toBe(90);
  });

  it('treats a local time skipped by the clocks as empty and an ambiguous one as the earlier instant', () => {
    const skipped = at(montreal, { day: 0, start: '02:00', end: '03:00' });
    expect(weeklyOverlapMinutes(skipped, at(dakar, ...every('00:00', '24:00')), '2026-03-02')).toBe(
      0,
    );
    const wall = (iso: string): number => Date.parse(`${iso}Z`);
    expect(new Date(wallTimeToUtc(montreal, wall('2026-03-08T02:30'))).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(new Date(wallTimeToUtc(montreal, wall('2026-11-01T01:30'))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('does not double-count windows that overlap each other', () => {
    const twice = at(
      dakar,
      { day: 3, start: '10:00', end: '12:00' },
      { day: 3, start: '11:00', end: '13:00' },
    );
    expect(weeklyOverlapMinutes(twice, at(dakar, ...every('00:00', '24:00')), '2026-01-12')).toBe(
      180,
    );
  });

  it('is symmetric, bounded by each schedule and equal to her own total against herself', () => {
    const zones = [montreal, laPaz, dakar, kolkata, 'Europe/Paris', 'Pacific/Auckland'];
    const weeks = ['2026-01-12', '2026-03-02', '2026-03-23', '2026-10-26', '2026-11-02'];
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const schedule = (): Schedule =>
        at(
          random.pick(zones),
          ...Array.from({ length: random.int(0, 6) }, () => ({
            day: random.pick(ALL_DAYS),
            start: `${String(random.int(0, 23)).padStart(2, '0')}:${random.pick(['00', '30'])}`,
            end: `${String(random.int(0, 23)).padStart(2, '0')}:${random.pick(['00', '15'])}`,
          })),
        );
      const [a, b, week] = [schedule(), schedule(), random.pick(weeks)];
      const monday = referenceMonday({ referenceWeek: week });
      const own = (s: Schedule): number => minutesInWeek(weeklyIntervals(s, monday), monday);
      const ab = weeklyOverlapMinutes(a, b, week);
      expect(weeklyOverlapMinutes(b, a, week), `seed ${seed}`).toBe(ab);
      expect(ab, `seed ${seed}`).toBeLessThanOrEqual(Math.min(own(a), own(b)));
      expect(weeklyOverlapMinutes(a, a, week), `seed ${seed}`).toBe(own(a));
      const ia = weeklyIntervals(a, monday);
      expect(intersectIntervals(ia, ia), `seed ${seed}`).toEqual(ia);
    }
  });
});

describe('reference week', () => {
  const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

  it('starts on the Monday of the week containing the given date', () => {
    expect(iso(referenceMonday({ referenceWeek: '2026-03-05' }))).toBe('2026-03-02');
    expect(iso(referenceMonday({ referenceWeek: '2026-03-08' }))).toBe('2026-03-02');
    expect(iso(referenceMonday({ referenceWeek: '2026-03-02' }))).toBe('2026-03-02');
  });

  it('defaults to the first Monday strictly after now', () => {
    expect(iso(referenceMonday({ now: new Date('2026-03-02T10:00:00Z') }))).toBe('2026-03-09');
    expect(iso(referenceMonday({ now: new Date('2026-03-08T23:00:00Z') }))).toBe('2026-03-09');
  });

  it('rejects malformed dates, times of day and time zones', () => {
    expect(() => referenceMonday({ referenceWeek: '2026-02-30' })).toThrow(MatchingInputError);
    expect(() => referenceMonday({})).toThrow(MatchingInputError);
    expect(() => parseClock('9:00')).toThrow(MatchingInputError);
    expect(() => parseClock('24:30')).toThrow(MatchingInputError);
    expect(parseClock('24:00')).toBe(1440);
    const bad = at('Mars/Olympus_Mons', { day: 1, start: '09:00', end: '10:00' });
    expect(() => weeklyOverlapMinutes(bad, bad, '2026-01-12')).toThrow(MatchingInputError);
  });
});
