/**
 * Human sentences for match reasons, in English, French or Spanish. Language and country
 * names come from the runtime's own CLDR data (Intl.DisplayNames), so 'wo' reads "Wolof",
 * "wolof" or "wólof" without a table of ours.
 */
import type { Locale } from '../../shared/protocol';
import { PHRASES } from './explain-messages';
import { assertNever, type MatchReason, type Role } from './reasons';

/** Label for a skill, goal or sector key; the matching core has no catalogue of its own. */
export type LabelFn = (key: string, locale: Locale) => string;

/** Fallback label: the key itself, dashes as spaces ('export-logistics' → 'export logistics'). */
export const keyAsLabel: LabelFn = (key) => key.replace(/-/g, ' ');

function displayName(locale: Locale, type: 'language' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code; // not a well-formed code: show it as given
  }
}

/** One sentence per reason, in the order given. */
export function explainReasons(
  reasons: readonly MatchReason[],
  locale: Locale,
  names: Readonly<Record<Role, string>>,
  labels: LabelFn = keyAsLabel,
): string[] {
  const phrases = PHRASES[locale];
  const list = (items: readonly string[]): string =>
    new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  const labelled = (keys: readonly string[]): string => list(keys.map((k) => labels(k, locale)));
  return reasons.map((reason): string => {
    switch (reason.code) {
      case 'offers': {
        const { from, to, skills } = reason.params;
        return phrases.offers(names[from], names[to], labelled(skills));
      }
      case 'stage': {
        const { a, b } = reason.params;
        return a === b ? phrases.sameStage(a) : phrases.stages(names.a, a, names.b, b);
      }
      case 'shared-sector':
        return phrases.sharedSector(labels(reason.params.sector, locale));
      case 'complementary-sectors':
        return phrases.complementarySectors(
          labels(reason.params.a, locale),
          labels(reason.params.b, locale),
        );
      case 'shared-goals':
        return phrases.sharedGoals(labelled(reason.params.goals));
      case 'overlap': {
        // Half-hour precision is as much as a weekly planning figure deserves.
        const hours = Math.round(reason.params.minutes / 30) / 2;
        const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
        const plural = new Intl.PluralRules(locale).select(hours) !== 'one';
        return phrases.overlap(text, plural);
      }
      case 'shared-languages':
        return phrases.sharedLanguages(
          list(reason.params.languages.map((l) => displayName(locale, 'language', l))),
        );
      case 'kind': {
        const [a, b] = reason.params.countries.map((c) => displayName(locale, 'region', c));
        return phrases.kind(reason.params.kind, a ?? '', b ?? '');
      }
      default:
        return assertNever(reason);
    }
  });
}
