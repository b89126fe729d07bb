/**
 * Checks the matching core makes itself, beyond what the edge's schemas guarantee, because
 * a wrong id or a duplicate silently skews a whole cohort's result.
 */
import { MatchingInputError } from './errors';
import { STAGES, type IdPair, type MatchCandidate } from './types';

const COUNTRY = /^[A-Za-z]{2}$/;

/** Returns the candidates sorted by id: the order every later step relies on. */
export function validateCandidates(candidates: readonly MatchCandidate[]): MatchCandidate[] {
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.id === '') throw new MatchingInputError('a candidate has an empty id');
    if (seen.has(c.id)) throw new MatchingInputError(`candidate '${c.id}' appears twice`);
    seen.add(c.id);
    if (!COUNTRY.test(c.country.trim())) {
      throw new MatchingInputError(`candidate '${c.id}': '${c.country}' is not a country code`);
    }
    if (c.diasporaOrigin !== undefined && !COUNTRY.test(c.diasporaOrigin.trim())) {
      throw new MatchingInputError(`candidate '${c.id}': bad diasporaOrigin '${c.diasporaOrigin}'`);
    }
    if (!STAGES.includes(c.stage)) {
      throw new MatchingInputError(`candidate '${c.id}': unknown stage '${String(c.stage)}'`);
    }
  }
  return [...candidates].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/**
 * Locked pairs must name two different known candidates, each in at most one locked pair,
 * and must not also be excluded: that contradiction is a settings bug worth surfacing.
 */
export function validateLocked(
  locked: readonly IdPair[],
  known: ReadonlySet<string>,
  isExcluded: (x: string, y: string) => boolean,
): void {
  const used = new Set<string>();
  for (const [x, y] of locked) {
    if (x === y) throw new MatchingInputError(`locked pair pairs '${x}' with herself`);
    for (const id of [x, y]) {
      if (!known.has(id)) throw new MatchingInputError(`locked pair names unknown id '${id}'`);
      if (used.has(id)) throw new MatchingInputError(`'${id}' is in more than one locked pair`);
      used.add(id);
    }
    if (isExcluded(x, y)) throw new MatchingInputError(`'${x}'–'${y}' is both locked and excluded`);
  }
}
