import type { z } from 'zod';
import { fillPath, type ApiRoute } from '../../shared/api-contract';
import type { ErrorCode } from '../../shared/errors';
import { PAGE_ANSWERS_ELEMENT_ID } from '../../shared/pages';

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

/**
 * Answers the server sent along with the page to the GET calls it makes first, by path. Each
 * is used once, by the first call of its path: a later call (a retry, a refresh) asks anew.
 */
const pageAnswers = readPageAnswers();
/** All of them, as they came (`offline-cache.ts` keeps them as the worker keeps answers). */
export const receivedPageAnswers: ReadonlyMap<string, unknown> = new Map(pageAnswers);

function readPageAnswers(): Map<string, unknown> {
  if (typeof document === 'undefined') return new Map();
  const element = document.getElementById(PAGE_ANSWERS_ELEMENT_ID);
  element?.remove();
  try {
    const parsed: unknown = JSON.parse(element?.textContent ?? '{}');
    return new Map(parsed && typeof parsed === 'object' ? Object.entries(parsed) : []);
  } catch {
    return new Map();
  }
}

/** Calls one contract route with the session cookie; throws ApiError on refusal. */
export async function call<R extends ApiRoute>(
  route: R,
  input: CallInput = {},
): Promise<z.output<R['response']>> {
  const path = fillPath(route.path, input.params ?? {});
  const query = input.query ? `?${new URLSearchParams(input.query).toString()}` : '';
  if (route.method === 'get' && query === '' && pageAnswers.has(path)) {
    const answer = pageAnswers.get(path);
    pageAnswers.delete(path);
    return answer as z.output<R['response']>;
  }
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
