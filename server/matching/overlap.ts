/**
 * Weekly availability overlap between people in different time zones.
 *
 * Each window is turned into real UTC instants on the calendar dates of a concrete week, so
 * daylight-saving changes (which differ between zones and fall on different dates) are
 * honoured exactly. Availability repeats weekly, so each person's windows are laid out for
 * the week before, the reference week and the week after; the intersection is then clipped
 * to the seven days from the reference Monday 00:00 UTC. That counts each recurring overlap
 * once, including one that wraps from Sunday night in one zone into Monday in another, and
 * gives the same answer whichever of the two people comes first.
 */
import { MatchingInputError } from './errors';
import { DAY_MS, MINUTE_MS, WEEK_MS, referenceMonday, wallTimeToUtc } from './zoned-time';
import type { AvailabilityWindow, MatchCandidate } from './types';

/** Half-open UTC interval [start, end) in milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export type Schedule = Pick<MatchCandidate, 'timeZone' | 'availability'>;

/** 'HH:MM' → minutes after midnight; '24:00' is allowed as an end of day. */
export function parseClock(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/.exec(text);
  if (!match) throw new MatchingInputError(`'${text}' is not a time of day (HH:MM)`);
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

function windowIntervals(timeZone: string, window: AvailabilityWindow, monday: number): Interval[] {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (!Number.isInteger(window.day) || window.day < 0 || window.day > 6) {
    throw new MatchingInputError(`day must be 0 (Sunday) to 6 (Saturday), got ${window.day}`);
  }
  if (start === end) return []; // an empty window; a whole day is '00:00'–'24:00'
  // Sunday (0) is the last day of a Monday-based week.
  const dayIndex = (window.day + 6) % 7;
  const endDayIndex = end < start ? dayIndex + 1 : dayIndex;
  const out: Interval[] = [];
  for (const week of [-1, 0, 1]) {
    const dayStart = (monday + 7 * week + dayIndex) * DAY_MS;
    const endDayStart = (monday + 7 * week + endDayIndex) * DAY_MS;
    const from = wallTimeToUtc(timeZone, dayStart + start * MINUTE_MS);
    const to = wallTimeToUtc(timeZone, endDayStart + end * MINUTE_MS);
    if (to > from) out.push({ start: from, end: to });
  }
  return out;
}

/**
 * Sorted, non-overlapping intervals covering the person's windows around the week.
 * `windowCache`, if given, remembers each window's intervals by zone and times for this
 * `monday` only: a cohort repeats the same few windows (09:00–11:00 on a Tuesday in
 * Toronto) many times, and each costs a dozen time-zone look-ups.
 */
export function weeklyIntervals(
  schedule: Schedule,
  monday: number,
  windowCache?: Map<string, readonly Interval[]>,
): Interval[] {
  const intervalsOf = (w: AvailabilityWindow): readonly Interval[] => {
    if (!windowCache) return windowIntervals(schedule.timeZone, w, monday);
    const key = `${schedule.timeZone}\n${w.day}\n${w.start}\n${w.end}`;
    let known = windowCache.get(key);
    if (!known) {
      known = windowIntervals(schedule.timeZone, w, monday);
      windowCache.set(key, known);
    }
    return known;
  };
  const all = schedule.availability
    .flatMap(intervalsOf)
    .sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: { start: number; end: number }[] = [];
  for (const interval of all) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Intersection of two sorted, non-overlapping interval lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Minutes of `intervals` inside the seven days starting at the reference Monday, UTC. */
export function minutesInWeek(intervals: readonly Interval[], monday: number): number {
  const weekStart = monday * DAY_MS;
  const weekEnd = weekStart + WEEK_MS;
  let total = 0;
  for (const { start, end } of intervals) {
    total += Math.max(0, Math.min(end, weekEnd) - Math.max(start, weekStart));
  }
  return Math.round(total / MINUTE_MS);
}

/** Minutes per week both people are available, for the week containing `referenceWeek`. */
export function weeklyOverlapMinutes(a: Schedule, b: Schedule, referenceWeek: string): number {
  const monday = referenceMonday({ referenceWeek });
  return minutesInWeek(
    intersectIntervals(weeklyIntervals(a, monday), weeklyIntervals(b, monday)),
    monday,
  );
}
