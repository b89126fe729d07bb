import '../zod-setup';
import { z } from 'zod';
import { Id, Locale } from './common';

/** At least 8 characters, at most 128; no composition rules (ASVS 5, V6.2). */
export const Password = z.string().min(8, 'password_too_short').max(128, 'password_too_long');

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'email_invalid')
  .pipe(z.email('email_invalid'));

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'display_name_required')
  .max(80, 'display_name_too_long');

export const SetupRequest = z
  .object({
    token: z.string().min(16).max(128),
    displayName: DisplayName,
    email: Email,
    password: Password,
    locale: Locale,
  })
  .meta({ id: 'SetupRequest' });
export type SetupRequest = z.infer<typeof SetupRequest>;

export const SignInRequest = z
  .object({
    email: Email,
    password: z.string().min(1).max(128),
    /** "This is a shared computer": short idle expiry, a browser-session cookie, no offline cache. */
    sharedDevice: z.boolean().default(false),
  })
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.input<typeof SignInRequest>;

export const Me = z
  .object({
    id: Id,
    displayName: z.string(),
    email: z.string().nullable(),
    locale: Locale,
    isAdmin: z.boolean(),
    isFacilitator: z.boolean(),
    sharedDevice: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const Ok = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
export type Ok = z.infer<typeof Ok>;

export const PasswordChangeRequest = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: Password })
  .meta({ id: 'PasswordChangeRequest' });

export const ApiTokenCreateRequest = z
  .object({ name: z.string().trim().min(1, 'token_name_required').max(60, 'token_name_too_long') })
  .meta({ id: 'ApiTokenCreateRequest' });

export const ApiTokenSummary = z
  .object({
    id: Id,
    name: z.string(),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
  })
  .meta({ id: 'ApiTokenSummary' });

export const ApiTokenList = z
  .object({ tokens: z.array(ApiTokenSummary) })
  .meta({ id: 'ApiTokenList' });

export const ApiTokenCreated = z
  .object({ id: Id, name: z.string(), token: z.string() })
  .meta({ id: 'ApiTokenCreated' });

export const TokenIdParams = z.object({ tokenId: Id });

export const SessionState = z.object({ me: Me.nullable() }).meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof SessionState>;
