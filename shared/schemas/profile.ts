import '../zod-setup';
import { z } from 'zod';
import { SKILL_KEYS, STAGES } from '../skills';
import { DisplayName } from './auth';

/** An IANA zone this runtime knows, e.g. `America/La_Paz`. */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}, 'time_zone_invalid');

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'country_invalid');
/** ISO 639 language code: en, fr, es, qu, ay, wo, … */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'language_invalid');
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid');

/** A weekly window in her own time zone; end before start crosses midnight. */
export const AvailabilityWindow = z
  .object({ day: z.number().int().min(0).max(6), start: HHMM, end: HHMM })
  .refine((w) => w.start !== w.end, { message: 'window_empty', path: ['end'] });

const Tag = z.string().trim().min(1).max(40, 'tag_too_long');

export const ProfileInput = z
  .object({
    displayName: DisplayName,
    country: CountryCode.nullable(),
    city: z.string().trim().max(80, 'city_too_long').nullable(),
    timeZone: TimeZone.nullable(),
    languages: z.array(LanguageCode).max(8, 'too_many_languages'),
    businessName: z.string().trim().max(120, 'business_name_too_long').nullable(),
    sector: z.string().trim().max(80, 'sector_too_long').nullable(),
    stage: z.enum(STAGES, { error: 'stage_invalid' }).nullable(),
    offers: z
      .array(z.enum(SKILL_KEYS as [string, ...string[]], { error: 'skill_invalid' }))
      .max(12, 'too_many_skills'),
    wants: z
      .array(z.enum(SKILL_KEYS as [string, ...string[]], { error: 'skill_invalid' }))
      .max(12, 'too_many_skills'),
    offerTags: z.array(Tag).max(10, 'too_many_tags'),
    wantTags: z.array(Tag).max(10, 'too_many_tags'),
    bio: z.string().trim().max(600, 'bio_too_long').nullable(),
    diasporaOrigin: CountryCode.nullable(),
    availability: z.array(AvailabilityWindow).max(21, 'too_many_windows'),
  })
  .meta({ id: 'ProfileInput' });
export type ProfileInput = z.infer<typeof ProfileInput>;

export const Profile = ProfileInput.extend({
  userId: z.string(),
  updatedAt: z.number().int().nullable(),
}).meta({ id: 'Profile' });
export type Profile = z.infer<typeof Profile>;

export const EMPTY_PROFILE: Omit<ProfileInput, 'displayName'> = {
  country: null,
  city: null,
  timeZone: null,
  languages: [],
  businessName: null,
  sector: null,
  stage: null,
  offers: [],
  wants: [],
  offerTags: [],
  wantTags: [],
  bio: null,
  diasporaOrigin: null,
  availability: [],
};

export const AccountDelete = z
  .object({ password: z.string().min(1).max(128) })
  .meta({ id: 'AccountDelete' });

/** Everything Mutua holds about her, as she downloads it. */
export const PersonalExport = z
  .object({
    exportedAt: z.string(),
    account: z.object({
      id: z.string(),
      displayName: z.string(),
      email: z.string().nullable(),
      locale: z.string(),
      createdAt: z.number(),
    }),
    profile: z.record(z.string(), z.unknown()).nullable(),
    programs: z.array(
      z.object({ id: z.string(), name: z.string(), role: z.string(), joinedAt: z.number() }),
    ),
    rooms: z.array(
      z.object({ id: z.string(), title: z.string(), kind: z.string(), boardId: z.string() }),
    ),
    apiTokens: z.array(z.object({ name: z.string(), createdAt: z.number() })),
    sessions: z.array(
      z.object({ createdAt: z.number(), lastSeenAt: z.number(), sharedDevice: z.boolean() }),
    ),
  })
  .meta({ id: 'PersonalExport' });
export type PersonalExport = z.infer<typeof PersonalExport>;
