import type { ErrorCode } from '../../shared/errors';

/**
 * Input the matching core cannot work with (unknown id in a locked pair, malformed time,
 * unknown time zone …). Adapters map it to a `validation_failed` response.
 */
export class MatchingInputError extends Error {
  override readonly name = 'MatchingInputError';
  readonly code: ErrorCode = 'validation_failed';
}
