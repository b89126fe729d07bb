/**
 * Version of the wire contract between client and server (Socket.IO events, REST bodies,
 * Yjs endpoint parameters). Bump it on any incompatible change: a client built against
 * another version is told to reload instead of failing silently.
 */
export const PROTOCOL_VERSION = 1 as const;

/** Interface languages. Board content keeps its author's language tag, whatever it is. */
export const LOCALES = ['en', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Mutua's one extension of the y-websocket protocol, sent only to clients that passed
 * `?protocol=N`: a message of this type carries a varuint from `BOARD_SAVE_NOTICE`. It tells
 * the board's users that the server cannot store edits right now (they are kept, in the
 * server's memory and in their browsers, and retried), and when it can again.
 */
export const YJS_SAVE_NOTICE_MESSAGE = 100;
export const BOARD_SAVE_NOTICE = { stored: 0, notSaved: 1 } as const;

/**
 * While the server restarts (a deploy: Socket.IO `system:restarting`, WebSocket close 1012)
 * clients retry this often instead of backing off, so a restart costs people seconds.
 */
export const RESTART_RETRY_MS = 250;

/** Path prefix of the y-websocket endpoint: `/yjs/<boardId>`. */
export const YJS_PATH_PREFIX = '/yjs/';
/** Path of the Socket.IO endpoint. */
export const SOCKET_IO_PATH = '/socket.io';
/** Name of the sign-in session cookie. */
export const SESSION_COOKIE = 'mutua_session';
