import type { Locale } from '../../shared/protocol';

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
