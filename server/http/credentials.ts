import type { IncomingMessage } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { SESSION_COOKIE } from '../../shared/protocol';
import type { AuthService } from '../auth/auth-service';
import type { Principal } from '../auth/principal';

/** What a request presents to prove who it is. */
export interface Credentials {
  sessionToken: string | undefined;
  bearerToken: string | undefined;
}

export function readCredentials(req: Pick<IncomingMessage, 'headers'>): Credentials {
  const cookies = parseCookie(req.headers.cookie ?? '');
  const authorization = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S{16,200})$/i.exec(authorization)?.[1];
  return { sessionToken: cookies[SESSION_COOKIE] || undefined, bearerToken: bearer };
}

/**
 * Resolves credentials the same way for REST, Socket.IO and the Yjs endpoint. A bearer
 * token wins over a cookie. Without an Origin header (not a browser) only a bearer token
 * counts: a cookie is something a browser sends by itself, so it only counts together
 * with an allowed Origin, which the caller checks.
 */
export async function authenticate(
  auth: AuthService,
  credentials: Credentials,
  opts: { cookieAllowed: boolean },
): Promise<Principal | null> {
  if (credentials.bearerToken) return auth.tokens.resolve(credentials.bearerToken);
  if (credentials.sessionToken && opts.cookieAllowed)
    return auth.resolveSession(credentials.sessionToken);
  return null;
}
