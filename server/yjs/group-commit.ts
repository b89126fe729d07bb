import type { AppendOutcome, BoardUpdateStore } from './board-store';
import { type CommitParticipant, CommitScheduler } from './commit-scheduler';
import type { SaveState, SyncLogger } from './types';

export interface PendingUpdate<Origin> {
  readonly update: Uint8Array;
  readonly origin: Origin;
}

export interface GroupCommitOptions<Origin> {
  readonly boardId: string;
  readonly store: BoardUpdateStore;
  readonly logger: SyncLogger;
  /** Updates enqueued within this window after the first one share one `append`. */
  readonly windowMs: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** Called once the batch is durable, in enqueue order: the only place that may relay it. */
  onStored(batch: readonly PendingUpdate<Origin>[], throughSeq: number): void;
  onStateChange(state: SaveState): void;
}

/**
 * The write path of one board: collects updates for at most `windowMs`, appends them in one
 * call, and hands them to `onStored` only when the append resolved. The window is shared by
 * every board of the store (`CommitScheduler`): boards due in the same window are appended
 * together, in one transaction when the store can. A failed append keeps its batch at the
 * head of the queue and is retried with exponential backoff; updates that arrive meanwhile
 * join the retry, so order is kept and nothing is relayed before it is stored. At most one
 * append is in flight per board.
 */
export class GroupCommitLog<Origin> implements CommitParticipant {
  private queue: PendingUpdate<Origin>[] = [];
  private inFlight: readonly PendingUpdate<Origin>[] | null = null;
  /** A retry's backoff timer (the group-commit window is the scheduler's). */
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Waiting for the shared window to end. */
  private scheduled = false;
  private readonly scheduler: CommitScheduler;
  private failures = 0;
  private stopped = false;
  private currentState: SaveState = 'saved';
  private waiters: Array<() => void> = [];

  constructor(private readonly options: GroupCommitOptions<Origin>) {
    this.scheduler = CommitScheduler.for(options.store, options.windowMs);
  }

  get boardId(): string {
    return this.options.boardId;
  }

  get state(): SaveState {
    return this.currentState;
  }

  /** True while some update is neither stored nor given up. */
  get hasUnstored(): boolean {
    return this.queue.length > 0 || this.inFlight !== null;
  }

  enqueue(entry: PendingUpdate<Origin>): void {
    if (this.stopped) return;
    this.queue.push(entry);
    if (this.currentState === 'saved') this.setState('saving');
    if (this.inFlight === null && this.timer === null && !this.scheduled) {
      this.scheduled = true;
      this.scheduler.schedule(this);
    }
  }

  /** Resolves once everything enqueued so far (and anything enqueued meanwhile) is stored. */
  whenStored(): Promise<void> {
    if (!this.hasUnstored) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Skips the rest of the group-commit window (not a retry backoff) and waits for the store. */
  flush(): Promise<void> {
    if (this.scheduled && this.inFlight === null && this.failures === 0) {
      this.unschedule();
      this.commit();
    }
    return this.whenStored();
  }

  /** No more appends or retries; whatever is still queued is dropped (the caller logs it). */
  stop(): number {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.unschedule();
    const dropped = this.queue.length + (this.inFlight?.length ?? 0);
    this.queue = [];
    return dropped;
  }

  /** The shared window ended: the queued updates go into the scheduler's joint append. */
  takeBatch(): readonly Uint8Array[] | null {
    this.scheduled = false;
    if (this.stopped || this.inFlight !== null || this.timer !== null) return null;
    return this.startBatch();
  }

  settle(outcome: AppendOutcome): void {
    const batch = this.inFlight;
    if (batch === null) return;
    if (outcome.ok) this.committed(batch, outcome.throughSeq);
    else this.failed(batch, outcome.error);
  }

  private unschedule(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    this.scheduler.cancel(this);
  }

  /** Moves the queue in flight; null when empty. */
  private startBatch(): readonly Uint8Array[] | null {
    if (this.queue.length === 0) return null;
    this.inFlight = this.queue;
    this.queue = [];
    return this.inFlight.map((entry) => entry.update);
  }

  /** This board alone, at once: a retry, a flush, or updates that waited for an append. */
  private commit(): void {
    this.timer = null;
    if (this.stopped || this.inFlight !== null) return;
    const updates = this.startBatch();
    if (updates === null) return;
    const batch = this.inFlight!;
    let appended: Promise<number>;
    try {
      appended = this.options.store.append(this.options.boardId, updates);
    } catch (error) {
      appended = Promise.reject(error);
    }
    appended.then(
      (throughSeq) => this.committed(batch, throughSeq),
      (error: unknown) => this.failed(batch, error),
    );
  }

  private committed(batch: readonly PendingUpdate<Origin>[], throughSeq: number): void {
    this.inFlight = null;
    if (this.failures > 0) {
      this.options.logger.info({ boardId: this.options.boardId }, 'yjs append recovered');
    }
    this.failures = 0;
    if (this.stopped) return;
    try {
      this.options.onStored(batch, throughSeq);
    } catch (error) {
      this.options.logger.error({ err: error, boardId: this.options.boardId }, 'yjs relay failed');
    }
    if (this.queue.length > 0) {
      // These waited for the append in flight: their window has passed already.
      this.setState('saving');
      this.commit();
      return;
    }
    this.setState('saved');
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private failed(batch: readonly PendingUpdate<Origin>[], error: unknown): void {
    this.inFlight = null;
    if (this.stopped) return;
    this.failures += 1;
    this.queue = [...batch, ...this.queue];
    const delay = Math.min(
      this.options.retryInitialMs * 2 ** (this.failures - 1),
      this.options.retryMaxMs,
    );
    this.options.logger.warn(
      { err: error, boardId: this.options.boardId, updates: this.queue.length, retryInMs: delay },
      'yjs append failed; will retry',
    );
    this.setState('failing');
    this.timer = setTimeout(() => this.commit(), delay);
  }

  private setState(state: SaveState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    try {
      this.options.onStateChange(state);
    } catch (error) {
      this.options.logger.error({ err: error, boardId: this.options.boardId }, 'save state hook');
    }
  }
}
