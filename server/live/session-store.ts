import type { Store } from '../store/database';
import type { SessionCore } from './mentoring-session';

declare module '../store/schema' {
  interface Database {
    live_sessions: LiveSessionsTable;
    live_session_turns: LiveSessionTurnsTable;
    live_session_attendees: LiveSessionAttendeesTable;
  }
}

export interface LiveSessionsTable {
  id: string;
  room_id: string;
  program_id: string;
  kind: 'pair' | 'circle';
  started_by: string;
  started_at: number;
  ended_at: number | null;
  /** JSON of SessionCore. */
  state: string;
  version: number;
}

export interface LiveSessionTurnsTable {
  session_id: string;
  idx: number;
  leader_id: string;
  goal_card_id: string | null;
  topic: string;
  planned_ms: number;
  started_at: number;
  ended_at: number;
  actual_ms: number;
}

export interface LiveSessionAttendeesTable {
  session_id: string;
  user_id: string;
  joined_at: number;
}

export interface RecordedTurn {
  sessionId: string;
  leaderId: string;
  topic: string;
  actualMs: number;
}

/** Mentoring sessions in the store. Writes are compare-and-set on `version`. */
export class SessionStore {
  constructor(private readonly store: Store) {}

  async active(roomId: string): Promise<SessionCore | null> {
    const row = await this.store.db
      .selectFrom('live_sessions')
      .select('state')
      .where('room_id', '=', roomId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return row ? (JSON.parse(row.state) as SessionCore) : null;
  }

  /** Inserts a new session; false when another one is under way in the room. */
  async insert(programId: string, s: SessionCore): Promise<boolean> {
    try {
      await this.store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('live_sessions')
          .values({
            id: s.id,
            room_id: s.roomId,
            program_id: programId,
            kind: s.kind,
            started_by: s.startedBy,
            started_at: s.startedAt,
            ended_at: null,
            state: JSON.stringify(s),
            version: s.version,
          })
          .execute();
        await this.addAttendees(tx, s);
      });
      return true;
    } catch (err) {
      if (await this.active(s.roomId)) return false;
      throw err;
    }
  }

  /** Writes `next` if the stored version is still `expected`; records closed turns. */
  async update(expected: number, next: SessionCore, closed: number[]): Promise<boolean> {
    return this.store.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('live_sessions')
        .set({ state: JSON.stringify(next), version: next.version, ended_at: next.endedAt })
        .where('id', '=', next.id)
        .where('version', '=', expected)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const turns = closed.map((idx) => ({ idx, turn: next.turns[idx]! }));
      if (turns.length) {
        await tx
          .insertInto('live_session_turns')
          .values(
            turns.map(({ idx, turn }) => ({
              session_id: next.id,
              idx,
              leader_id: turn.leaderId,
              goal_card_id: turn.goalCardId,
              topic: turn.topic,
              planned_ms: turn.plannedMinutes * 60_000,
              started_at: turn.startedAt ?? turn.endedAt ?? 0,
              ended_at: turn.endedAt ?? 0,
              actual_ms: turn.actualMs,
            })),
          )
          .execute();
      }
      await this.addAttendees(tx, next);
      return true;
    });
  }

  /** Sessions of a room, newest first. */
  async recent(roomId: string, limit: number): Promise<SessionCore[]> {
    const rows = await this.store.db
      .selectFrom('live_sessions')
      .select('state')
      .where('room_id', '=', roomId)
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => JSON.parse(r.state) as SessionCore);
  }

  /** Recorded turns and attendees of the sessions of a program, or of one session. */
  async records(where: { programId: string } | { sessionId: string }) {
    const { db } = this.store;
    const ids = (
      'programId' in where
        ? await db
            .selectFrom('live_sessions')
            .select('id')
            .where('program_id', '=', where.programId)
            .execute()
        : [{ id: where.sessionId }]
    ).map((r) => r.id);
    if (!ids.length) return { sessions: 0, turns: [], attendees: [] };
    const turns = await db
      .selectFrom('live_session_turns')
      .select(['session_id', 'leader_id', 'topic', 'actual_ms'])
      .where('session_id', 'in', ids)
      .orderBy('session_id')
      .orderBy('idx')
      .execute();
    const attendees = await db
      .selectFrom('live_session_attendees')
      .select(['session_id', 'user_id'])
      .where('session_id', 'in', ids)
      .execute();
    return {
      sessions: ids.length,
      turns: turns.map((t): RecordedTurn => ({
        sessionId: t.session_id,
        leaderId: t.leader_id,
        topic: t.topic,
        actualMs: Number(t.actual_ms),
      })),
      attendees: attendees.map((a) => ({ sessionId: a.session_id, userId: a.user_id })),
    };
  }

  private async addAttendees(db: Store['db'], s: SessionCore) {
    if (!s.attendees.length) return;
    await db
      .insertInto('live_session_attendees')
      .values(s.attendees.map((user_id) => ({ session_id: s.id, user_id, joined_at: Date.now() })))
      .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
      .execute();
  }
}
