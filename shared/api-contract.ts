import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One REST route of the public contract. The server builds its router and its OpenAPI
 * document from these; the client's typed fetch reads the same objects.
 */
export interface ApiRoute<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/programs/:programId`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Public routes need no credentials; all others answer 401 without them. */
  public: boolean;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** Status of a successful answer; 200 unless set. */
  status?: 200 | 201 | 204;
}

export function defineRoute<
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
>(route: ApiRoute<Params, Query, Body, Response>): ApiRoute<Params, Query, Body, Response> {
  return route;
}

/** Fills `:name` segments of a route path. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
