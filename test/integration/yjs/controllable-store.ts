import { MemoryBoardStore } from '../../../server/yjs/memory-board-store';
import type { BoardUpdateLog } from '../../../server/yjs/board-store';

/** A gate that holds calls until released; created closed. */
class Gate {
  private opened: Promise<void>;
  private open!: () => void;
  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
  wait(): Promise<void> {
    return this.opened;
  }
  release(): void {
    this.open();
  }
}

/**
 * The memory store with knobs: hold loads, appends or compactions on a gate the test
 * releases, make appends fail, and count every call.
 */
export class ControllableStore extends MemoryBoardStore {
  loadCalls = 0;
  appendAttempts = 0;
  appendsCompleted = 0;
  compactCalls = 0;
  failAppends = false;
  failLoads = false;
  /** Records, in order, when an append completed (for "stored before relayed" checks). */
  readonly events: string[] = [];
  private loadGate: Gate | null = null;
  private appendGate: Gate | null = null;
  private compactGate: Gate | null = null;

  holdLoads(): () => void {
    const gate = (this.loadGate = new Gate());
    return () => {
      this.loadGate = null;
      gate.release();
    };
  }

  holdAppends(): () => void {
    const gate = (this.appendGate = new Gate());
    return () => {
      this.appendGate = null;
      gate.release();
    };
  }

  holdCompactions(): () => void {
    const gate = (this.compactGate = new Gate());
    return () => {
      this.compactGate = null;
      gate.release();
    };
  }

  override async load(boardId: string): Promise<BoardUpdateLog | null> {
    this.loadCalls += 1;
    if (this.loadGate !== null) await this.loadGate.wait();
    if (this.failLoads) throw new Error('database unavailable');
    return super.load(boardId);
  }

  override async append(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    this.appendAttempts += 1;
    if (this.appendGate !== null) await this.appendGate.wait();
    if (this.failAppends) throw new Error('database unavailable');
    const seq = await super.append(boardId, updates);
    this.appendsCompleted += 1;
    this.events.push('stored');
    return seq;
  }

  override async compact(boardId: string, snapshot: Uint8Array, throughSeq: number) {
    this.compactCalls += 1;
    if (this.compactGate !== null) await this.compactGate.wait();
    return super.compact(boardId, snapshot, throughSeq);
  }
}
