import '../zod-setup';
import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { LOCALES } from '../protocol';

/** Opaque identifiers: URL-safe random strings made by the server. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an identifier of 8 to 64 letters, digits, - or _');
export type Id = z.infer<typeof Id>;

export const ErrorCode = z.enum(ERROR_CODES);

export const ErrorBody = z
  .object({
    ok: z.literal(false),
    code: ErrorCode,
    message: z.string(),
    /** Per-field messages keyed by dotted path, for forms. */
    fields: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Locale = z.enum(LOCALES);

export const IsoDateTime = z.iso.datetime({ offset: true });
