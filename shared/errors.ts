/**
 * Error codes carried in REST error bodies, Socket.IO acks and `connect_error` data.
 * Defined once here; the client maps each to a translated message.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'protocol_mismatch',
  'origin_not_allowed',
  'invalid_or_expired_link',
  'setup_already_done',
  'server_restarting',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status that goes with each code on the REST API. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  protocol_mismatch: 426,
  origin_not_allowed: 403,
  invalid_or_expired_link: 410,
  setup_already_done: 409,
  server_restarting: 503,
  unavailable: 503,
  internal: 500,
};

/**
 * WebSocket close codes used on `/yjs/<boardId>` (4000–4999 is the application range).
 * A refused upgrade answers with the matching HTTP status instead and sends no frame.
 * Stock y-websocket providers stop for good on 4400–4499 (a decision reconnecting cannot
 * change) and retry with backoff on anything else, so "slow down" and "busy" live in 45xx.
 */
export const CLOSE_CODES = {
  /** Server shutting down; the client reconnects by itself. */
  restarting: 1012,
  badRequest: 4400,
  unauthenticated: 4401,
  /** Not allowed on this board, or access was withdrawn while connected. */
  forbidden: 4403,
  unknownBoard: 4404,
  /** A message over the size limit, or the board is full (reason `board_full`). */
  tooLarge: 4413,
  malformed: 4422,
  protocolMismatch: 4426,
  internal: 4500,
  /** Board busy or this connection cannot keep up: retry later. */
  unavailable: 4503,
  /** Messages came faster than the per-connection rate limit: retry after a backoff. */
  tooFast: 4529,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Reasons sent with close codes, for the client to translate. */
export const CLOSE_REASONS = [
  'restarting',
  'unauthenticated',
  'forbidden',
  'access_removed',
  'unknown_board',
  'message_too_large',
  'board_full',
  'malformed',
  'protocol_mismatch',
  'too_fast',
  'board_busy',
  'slow_consumer',
  'internal',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
