/**
 * Wall-clock time in an IANA zone → UTC instant, with only `Intl.DateTimeFormat`.
 * Days are counted as "epoch days" (days since 1970-01-01) so that calendar arithmetic
 * never touches the host's own time zone.
 */
import { MatchingInputError } from './errors';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new MatchingInputError(`unknown time zone '${timeZone}'`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * formatToParts costs tens of microseconds and cohorts ask for the same few instants
 * (everyone's 09:00 on the same dates) over and over, so answers are memoised; the cache
 * is simply dropped when it grows large.
 */
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 50_000;

/** Local wall time minus UTC at `instant`, in milliseconds (e.g. -4 h for Toronto in summer). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const key = `${timeZone} ${instant}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  const offset = computeOffsetMs(timeZone, instant);
  offsetCache.set(key, offset);
  return offset;
}

function computeOffsetMs(timeZone: string, instant: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields['year'] ?? 1970,
    (fields['month'] ?? 1) - 1,
    fields['day'] ?? 1,
    fields['hour'] ?? 0,
    fields['minute'] ?? 0,
    fields['second'] ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a wall time, given as milliseconds "as if the wall clock were UTC".
 * Ambiguous times (clocks going back) take the earlier instant; times skipped when clocks
 * go forward are pushed forward by the gap, like Temporal's 'compatible' disambiguation.
 * Offsets are sampled a day either side, which assumes no zone changes offset twice within
 * two days — true of every zone in the tz database today.
 */
export function wallTimeToUtc(timeZone: string, wallMs: number): number {
  const before = zoneOffsetMs(timeZone, wallMs - DAY_MS);
  const after = zoneOffsetMs(timeZone, wallMs + DAY_MS);
  const valid = [before, after]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallMs - zoneOffsetMs(timeZone, instant) === instant);
  if (valid.length > 0) return Math.min(...valid);
  return wallMs - before;
}

/** 'YYYY-MM-DD' → epoch day, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (!match || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new MatchingInputError(`'${text}' is not an ISO date (YYYY-MM-DD)`);
  }
  return ms / DAY_MS;
}

/** Days since the Monday on or before the epoch day (1970-01-01 was a Thursday). */
function daysSinceMonday(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/**
 * Epoch day of the Monday that starts the reference week: the week containing
 * `referenceWeek`, or else the first Monday strictly after `now` (by its UTC date), since a
 * program matching today plans meetings from next week on.
 */
export function referenceMonday(source: { referenceWeek?: string; now?: Date }): number {
  if (source.referenceWeek !== undefined) {
    const day = parseIsoDate(source.referenceWeek);
    return day - daysSinceMonday(day);
  }
  if (!source.now || Number.isNaN(source.now.getTime())) {
    throw new MatchingInputError('either referenceWeek or a valid now is required');
  }
  const today = Math.floor(source.now.getTime() / DAY_MS);
  return today + 7 - daysSinceMonday(today);
}
