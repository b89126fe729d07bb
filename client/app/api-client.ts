import type { z } from 'zod';
import { fillPath, type ApiRoute } from '../../shared/api-contract';
import type { ErrorCode } from '../../shared/errors';

/** A refused API call, with the server's code and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** Calls one contract route with the session cookie; throws ApiError on refusal. */
export async function call<R extends ApiRoute>(
  route: R,
  input: CallInput = {},
): Promise<z.output<R['response']>> {
  const path = fillPath(route.path, input.params ?? {});
  const query = input.query ? `?${new URLSearchParams(input.query).toString()}` : '';
  let response: Response;
  try {
    response = await fetch(path + query, {
      method: route.method.toUpperCase(),
      credentials: 'same-origin',
      headers: input.body === undefined ? {} : { 'content-type': 'application/json' },
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
    });
  } catch {
    throw new ApiError('network', 'network');
  }
  if (response.status === 204) return undefined as z.output<R['response']>;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const body = (json ?? {}) as {
      code?: ErrorCode;
      message?: string;
      fields?: Record<string, string>;
    };
    throw new ApiError(body.code ?? 'internal', body.message ?? response.statusText, body.fields);
  }
  return json as z.output<R['response']>;
}
