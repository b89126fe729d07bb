import { LOCALES, type Locale } from '../../shared/protocol';

/** Who is making a request, once authenticated. Transport-free. */
export interface Principal {
  userId: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  /** May create programs (invited as a facilitator, or an admin). */
  isFacilitator: boolean;
  locale: Locale;
  /** How she proved it: the sign-in cookie, or a personal API token. */
  via: 'session' | 'token';
  /** Signed in with "this is a shared computer". */
  sharedDevice: boolean;
  /** Hash of the session id, when via is 'session'. */
  sessionHash: string | null;
  /** Hash of the secret she presented (session id or API token): what a revocation ends. */
  credentialHash: string;
}

export class AuthError extends Error {
  constructor(
    readonly code:
      'unauthenticated' | 'forbidden' | 'invalid_or_expired_link' | 'setup_already_done',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The columns of `users` a principal is made of, as every query that makes one selects them. */
export const PRINCIPAL_COLUMNS = [
  'users.id',
  'users.display_name',
  'users.email',
  'users.is_admin',
  'users.is_facilitator',
  'users.locale',
] as const;

/** One row of `PRINCIPAL_COLUMNS`. */
export interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  is_admin: number;
  is_facilitator: number;
  locale: string;
}

function asLocale(value: string): Locale {
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : 'en';
}

export function principalOf(
  user: UserRow,
  via: Principal['via'],
  extra: Partial<Principal>,
): Principal {
  return {
    userId: user.id,
    displayName: user.display_name,
    email: user.email,
    isAdmin: user.is_admin === 1,
    isFacilitator: user.is_admin === 1 || user.is_facilitator === 1,
    locale: asLocale(user.locale),
    via,
    sharedDevice: false,
    sessionHash: null,
    credentialHash: '',
    ...extra,
  };
}
