import { CLOSE_CODES, type CloseCode } from '../../shared/errors';
import type { BoardConnection } from './board-connection';
import type { SyncLogger } from './types';

/** The peer sent bytes that are not one well-formed y-websocket message: close with 4422. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** A deliberate refusal that ends the connection with a specific code and reason. */
export class CloseConnectionError extends Error {
  override readonly name = 'CloseConnectionError';
  constructor(
    readonly code: CloseCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * The one place where an error raised while handling a message becomes a close frame.
 * Anything unexpected is logged and closes only that connection (4500, the client retries).
 */
export function closeForError(
  connection: BoardConnection,
  error: unknown,
  logger: SyncLogger,
): void {
  if (error instanceof MalformedMessageError) {
    logger.info(
      { connection: connection.id, boardId: connection.boardId, detail: error.message },
      'yjs malformed message',
    );
    connection.close(CLOSE_CODES.malformed, 'malformed');
  } else if (error instanceof CloseConnectionError) {
    logger.info(
      { connection: connection.id, boardId: connection.boardId, reason: error.reason },
      'yjs connection refused a message',
    );
    connection.close(error.code, error.reason);
  } else {
    logger.error(
      { err: error, connection: connection.id, boardId: connection.boardId },
      'yjs message handler failed',
    );
    connection.close(CLOSE_CODES.internal, 'internal');
  }
}
