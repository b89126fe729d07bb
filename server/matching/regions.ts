import type { MatchCandidate, PairKind } from './types';

/**
 * Countries counted as "global north" here: North America outside Mexico, the EU-15 and
 * EFTA countries of Western and Northern Europe, the UK, Japan, South Korea, Australia and
 * New Zealand. It is a program choice, not a geography fact, and deliberately short and
 * explicit: every country not listed is "south" (Bolivia, Senegal, Mexico, …).
 */
export const GLOBAL_NORTH: ReadonlySet<string> = new Set([
  'CA', 'US',
  'GB', 'IE', 'FR', 'BE', 'NL', 'LU', 'DE', 'AT', 'CH', 'LI', 'ES', 'PT', 'IT', 'MC', 'AD',
  'DK', 'SE', 'NO', 'FI', 'IS',
  'JP', 'KR', 'AU', 'NZ',
]); // prettier-ignore

export function isGlobalNorth(country: string): boolean {
  return GLOBAL_NORTH.has(country.trim().toUpperCase());
}

/**
 * The kind of an unordered pair, most specific first: same country of residence is
 * 'national'; one living where the other comes from is 'diaspora-to-origin'; otherwise the
 * north/south split of the two countries decides.
 */
export function classifyPair(
  a: Pick<MatchCandidate, 'country' | 'diasporaOrigin'>,
  b: Pick<MatchCandidate, 'country' | 'diasporaOrigin'>,
): PairKind {
  const countryA = a.country.trim().toUpperCase();
  const countryB = b.country.trim().toUpperCase();
  if (countryA === countryB) return 'national';
  const originA = a.diasporaOrigin?.trim().toUpperCase();
  const originB = b.diasporaOrigin?.trim().toUpperCase();
  if (originA === countryB || originB === countryA) return 'diaspora-to-origin';
  const northA = isGlobalNorth(countryA);
  const northB = isGlobalNorth(countryB);
  if (northA && northB) return 'north-north';
  if (northA || northB) return 'north-south';
  return 'south-south';
}
