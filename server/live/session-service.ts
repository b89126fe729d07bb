import type {
  Balance,
  MentoringSessionState,
  SessionRecord,
  TurnPlan,
} from '../../shared/schemas/live';
import { newId } from '../auth/secrets';
import { AppError } from '../errors';
import type { Store } from '../store/database';
import { computeBalance } from './balance';
import {
  elapsedMs,
  type LiveRoomFacts,
  type SessionCore,
  type SessionOp,
  startSession,
} from './mentoring-session';
import { applyOp } from './session-ops';
import { SessionStore } from './session-store';

/** Concurrent changes from several processes retry on a fresh read this many times. */
const MAX_ATTEMPTS = 8;

/** Reciprocal mentoring sessions: server-authoritative, stored, shared by every process. */
export class MentoringSessionService {
  private readonly sessions: SessionStore;

  constructor(
    store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.sessions = new SessionStore(store);
  }

  withTime(s: SessionCore): MentoringSessionState {
    return { ...s, serverTime: this.now() };
  }

  async current(roomId: string): Promise<MentoringSessionState | null> {
    const s = await this.sessions.active(roomId);
    return s && this.withTime(s);
  }

  async start(
    room: LiveRoomFacts & { programId: string },
    actor: string,
    agenda: TurnPlan[],
    defaultMinutes: number,
    present: string[],
  ): Promise<MentoringSessionState> {
    const ctx = { room, actor, now: this.now() };
    const s = startSession(ctx, newId(), agenda, defaultMinutes, present);
    if (!(await this.sessions.insert(room.programId, s)))
      throw new AppError('conflict', 'A session is already under way in this room.');
    return this.withTime(s);
  }

  /** Applies a change to the session under way; null for `attend` when nothing changed. */
  async apply(room: LiveRoomFacts, actor: string, op: SessionOp) {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.sessions.active(room.id);
      if (!stored) {
        if (op.type === 'attend') return null;
        throw new AppError('not_found', 'No session is under way in this room.');
      }
      if (op.type === 'attend' && stored.attendees.includes(actor)) return null;
      const { state, closed } = applyOp({ room, actor, now: this.now() }, stored, op);
      if (await this.sessions.update(stored.version, state, closed)) return this.withTime(state);
    }
    throw new AppError('conflict', 'The session changed meanwhile; try again.');
  }

  async balance(
    room: { id: string; programId: string },
    people: string[],
    scope: 'session' | 'program',
    sessionId?: string,
  ): Promise<Balance> {
    let id: string | null = null;
    if (scope === 'session') {
      const recent = await this.sessions.recent(room.id, 50);
      const chosen = sessionId ? recent.find((s) => s.id === sessionId) : recent[0];
      if (sessionId && !chosen) throw new AppError('not_found', 'No such session in this room.');
      if (!chosen)
        return {
          scope,
          sessionId: null,
          sessions: 0,
          entries: computeBalance({ turns: [], attendees: [] }, people),
        };
      id = chosen.id;
    }
    const records = await this.sessions.records(
      id ? { sessionId: id } : { programId: room.programId },
    );
    const live = await this.sessions.active(room.id);
    if (live && (id === null || id === live.id)) records.turns.push(...this.runningTurn(live));
    return {
      scope,
      sessionId: id,
      sessions: records.sessions,
      entries: computeBalance(records, people),
    };
  }

  async history(roomId: string, limit: number): Promise<SessionRecord[]> {
    const recent = await this.sessions.recent(roomId, limit);
    return recent.map((s) => {
      const turns = s.turns
        .filter((t) => t.startedAt !== null)
        .map((t, i) => ({
          leaderId: t.leaderId,
          topic: t.topic,
          actualMs: i === s.current && t.endedAt === null ? elapsedMs(s, this.now()) : t.actualMs,
        }));
      const input = {
        turns: turns.map((t) => ({ ...t, sessionId: s.id })),
        attendees: s.attendees.map((userId) => ({ sessionId: s.id, userId })),
      };
      const people = [...new Set([...s.attendees, ...turns.map((t) => t.leaderId)])];
      return {
        id: s.id,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        attendees: s.attendees,
        turns,
        balance: computeBalance(input, people),
      };
    });
  }

  /** The turn under way counts in the balance as far as it has run. */
  private runningTurn(s: SessionCore) {
    const turn = s.turns[s.current];
    if (!turn || turn.endedAt !== null) return [];
    return [
      {
        sessionId: s.id,
        leaderId: turn.leaderId,
        topic: turn.topic,
        actualMs: elapsedMs(s, this.now()),
      },
    ];
  }
}
