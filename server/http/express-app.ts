import { randomUUID } from 'node:crypto';
import path from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { HTTP_STATUS } from '../../shared/errors';
import type { ErrorBody } from '../../shared/schemas/common';
import type { AuthService } from '../auth/auth-service';
import { AuthError } from '../auth/principal';
import { AppError } from '../errors';
import { LIMITS } from '../limits/rate-limiter';
import type { Logger } from '../logger';
import { authenticate, readCredentials } from './credentials';
import { pageAnswers } from './page-answers';
import { PageShell } from './page-shell';
import { precompressedAssets } from './precompressed';
import './express-types';

export interface ExpressAppOptions {
  logger: Logger;
  auth: AuthService;
  isOriginAllowed: (origin: string | undefined) => boolean;
  trustProxy: boolean | number | string;
  clientDir: string;
  /** Adds the API routes; runs after authentication and before the client fallback. */
  mountRoutes: (router: express.Router) => void;
}

const REQUEST_ID = /^[\w-]{8,64}$/;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Content Security Policy the built client satisfies: no inline script or style. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
} as const;

export function createExpressApp(options: ExpressAppOptions): express.Express {
  const { logger, auth } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // Only method, path and status: no headers, no query strings (links carry tokens).
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split(/[?#]/)[0],
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      // Probes and scrapes come every few seconds: logging each would drown the rest.
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Phones on slow mobile data: text assets and JSON travel gzip-compressed.
  app.use(compression());
  app.use(express.json({ limit: LIMITS.jsonBodyBytes }));

  // A browser always sends Origin on these; a foreign one never gets to act with her cookie.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (
      UNSAFE_METHODS.has(req.method) &&
      origin !== undefined &&
      !options.isOriginAllowed(origin)
    ) {
      next(
        new AppError('origin_not_allowed', 'This request comes from a site that is not allowed.'),
      );
      return;
    }
    next();
  });

  app.use(async (req: Request, _res: Response, next: NextFunction) => {
    try {
      req.principal = await authenticate(auth, readCredentials(req), { cookieAllowed: true });
      next();
    } catch (err) {
      next(err);
    }
  });

  const api = express.Router();
  options.mountRoutes(api);
  app.use(api);
  app.use('/api', (_req: Request, _res: Response, next: NextFunction) => {
    next(new AppError('not_found', 'No such API route.'));
  });

  serveClient(
    app,
    options.clientDir,
    new PageShell(options.clientDir, (req, res) => pageAnswers(api, req, res)),
  );

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = toErrorBody(err);
    if (body.code === 'internal') req.log.error({ err }, 'request failed');
    if (body.code === 'unauthenticated' && req.principal === null)
      res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(HTTP_STATUS[body.code]).json(body);
  });
  return app;
}

function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) {
    return {
      ok: false,
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
    };
  }
  if (err instanceof AuthError) return { ok: false, code: err.code, message: err.message };
  // The static file server's refusals: a missing asset, a path it will not serve.
  const status = (err as { status?: unknown } | null)?.status;
  if (status === 404) return { ok: false, code: 'not_found', message: 'No such file.' };
  if (status === 403) return { ok: false, code: 'forbidden', message: 'Not a file to serve.' };
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return {
      ok: false,
      code: 'payload_too_large',
      message: `Requests are limited to ${LIMITS.jsonBodyBytes} bytes.`,
    };
  }
  if (
    type === 'entity.parse.failed' ||
    type === 'encoding.unsupported' ||
    type === 'charset.unsupported'
  ) {
    return { ok: false, code: 'bad_request', message: 'The request body is not valid JSON.' };
  }
  return { ok: false, code: 'internal', message: 'Something went wrong on our side.' };
}

/**
 * Hashed assets are cached for a year; the service worker and the plain `index.html` (the
 * worker's offline shell) are revalidated every time so a deploy reaches people at once.
 * Every other path gets the app shell with the answers to its first API calls (`PageShell`):
 * personal, so never stored, not even by her browser (a shared computer's next user).
 */
function serveClient(app: express.Express, clientDir: string, shell: PageShell) {
  app.use('/assets', precompressedAssets(path.join(clientDir, 'assets')));
  app.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      fallthrough: false,
    }),
  );
  app.use(
    express.static(clientDir, {
      index: false,
      maxAge: 0,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.get(
    /^\/(?!api\/|socket\.io\/|yjs\/).*/,
    async (req: Request, res: Response, next: NextFunction) => {
      const html = req.accepts('html') ? await shell.render(req, res) : null;
      if (html === null) {
        next();
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Vary', 'Cookie');
      res.type('html').send(html);
    },
  );
}
