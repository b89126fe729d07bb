import type { Locale } from '../../shared/protocol';

/** Messages of the board (lanes, cards, sync state), in every interface language. */
const en = {
  'board.title': 'Board',
} as const;

type BoardKey = keyof typeof en;

export const boardMessages: { en: typeof en } & Record<
  Exclude<Locale, 'en'>,
  Record<BoardKey, string>
> = {
  en,
  fr: {
    'board.title': 'Tableau',
  },
  es: {
    'board.title': 'Tablero',
  },
};
