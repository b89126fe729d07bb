import '../zod-setup';
import { z } from 'zod';
import { Id } from './common';

/** Kinds of bridge a pair builds, as the matching explains them. */
export const PAIR_KIND_NAMES = [
  'north-south',
  'south-south',
  'north-north',
  'national',
  'diaspora-to-origin',
] as const;
export const PairKindName = z.enum(PAIR_KIND_NAMES);

const IdPair = z.tuple([Id, Id]);

/** A facilitator's choices for her program's matching; kept between runs. */
export const MatchingSettings = z
  .object({
    /** Points added per kind (−20 avoid … +20 prefer). */
    kindWeights: z.partialRecord(PairKindName, z.number().min(-20).max(20)).default({}),
    excluded: z.array(IdPair).max(500).default([]),
    locked: z.array(IdPair).max(200).default([]),
  })
  .meta({ id: 'MatchingSettings' });
export type MatchingSettings = z.output<typeof MatchingSettings>;

const Person = z.object({ userId: Id, displayName: z.string() });

export const SuggestedPairView = z.object({
  a: Person,
  b: Person,
  score: z.number(),
  kind: PairKindName,
  /** Why, in the facilitator's language, strongest first. */
  reasons: z.array(z.string()),
  locked: z.boolean(),
  /** Hard constraints a locked pair breaks. */
  blockers: z.array(z.string()),
});

export const PairSuggestionsView = z
  .object({
    pairs: z.array(SuggestedPairView),
    unmatched: z.array(Person.extend({ why: z.array(z.string()) })),
    /** Participants whose profile lacks what matching needs. */
    incomplete: z.array(Person),
  })
  .meta({ id: 'PairSuggestions' });
export type PairSuggestionsView = z.infer<typeof PairSuggestionsView>;

export const CircleRequest = z
  .object({
    minSize: z.number().int().min(3).max(8).default(3),
    maxSize: z.number().int().min(3).max(8).default(6),
  })
  .refine((r) => r.minSize <= r.maxSize, { message: 'min_over_max', path: ['maxSize'] })
  .meta({ id: 'CircleRequest' });

export const CircleSuggestionsView = z
  .object({
    circles: z.array(
      z.object({
        members: z.array(Person),
        languages: z.array(z.string()),
        commonMinutes: z.number(),
      }),
    ),
    unplaced: z.array(Person.extend({ why: z.array(z.string()) })),
    incomplete: z.array(Person),
  })
  .meta({ id: 'CircleSuggestions' });
export type CircleSuggestionsView = z.infer<typeof CircleSuggestionsView>;

export const MatchingPublish = z
  .object({
    pairs: z.array(IdPair).max(200).default([]),
    circles: z.array(z.array(Id).min(3).max(20)).max(50).default([]),
  })
  .meta({ id: 'MatchingPublish' });
export type MatchingPublish = z.output<typeof MatchingPublish>;
