import './zod-setup';
import { z } from 'zod';
import type { ErrorCode } from './errors';
import type {
  Balance,
  ChatMessage,
  ChatPage,
  MentoringSessionState,
  RoomEvicted,
  RoomPresence,
  RoomSnapshot,
  SessionRecord,
} from './schemas/live';
import {
  BalanceRequest,
  ChatHistoryRequest,
  ChatSend,
  PresenceUpdate,
  RoomJoin,
  RoomLeave,
  SessionCommand,
  SessionExtend,
  SessionGiveFloor,
  SessionHistoryRequest,
  SessionPlan,
  SessionRaiseHand,
  SessionStart,
} from './schemas/live';

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
  'room:join': RoomJoin,
  'room:leave': RoomLeave,
  'presence:update': PresenceUpdate,
  'chat:send': ChatSend,
  'chat:history': ChatHistoryRequest,
  'session:start': SessionStart,
  'session:plan': SessionPlan,
  'session:next': SessionCommand,
  'session:swap': SessionCommand,
  'session:extend': SessionExtend,
  'session:pause': SessionCommand,
  'session:resume': SessionCommand,
  'session:end': SessionCommand,
  'session:give-floor': SessionGiveFloor,
  'session:raise-hand': SessionRaiseHand,
  'session:balance': BalanceRequest,
  'session:history': SessionHistoryRequest,
} as const;
export type ClientEventName = keyof typeof clientEventSchemas;

type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;
type Session = Out<typeof MentoringSessionState>;

export interface ClientToServerEvents {
  /** Round trip used to estimate the offset between the client's and the server's clock. */
  'clock:sync': (payload: ClockSyncRequest, ack: Ack<ClockSyncReply>) => void;
  /** Enters a live room (members only, checked at every join); again after each reconnect. */
  'room:join': (payload: In<typeof RoomJoin>, ack: Ack<Out<typeof RoomSnapshot>>) => void;
  'room:leave': (payload: In<typeof RoomLeave>, ack: Ack<Record<string, never>>) => void;
  'presence:update': (payload: In<typeof PresenceUpdate>, ack: Ack<Record<string, never>>) => void;
  'chat:send': (payload: In<typeof ChatSend>, ack: Ack<Out<typeof ChatMessage>>) => void;
  'chat:history': (payload: In<typeof ChatHistoryRequest>, ack: Ack<Out<typeof ChatPage>>) => void;
  'session:start': (payload: In<typeof SessionStart>, ack: Ack<Session>) => void;
  'session:plan': (payload: In<typeof SessionPlan>, ack: Ack<Session>) => void;
  'session:next': (payload: In<typeof SessionCommand>, ack: Ack<Session>) => void;
  'session:swap': (payload: In<typeof SessionCommand>, ack: Ack<Session>) => void;
  'session:extend': (payload: In<typeof SessionExtend>, ack: Ack<Session>) => void;
  'session:pause': (payload: In<typeof SessionCommand>, ack: Ack<Session>) => void;
  'session:resume': (payload: In<typeof SessionCommand>, ack: Ack<Session>) => void;
  'session:end': (payload: In<typeof SessionCommand>, ack: Ack<Session>) => void;
  'session:give-floor': (payload: In<typeof SessionGiveFloor>, ack: Ack<Session>) => void;
  'session:raise-hand': (payload: In<typeof SessionRaiseHand>, ack: Ack<Session>) => void;
  'session:balance': (payload: In<typeof BalanceRequest>, ack: Ack<Out<typeof Balance>>) => void;
  'session:history': (
    payload: In<typeof SessionHistoryRequest>,
    ack: Ack<{ sessions: Out<typeof SessionRecord>[] }>,
  ) => void;
}

export interface ServerToClientEvents {
  /** The server is shutting down; reconnect after about `reconnectInMs`. */
  'system:restarting': (payload: Restarting) => void;
  /**
   * The session or token this socket was opened with ended (signed out elsewhere, password
   * changed, expired, revoked): the server closes the socket; sign in again.
   */
  'system:signed-out': () => void;
  /** Everyone's presence in a room, after any change (within 1 s). */
  'presence:changed': (payload: Out<typeof RoomPresence>) => void;
  'chat:message': (payload: Out<typeof ChatMessage>) => void;
  /** The room's mentoring session after any change, with `serverTime`. */
  'session:state': (payload: Session) => void;
  /** She was removed from the room: leave the room page. */
  'room:evicted': (payload: Out<typeof RoomEvicted>) => void;
}

/** Between server processes (through the Redis adapter when scaled out). */
export interface InterServerEvents {
  /** She was removed from a room: every process drops her sockets from it. */
  'live:evicted': (roomId: string, userId: string) => void;
  /** She lost access to a board (removed, un-shared): every process closes her connections. */
  'board:access-removed': (boardId: string, userId: string) => void;
  /** A board's room was archived: every process closes its writers' connections. */
  'board:archived': (boardId: string) => void;
}

/** Who is on a socket, as the server established at the handshake. */
export interface SocketPrincipal {
  userId: string;
  displayName: string;
  isAdmin: boolean;
  /** How she authenticated, and the hash of that secret: what a revocation ends. */
  via: 'session' | 'token';
  credentialHash: string;
}

/** What the server knows about a connected socket after the handshake. */
export interface SocketData {
  principal: SocketPrincipal;
  connectedAt: number;
}
