import type { Request, Response, Router } from 'express';
import { authRoutes } from '../../shared/api';
import { SESSION_COOKIE } from '../../shared/protocol';
import type { Me } from '../../shared/schemas/auth';
import { AppError } from '../errors';
import { readCredentials } from '../http/credentials';
import { bindRoute } from '../http/route-binding';
import { LIMITS, type RateLimiter } from '../limits/rate-limiter';
import type { AuthService, NewSession } from './auth-service';
import type { Principal } from './principal';

export interface AuthRoutesDeps {
  auth: AuthService;
  limiter: RateLimiter;
  /** Whether cookies must carry Secure (the public URL is https). */
  secureCookies: boolean;
}

export function meOf(p: Principal): Me {
  return {
    id: p.userId,
    displayName: p.displayName,
    email: p.email,
    locale: p.locale,
    isAdmin: p.isAdmin,
    isFacilitator: p.isFacilitator,
    sharedDevice: p.sharedDevice,
  };
}

function setSessionCookie(req: Request, res: Response, session: NewSession, secure: boolean) {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || req.secure,
    path: '/',
    ...(session.cookieMaxAgeMs === undefined ? {} : { maxAge: session.cookieMaxAgeMs }),
  });
}

export function clearSessionCookie(res: Response) {
  res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
  // A shared computer keeps nothing: the client's offline caches go too.
  res.setHeader('Clear-Site-Data', '"cache", "storage"');
}

/** Opens a sign-in session for her and sets its cookie. */
export async function startSession(
  auth: AuthService,
  req: Request,
  res: Response,
  userId: string,
  sharedDevice: boolean,
  secureCookies: boolean,
) {
  setSessionCookie(req, res, await auth.createSession(userId, sharedDevice), secureCookies);
}

async function limit(limiter: RateLimiter, key: string, rule: { limit: number; windowMs: number }) {
  const { allowed, retryAfterMs } = await limiter.hit(key, rule.limit, rule.windowMs);
  if (!allowed) {
    throw new AppError(
      'rate_limited',
      `Too many attempts. Try again in ${Math.ceil(retryAfterMs / 60_000)} min.`,
    );
  }
}

export function registerAuthRoutes(router: Router, deps: AuthRoutesDeps) {
  const { auth, limiter, secureCookies } = deps;

  bindRoute(router, authRoutes.setup, async ({ body, req, res }) => {
    await limit(limiter, `setup:${req.ip}`, LIMITS.signInPerAddress);
    const principal = await auth.completeSetup(body);
    const session = await auth.createSession(principal.userId, false);
    setSessionCookie(req, res, session, secureCookies);
    return meOf(principal);
  });

  bindRoute(router, authRoutes.signIn, async ({ body, req, res }) => {
    await limit(limiter, `sign-in:ip:${req.ip}`, LIMITS.signInPerAddress);
    await limit(limiter, `sign-in:account:${body.email}`, LIMITS.signInPerAccount);
    const userId = await auth.verifyCredentials(body.email, body.password);
    // One answer for an unknown address and a wrong password.
    if (!userId) throw new AppError('unauthenticated', 'Email or password is not right.');
    const session = await auth.createSession(userId, body.sharedDevice);
    setSessionCookie(req, res, session, secureCookies);
    return { ...meOf(await auth.principalFor(userId, 'session')), sharedDevice: body.sharedDevice };
  });

  bindRoute(router, authRoutes.signOut, async ({ req, res, principal }) => {
    const token = readCredentials(req).sessionToken;
    if (principal.via === 'session' && token) await auth.revokeSession(token);
    clearSessionCookie(res);
    return { ok: true as const };
  });

  bindRoute(router, authRoutes.signOutEverywhere, async ({ principal, res }) => {
    await auth.revokeAllSessions(principal.userId);
    clearSessionCookie(res);
    return { ok: true as const };
  });

  bindRoute(router, authRoutes.me, ({ principal }) => meOf(principal));
  bindRoute(router, authRoutes.session, ({ principal }) => ({
    me: principal ? meOf(principal) : null,
  }));

  bindRoute(router, authRoutes.changePassword, async ({ principal, body }) => {
    const email = principal.email ?? '';
    const userId = await auth.verifyCredentials(email, body.currentPassword);
    if (userId !== principal.userId) {
      throw new AppError('validation_failed', 'The current password is not right.', {
        currentPassword: 'current_password_wrong',
      });
    }
    await auth.setPassword(principal.userId, body.newPassword);
    await auth.revokeAllSessions(principal.userId, principal.sessionHash ?? undefined);
    return { ok: true as const };
  });

  bindRoute(router, authRoutes.listTokens, async ({ principal }) => {
    const rows = await auth.tokens.list(principal.userId);
    return {
      tokens: rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
      })),
    };
  });

  bindRoute(router, authRoutes.createToken, async ({ principal, body }) => {
    // Least privilege: a leaked token must not be able to mint others that outlive it.
    if (principal.via === 'token') {
      throw new AppError('forbidden', 'API tokens are created from a signed-in session.');
    }
    const { id, token } = await auth.tokens.create(principal.userId, body.name);
    return { id, name: body.name, token };
  });

  bindRoute(router, authRoutes.revokeToken, async ({ principal, params }) => {
    if (!(await auth.tokens.revoke(principal.userId, params.tokenId))) {
      throw new AppError('not_found', 'No such token.');
    }
    return { ok: true as const };
  });
}
