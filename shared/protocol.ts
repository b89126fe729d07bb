/**
 * Version of the wire contract between client and server (Socket.IO events, REST bodies,
 * Yjs endpoint parameters). Bump it on any incompatible change: a client built against
 * another version is told to reload instead of failing silently.
 */
export const PROTOCOL_VERSION = 1 as const;

/** Interface languages. Board content keeps its author's language tag, whatever it is. */
export const LOCALES = ['en', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** Path prefix of the y-websocket endpoint: `/yjs/<boardId>`. */
export const YJS_PATH_PREFIX = '/yjs/';
/** Path of the Socket.IO endpoint. */
export const SOCKET_IO_PATH = '/socket.io';
/** Name of the sign-in session cookie. */
export const SESSION_COOKIE = 'mutua_session';
