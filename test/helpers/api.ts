import type { z } from 'zod';
import { fillPath, type ApiRoute } from '../../shared/api-contract';

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls one contract route as a browser would (cookie + allowed Origin) or as a script (token). */
export async function api<R extends ApiRoute>(
  baseUrl: string,
  route: R,
  input: {
    cookie?: string;
    token?: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  } = {},
): Promise<
  ApiAnswer<z.output<R['response']> & { code?: string; fields?: Record<string, string> }>
> {
  const headers: Record<string, string> = { origin: baseUrl };
  if (input.cookie) headers.cookie = input.cookie;
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  const query = input.query ? `?${new URLSearchParams(input.query).toString()}` : '';
  const res = await fetch(`${baseUrl}${fillPath(route.path, input.params ?? {})}${query}`, {
    method: route.method.toUpperCase(),
    headers,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
