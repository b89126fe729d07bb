import type { MentoringSessionState, Turn, TurnPlan } from '../../shared/schemas/live';
import { AppError } from '../errors';

/** The session's state as stored: everything but the server time, added when sent. */
export type SessionCore = Omit<MentoringSessionState, 'serverTime'>;

export interface LiveRoomFacts {
  id: string;
  kind: 'pair' | 'circle';
  members: { userId: string; role: 'facilitator' | 'participant' }[];
}

export interface SessionContext {
  room: LiveRoomFacts;
  actor: string;
  now: number;
}

export type SessionOp =
  | { type: 'plan'; upcoming: TurnPlan[] }
  | { type: 'next' }
  | { type: 'swap' }
  | { type: 'extend'; minutes: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'end' }
  | { type: 'give-floor'; userId: string }
  | { type: 'raise-hand'; raised: boolean }
  | { type: 'attend' };

export const refuse = (message: string) => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);

export function roleOf(room: LiveRoomFacts, userId: string) {
  return room.members.find((m) => m.userId === userId)?.role ?? null;
}

/** Round robin: participants in the room's order (a pair: both of them). */
export function talkingOrder(room: LiveRoomFacts): string[] {
  return room.members.filter((m) => m.role === 'participant').map((m) => m.userId);
}

export function checkLeaders(room: LiveRoomFacts, plans: TurnPlan[]) {
  for (const plan of plans) {
    if (!roleOf(room, plan.leaderId))
      throw new AppError('validation_failed', 'Each turn is led by a member of the room.', {
        leaderId: 'not_a_member',
      });
  }
}

export const newTurn = (plan: TurnPlan): Turn => ({
  ...plan,
  startedAt: null,
  endedAt: null,
  actualMs: 0,
});

/** Ms the current turn has run at `now`, pauses excluded. */
export function elapsedMs(s: SessionCore, now: number): number {
  const { elapsedMs: done, runningSince } = s.timer;
  return done + (runningSince === null ? 0 : now - runningSince);
}

/** A new session whose first turn starts now. */
export function startSession(
  ctx: SessionContext,
  id: string,
  agenda: TurnPlan[],
  defaultMinutes: number,
  present: string[],
): SessionCore {
  const { room, actor, now } = ctx;
  if (room.kind === 'circle' && roleOf(room, actor) !== 'facilitator')
    throw refuse('A facilitator starts the circle.');
  const order = talkingOrder(room);
  const plans = agenda.length
    ? agenda
    : order.map((leaderId) => ({
        leaderId,
        goalCardId: null,
        topic: '',
        plannedMinutes: defaultMinutes,
      }));
  checkLeaders(room, plans);
  const session: SessionCore = {
    id,
    roomId: room.id,
    kind: room.kind,
    status: 'running',
    startedAt: now,
    startedBy: actor,
    endedAt: null,
    turns: plans.map(newTurn),
    current: -1,
    timer: { elapsedMs: 0, runningSince: null },
    talkingOrder: order,
    raisedHands: [],
    attendees: [...new Set([actor, ...present])].filter((u) => roleOf(room, u)),
    version: 1,
  };
  if (session.turns.length) beginTurn(session, 0, now);
  return session;
}

export function beginTurn(s: SessionCore, index: number, now: number) {
  s.current = index;
  s.status = 'running';
  s.turns[index]!.startedAt = now;
  s.timer = { elapsedMs: 0, runningSince: now };
}

/** Closes the turn under way; returns its index, or null when none was. */
export function closeTurn(s: SessionCore, now: number): number | null {
  const turn = s.turns[s.current];
  if (!turn || turn.endedAt !== null) return null;
  turn.actualMs = elapsedMs(s, now);
  turn.endedAt = now;
  s.timer = { elapsedMs: 0, runningSince: null };
  return s.current;
}
