import { z } from 'zod';
import type { ErrorCode } from './errors';

/** Every Socket.IO acknowledgement has this shape. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };
export type Ack<T> = (result: AckResult<T>) => void;

/** Sent by the client in the Socket.IO handshake (`auth`). */
export const HandshakeAuth = z.object({
  protocol: z.number().int(),
  /** A personal API token, for scripts (browsers use the session cookie). */
  token: z.string().min(16).max(200).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const ClockSyncRequest = z.object({ clientTime: z.number().finite() });
export type ClockSyncRequest = z.infer<typeof ClockSyncRequest>;
export const ClockSyncReply = z.object({ clientTime: z.number(), serverTime: z.number() });
export type ClockSyncReply = z.infer<typeof ClockSyncReply>;

export const Restarting = z.object({ reconnectInMs: z.number().int().nonnegative() });
export type Restarting = z.infer<typeof Restarting>;

/**
 * Payload schema of every client-to-server event. The server validates each incoming
 * payload against this table in one wrapper before any handler runs.
 */
export const clientEventSchemas = {
  'clock:sync': ClockSyncRequest,
} as const;
export type ClientEventName = keyof typeof clientEventSchemas;

export interface ClientToServerEvents {
  /** Round trip used to estimate the offset between the client's and the server's clock. */
  'clock:sync': (payload: ClockSyncRequest, ack: Ack<ClockSyncReply>) => void;
}

export interface ServerToClientEvents {
  /** The server is shutting down; reconnect after about `reconnectInMs`. */
  'system:restarting': (payload: Restarting) => void;
}

export type InterServerEvents = Record<string, never>;

/** Who is on a socket, as the server established at the handshake. */
export interface SocketPrincipal {
  userId: string;
  displayName: string;
  isAdmin: boolean;
}

/** What the server knows about a connected socket after the handshake. */
export interface SocketData {
  principal: SocketPrincipal;
  connectedAt: number;
}
