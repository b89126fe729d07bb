import '../zod-setup';
import { z } from 'zod';
import { Id } from './common';

/** Longest chat message, in characters. */
export const CHAT_MAX_CHARS = 2_000;
/** Messages sent with a room snapshot, and the most a history page may hold. */
export const CHAT_SNAPSHOT_SIZE = 50;
export const CHAT_PAGE_MAX = 100;
/** Most turns a session agenda may hold. */
export const AGENDA_MAX_TURNS = 40;
/** Longest a turn may be planned, extensions included. */
export const MAX_TURN_MINUTES = 240;

const RoomRef = { roomId: Id };
/** A chat message id: a positive integer that only grows within a database. */
export const MessageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const RoomJoin = z.object({
  ...RoomRef,
  /** Catch-up after a reconnect: the newest message id the client already has. */
  lastMessageId: MessageId.optional(),
});
export const RoomLeave = z.object(RoomRef);

export const LiveMember = z.object({
  userId: Id,
  displayName: z.string(),
  role: z.enum(['facilitator', 'participant']),
  /** From her profile, when she filled it in. */
  city: z.string().nullable(),
  timeZone: z.string().nullable(),
});
export type LiveMember = z.infer<typeof LiveMember>;

/** What a person asks to show; `reconnecting` and `offline` are decided by the server. */
export const ClientPresenceStatus = z.enum(['online', 'idle', 'away']);
export const PresenceStatus = z.enum(['online', 'idle', 'away', 'reconnecting', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const PersonPresence = z.object({
  userId: Id,
  status: PresenceStatus,
  /** The card she is looking at, if she shares it. */
  focusedCardId: Id.nullable(),
  /** Milliseconds since the epoch (server clock). */
  lastSeen: z.number(),
});
export type PersonPresence = z.infer<typeof PersonPresence>;

export const RoomPresence = z.object({
  ...RoomRef,
  people: z.array(PersonPresence),
  /** Presence comes from this server process only (Redis unreachable). */
  degraded: z.boolean(),
  serverTime: z.number(),
});
export type RoomPresence = z.infer<typeof RoomPresence>;

export const PresenceUpdate = z.object({
  ...RoomRef,
  status: ClientPresenceStatus,
  focusedCardId: Id.nullable().optional(),
});

export const ChatMessage = z.object({
  id: MessageId,
  roomId: Id,
  authorId: Id,
  /** Kept for messages of people removed since: they stay attributed. */
  authorName: z.string(),
  /** Plain text; clients render it as text, never as HTML. */
  text: z.string(),
  sentAt: z.number(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatSend = z.object({
  ...RoomRef,
  text: z
    .string()
    .max(CHAT_MAX_CHARS, 'chat_too_long')
    .refine((t) => t.trim().length > 0, 'chat_empty'),
  /**
   * Her client's id for this message: sent again with the same id (after an answer that
   * never came), it is stored and announced once, and answered with the stored message.
   */
  clientMessageId: Id.optional(),
});
export const ChatHistoryRequest = z.object({
  ...RoomRef,
  /** Messages older than this id; omitted: the newest. */
  before: MessageId.optional(),
  limit: z.number().int().min(1).max(CHAT_PAGE_MAX).default(CHAT_SNAPSHOT_SIZE),
});
export const ChatPage = z.object({
  /** Oldest first. */
  messages: z.array(ChatMessage),
  hasMore: z.boolean(),
});
export type ChatPage = z.infer<typeof ChatPage>;

export const TurnPlan = z.object({
  leaderId: Id,
  goalCardId: Id.nullable().default(null),
  topic: z.string().trim().max(200).default(''),
  plannedMinutes: z.number().int().min(1).max(120),
});
export type TurnPlan = z.infer<typeof TurnPlan>;

export const Turn = TurnPlan.extend({
  /** Planned length, extensions included. */
  plannedMinutes: z.number().int().min(1).max(MAX_TURN_MINUTES),
  /** Server times; null until the turn starts or ends. */
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Time the turn ran, pauses excluded; final once endedAt is set. */
  actualMs: z.number(),
});
export type Turn = z.infer<typeof Turn>;

export const MentoringSessionState = z.object({
  id: Id,
  roomId: Id,
  kind: z.enum(['pair', 'circle']),
  status: z.enum(['running', 'paused', 'ended']),
  startedAt: z.number(),
  startedBy: Id,
  endedAt: z.number().nullable(),
  turns: z.array(Turn),
  /** Index in turns of the turn under way; -1 before the first or after the end. */
  current: z.number().int(),
  /**
   * The current turn's timer: remaining = plannedMinutes·60000 − elapsedMs −
   * (runningSince === null ? 0 : serverNow − runningSince), serverNow from `clock:sync`.
   */
  timer: z.object({ elapsedMs: z.number(), runningSince: z.number().nullable() }),
  /** Circles: the round-robin talking order, and who raised a hand (oldest first). */
  talkingOrder: z.array(Id),
  raisedHands: z.array(Id),
  attendees: z.array(Id),
  /** Grows by one on every change; a client keeps the highest it saw. */
  version: z.number().int(),
  serverTime: z.number(),
});
export type MentoringSessionState = z.infer<typeof MentoringSessionState>;

export const SessionStart = z.object({
  ...RoomRef,
  /** Empty: one turn each, in the talking order, of `defaultMinutes`. */
  agenda: z.array(TurnPlan).max(AGENDA_MAX_TURNS).default([]),
  defaultMinutes: z.number().int().min(1).max(120).default(15),
});
export const SessionPlan = z.object({
  ...RoomRef,
  /** Replaces the turns not started yet. */
  upcoming: z.array(TurnPlan).max(AGENDA_MAX_TURNS),
});
export const SessionCommand = z.object(RoomRef);
export const SessionExtend = z.object({ ...RoomRef, minutes: z.number().int().min(1).max(60) });
export const SessionGiveFloor = z.object({ ...RoomRef, userId: Id });
export const SessionRaiseHand = z.object({ ...RoomRef, raised: z.boolean() });

export const BalanceEntry = z.object({ userId: Id, ledMs: z.number(), supportedMs: z.number() });
export type BalanceEntry = z.infer<typeof BalanceEntry>;
export const BalanceRequest = z.object({
  ...RoomRef,
  /** `session`: one session (the latest when sessionId is omitted); `program`: all of them. */
  scope: z.enum(['session', 'program']),
  sessionId: Id.optional(),
});
export const Balance = z.object({
  scope: z.enum(['session', 'program']),
  sessionId: Id.nullable(),
  sessions: z.number().int(),
  entries: z.array(BalanceEntry),
});
export type Balance = z.infer<typeof Balance>;

export const SessionHistoryRequest = z.object({
  ...RoomRef,
  limit: z.number().int().min(1).max(50).default(20),
});
export const SessionRecord = z.object({
  id: Id,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  attendees: z.array(Id),
  turns: z.array(z.object({ leaderId: Id, topic: z.string(), actualMs: z.number() })),
  balance: z.array(BalanceEntry),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const RoomSnapshot = z.object({
  room: z.object({ id: Id, programId: Id, kind: z.enum(['pair', 'circle']), title: z.string() }),
  members: z.array(LiveMember),
  presence: RoomPresence,
  session: MentoringSessionState.nullable(),
  /** The last 50 messages, or on catch-up those after `lastMessageId` (hasMore: more missed). */
  chat: ChatPage,
  serverTime: z.number(),
});
export type RoomSnapshot = z.infer<typeof RoomSnapshot>;

export const RoomEvicted = z.object({ ...RoomRef, reason: z.enum(['removed', 'archived']) });
