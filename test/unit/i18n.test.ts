import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../client/i18n/i18n';
import { LOCALES } from '../../shared/protocol';

/** Messages that are rightly the same word as in English, per language. */
const SAME_AS_ENGLISH: Record<'fr' | 'es', ReadonlySet<string>> = {
  fr: new Set(['app.name']),
  es: new Set(['app.name', 'stage.idea']),
};

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('interface messages', () => {
  const keys = Object.keys(catalogs.en);

  it('every language has every key, none empty', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(catalogs[locale]).sort(), locale).toEqual([...keys].sort());
      for (const key of keys)
        expect(
          catalogs[locale][key as keyof typeof catalogs.en].trim(),
          `${locale} ${key}`,
        ).not.toBe('');
    }
  });

  it('French and Spanish are translated, not copies of the English', () => {
    for (const locale of ['fr', 'es'] as const) {
      const copies = keys.filter(
        (key) =>
          !SAME_AS_ENGLISH[locale].has(key) &&
          catalogs[locale][key as keyof typeof catalogs.en] ===
            catalogs.en[key as keyof typeof catalogs.en],
      );
      expect(copies, locale).toEqual([]);
    }
  });

  it('message parameters are the same in every language', () => {
    for (const key of keys) {
      const expected = paramsOf(catalogs.en[key as keyof typeof catalogs.en]);
      for (const locale of LOCALES) {
        expect(
          paramsOf(catalogs[locale][key as keyof typeof catalogs.en]),
          `${locale} ${key}`,
        ).toEqual(expected);
      }
    }
  });

  it('components write no words into their templates outside the message catalogs', () => {
    const root = path.resolve(import.meta.dirname, '../../client');
    const offenders: string[] = [];
    for (const file of sourceFiles(root).filter((f) => !f.includes(`${path.sep}i18n${path.sep}`))) {
      const source = readFileSync(file, 'utf8');
      for (const template of source.matchAll(/html`([\s\S]*?)`/g)) {
        // Text between tags, with ${…} expressions removed: any letters left are literal words.
        const text = template[1]!.replace(/\$\{[^}]*\}/g, '');
        for (const between of text.matchAll(/>([^<]+)</g)) {
          const words = between[1]!.replace(/&[a-z]+;|[·•|/—–-]/g, '').trim();
          if (/\p{L}{2,}/u.test(words)) offenders.push(`${path.relative(root, file)}: "${words}"`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
