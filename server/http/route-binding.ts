import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { ApiRoute } from '../../shared/api-contract';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { fieldMessages } from './validation';

export interface HandlerContext<R extends ApiRoute> {
  params: z.output<NonNullable<R['params']>>;
  query: z.output<NonNullable<R['query']>>;
  body: z.output<NonNullable<R['body']>>;
  /** Null only on public routes. */
  principal: R['public'] extends true ? Principal | null : Principal;
  req: Request;
  res: Response;
}

export type RouteHandler<R extends ApiRoute> = (
  ctx: HandlerContext<R>,
) => Promise<z.input<R['response']>> | z.input<R['response']>;

const bound = new WeakMap<Router, Map<ApiRoute, RouteHandler<ApiRoute>>>();

function handlersOf(router: Router): Map<ApiRoute, RouteHandler<ApiRoute>> {
  let handlers = bound.get(router);
  if (!handlers) bound.set(router, (handlers = new Map()));
  return handlers;
}

/** The contract routes bound on a router so far, to check that none lacks a handler. */
export function boundRoutes(router: Router): ReadonlySet<ApiRoute> {
  return new Set(handlersOf(router).keys());
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      'validation_failed',
      `The ${where} is not valid.`,
      fieldMessages(result.error),
    );
  }
  return result.data;
}

/**
 * A route whose response schema is a plain string answers text (e.g. `/metrics` in
 * Prometheus format), not a JSON-encoded string; OpenAPI documents it as `text/plain`.
 */
export function answersText(route: ApiRoute): boolean {
  return route.response instanceof z.ZodString;
}

/**
 * Binds one contract route: authentication first, then params, query and body through
 * their schemas, then the handler; the answer passes the response schema on its way out,
 * so nothing outside the contract (a password hash, say) can leak.
 */
export function bindRoute<R extends ApiRoute>(router: Router, route: R, handler: RouteHandler<R>) {
  handlersOf(router).set(route, handler as unknown as RouteHandler<ApiRoute>);
  router[route.method](route.path, async (req: Request, res: Response) => {
    const ctx = contextFor(route, req, res, req.params, req.query);
    res.status(route.status ?? 200);
    const result = await handler(ctx);
    // A handler may choose another status for a valid answer (readiness answers 503).
    const status = res.statusCode;
    if (status === 204) {
      res.status(204).end();
      return;
    }
    const body = route.response.parse(result);
    if (answersText(route)) {
      // The handler may have named a more precise text type (a format version).
      if (!res.get('content-type')) res.type('text/plain');
      res.send(body);
      return;
    }
    res.json(body);
  });
}

/** Authentication, then params, query and body through their schemas; throws AppError. */
function contextFor<R extends ApiRoute>(
  route: R,
  req: Request,
  res: Response,
  params: unknown,
  query: unknown,
): HandlerContext<R> {
  const principal = req.principal ?? null;
  if (!route.public && !principal) throw new AppError('unauthenticated', 'Please sign in.');
  return {
    params: parsePart(route.params, params, 'address'),
    query: parsePart(route.query, query, 'query'),
    body: route.body ? parsePart(route.body, req.body ?? {}, 'request body') : undefined,
    principal,
    req,
    res,
  } as HandlerContext<R>;
}

/**
 * Answers a bound GET route in process, as its HTTP call would for the same principal, with
 * every check of `bindRoute` (authentication, params, the response schema on the way out).
 * Null when it would refuse (an `AppError`): the client then calls it and gets the refusal.
 * `res` is the response of the request being served (a page); the route must not write to
 * it, and a status it sets is undone.
 */
export async function answerInProcess(
  router: Router,
  route: ApiRoute,
  params: Record<string, string>,
  req: Request,
  res: Response,
): Promise<{ answer: unknown } | null> {
  const handler = handlersOf(router).get(route);
  if (route.method !== 'get' || handler === undefined) {
    throw new Error(`${route.operationId} is not a bound GET route`);
  }
  const status = res.statusCode;
  try {
    const result = await handler(contextFor(route, req, res, params, {}));
    return { answer: route.response.parse(result) };
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  } finally {
    res.status(status);
  }
}
