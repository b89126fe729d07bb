import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { HandshakeAuth } from '../../shared/events';
import { PROTOCOL_VERSION, SOCKET_IO_PATH } from '../../shared/protocol';
import type { ErrorCode } from '../../shared/errors';
import type { AuthService } from '../auth/auth-service';
import type { CredentialWatch } from '../auth/credential-watch';
import { authenticate, readCredentials } from '../http/credentials';
import { LIMITS } from '../limits/rate-limiter';
import type { Logger } from '../logger';
import type { MutuaServer, MutuaSocket } from './types';
import { EventBudget, type EventTable, serveEvents } from './validated-events';

export interface SocketServerOptions {
  logger: Logger;
  auth: AuthService;
  isOriginAllowed: (origin: string | undefined) => boolean;
  /** The domain's event handlers, served on every authenticated socket (see `serveEvents`). */
  events?: EventTable;
  /** Anything else to set up on each authenticated socket (e.g. its disconnect handling). */
  onConnection?: (socket: MutuaSocket) => void;
  /** Closes a socket once the session or token it was opened with ends. */
  credentials?: CredentialWatch;
  /** Fan-out between processes (the Redis streams adapter); in-memory when absent. */
  adapter?: ServerOptions['adapter'];
  /** Per-socket event budget; LIMITS.socketEventsPerSecond by default. */
  eventsPerSecond?: number;
}

/** A refusal the client receives as `connect_error` with `data.code`. */
function refusal(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

export function createSocketServer(
  httpServer: HttpServer,
  options: SocketServerOptions,
): MutuaServer {
  const { logger, auth } = options;
  const io: MutuaServer = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    maxHttpBufferSize: LIMITS.socketMaxPayloadBytes,
    // Upgrades for /yjs/ belong to the board server; engine.io must not destroy them.
    destroyUpgrade: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      // No Origin means no browser: such clients must present a bearer token (checked below).
      callback(null, origin === undefined || options.isOriginAllowed(origin));
    },
  });

  io.use(async (socket, next) => {
    const handshake = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!handshake.success || handshake.data.protocol !== PROTOCOL_VERSION) {
      next(refusal('protocol_mismatch', 'Mutua was updated. Please reload the page.'));
      return;
    }
    try {
      const credentials = readCredentials(socket.request);
      const token = handshake.data.token;
      const principal = await authenticate(
        auth,
        { ...credentials, bearerToken: token ?? credentials.bearerToken },
        { cookieAllowed: socket.request.headers.origin !== undefined },
      );
      if (!principal) {
        next(refusal('unauthenticated', 'Please sign in.'));
        return;
      }
      socket.data = { principal, connectedAt: Date.now() };
      next();
    } catch (err) {
      logger.error({ err }, 'socket authentication failed');
      next(refusal('internal', 'Something went wrong on our side.'));
    }
  });

  const events: EventTable = {
    ...options.events,
    'clock:sync': ({ clientTime }) => ({ clientTime, serverTime: Date.now() }),
  };
  io.on('connection', (socket) => {
    forgetHandshakeRequest(socket);
    const budget = new EventBudget(options.eventsPerSecond ?? LIMITS.socketEventsPerSecond);
    serveEvents(socket, events, budget, logger);
    const { principal } = socket.data;
    const unwatch = options.credentials?.add({
      userId: principal.userId,
      via: principal.via,
      credentialHash: principal.credentialHash,
      end: () => {
        socket.emit('system:signed-out');
        socket.disconnect(true);
      },
    });
    if (unwatch) socket.once('disconnect', unwatch);
    options.onConnection?.(socket);
  });
  return io;
}

/**
 * Once authenticated, a socket needs nothing more from the HTTP request that opened it, yet
 * engine.io keeps it (and the handshake keeps its headers, session cookie included) for the
 * socket's whole life: several KiB per connection. Nothing after the middleware reads them.
 * The upgrade's response object still holds the request until the TCP socket closes, so
 * its headers are emptied too.
 */
function forgetHandshakeRequest(socket: { conn: object; handshake: { headers: object } }): void {
  const conn = socket.conn as { request: IncomingMessage | null };
  const request = conn.request;
  conn.request = null;
  socket.handshake.headers = {};
  if (request === null) return;
  request.headers = {};
  request.rawHeaders.length = 0;
}
