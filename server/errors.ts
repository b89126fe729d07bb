import type { ErrorCode } from '../shared/errors';

/**
 * A failure the person can be told about, carried by code. Transport adapters turn it into
 * an HTTP status, an ack or a close code; anything that is not an AppError is a bug and
 * answers `internal` without details.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
