import type { AppendOutcome, BoardAppend, BoardUpdateStore } from './board-store';

/** A board's write queue as the scheduler sees it (`GroupCommitLog`). */
export interface CommitParticipant {
  readonly boardId: string;
  /** Moves the queued updates in flight and returns them; null when there is nothing to do. */
  takeBatch(): readonly Uint8Array[] | null;
  /** The outcome of the append of the batch `takeBatch` returned. Must not throw. */
  settle(outcome: AppendOutcome): void;
}

/**
 * One group-commit window for every board of a store. Commits are at least `windowMs` apart:
 * an update that arrives after a quiet spell is stored at the end of the event-loop turn
 * that read it (everything read in that turn goes with it), and one that arrives sooner
 * after the last commit waits for the rest of that spacing, together with every other
 * update of any board arriving meanwhile. When the window ends, every board with queued
 * updates is appended together, in one `appendMany` (one SQLite transaction) when the store
 * offers it. So a quiet board's edit never waits for a timer, a busy server makes at most
 * one commit per window however many boards are live, and no update waits longer than
 * `windowMs` plus the turn.
 */
export class CommitScheduler {
  private static readonly shared = new WeakMap<BoardUpdateStore, Map<number, CommitScheduler>>();

  private readonly due = new Set<CommitParticipant>();
  /** The running window's end: a timer, or an immediate after a quiet spell. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private lastFiredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: BoardUpdateStore,
    private readonly windowMs: number,
  ) {}

  /** The scheduler every board of `store` with this window shares. */
  static for(store: BoardUpdateStore, windowMs: number): CommitScheduler {
    let byWindow = CommitScheduler.shared.get(store);
    if (byWindow === undefined) CommitScheduler.shared.set(store, (byWindow = new Map()));
    let scheduler = byWindow.get(windowMs);
    if (scheduler === undefined)
      byWindow.set(windowMs, (scheduler = new CommitScheduler(store, windowMs)));
    return scheduler;
  }

  schedule(participant: CommitParticipant): void {
    this.due.add(participant);
    if (this.timer !== null || this.immediate !== null) return;
    const wait = this.lastFiredAt + this.windowMs - performance.now();
    // After the poll phase: the messages already waiting are read (and queued) first.
    if (wait <= 0) this.immediate = setImmediate(() => this.fire());
    else this.timer = setTimeout(() => this.fire(), wait);
  }

  cancel(participant: CommitParticipant): void {
    this.due.delete(participant);
    if (this.due.size > 0) return;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = this.immediate = null;
  }

  private fire(): void {
    this.timer = this.immediate = null;
    this.lastFiredAt = performance.now();
    const participants: CommitParticipant[] = [];
    const appends: BoardAppend[] = [];
    for (const participant of this.due) {
      const updates = participant.takeBatch();
      if (updates === null) continue;
      participants.push(participant);
      appends.push({ boardId: participant.boardId, updates });
    }
    this.due.clear();
    if (appends.length === 0) return;
    if (this.store.appendMany === undefined) {
      participants.forEach((participant, i) => this.appendOne(participant, appends[i]!));
      return;
    }
    let appended: Promise<AppendOutcome[]>;
    try {
      appended = this.store.appendMany(appends);
    } catch (error) {
      appended = Promise.reject(error);
    }
    appended.then(
      (outcomes) =>
        participants.forEach((participant, i) =>
          settle(
            participant,
            outcomes[i] ?? { ok: false, error: new Error('appendMany returned too few outcomes') },
          ),
        ),
      // The whole transaction failed: each board retries on its own, with its own backoff.
      (error: unknown) =>
        participants.forEach((participant) => settle(participant, { ok: false, error })),
    );
  }

  /** Stores without `appendMany`: each board's append settles on its own. */
  private appendOne(participant: CommitParticipant, { boardId, updates }: BoardAppend): void {
    let appended: Promise<number>;
    try {
      appended = this.store.append(boardId, updates);
    } catch (error) {
      appended = Promise.reject(error);
    }
    appended.then(
      (throughSeq) => settle(participant, { ok: true, throughSeq }),
      (error: unknown) => settle(participant, { ok: false, error }),
    );
  }
}

/**
 * `settle` logs its own errors; this only makes sure one board's exception can neither leave
 * the other boards of the batch unsettled nor become an unhandled rejection.
 */
function settle(participant: CommitParticipant, outcome: AppendOutcome): void {
  try {
    participant.settle(outcome);
  } catch {
    // Nothing more to do here: the participant keeps its own state.
  }
}
