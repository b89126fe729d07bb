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
 */
export const CLOSE_CODES = {
  /** Server shutting down; the client reconnects by itself. */
  restarting: 1012,
  badRequest: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  unknownBoard: 4404,
  protocolMismatch: 4426,
  tooLarge: 4413,
  tooFast: 4429,
  malformed: 4422,
  internal: 4500,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
