import type { z } from 'zod';
import type { Locale } from '../../shared/protocol';
import { ApiError } from './api-client';
import { fieldMessage } from '../i18n/i18n';
import type { AppServices } from './app-context';

/** Turns a failed submit into one page message and per-field messages in her language. */
export function describeFailure(
  err: unknown,
  services: Pick<AppServices, 't' | 'locale'>,
  locale: Locale = services.locale,
): { message: string; fields: Record<string, string> } {
  if (!(err instanceof ApiError)) return { message: services.t('error.internal'), fields: {} };
  const fields = Object.fromEntries(
    Object.entries(err.fields).map(([name, code]) => [name, fieldMessage(locale, code)]),
  );
  const key = err.code === 'network' ? 'error.network' : (`error.${err.code}` as const);
  const known = [
    'error.validation_failed',
    'error.unauthenticated',
    'error.forbidden',
    'error.not_found',
    'error.rate_limited',
    'error.invalid_or_expired_link',
    'error.setup_already_done',
    'error.network',
    'error.conflict',
    'error.payload_too_large',
  ] as const;
  const message = (known as readonly string[]).includes(key)
    ? services.t(key as (typeof known)[number])
    : services.t('error.internal');
  return { message, fields };
}

/** Checks a form against its shared schema; null when valid, else messages in her language. */
export function checkFields(
  schema: z.ZodType,
  value: unknown,
  services: Pick<AppServices, 't' | 'locale'>,
): { message: string; fields: Record<string, string> } | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '_');
    fields[name] ??= fieldMessage(services.locale, issue.message);
  }
  return { message: services.t('error.validation_failed'), fields };
}
