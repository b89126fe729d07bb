/**
 * Mutua as `npm start` runs it (authentication, access checks, validation, Socket.IO,
 * SQLite for everything else), except that board edits are not written: an append gets
 * its seqs and nothing is stored. Targets `mutua-unstored` (with the participants'
 * Socket.IO connections) and `mutua-core` (without them) run it, to split Mutua's CPU
 * in the ramp into the relay itself, storing every edit, and the live-room connections
 * (`npm run bench -- --only=ramp --targets=mutua,mutua-unstored,mutua-core,y-websocket`).
 *
 * Not a server anyone should run: it loses every edit when it stops.
 */
import { createMutua } from '../../server/app';
import { createYjsEndpoint } from '../../server/boards/yjs-endpoint';
import { loadConfig } from '../../server/config';
import type {
  AppendOutcome,
  BoardAppend,
  BoardUpdateLog,
  BoardUpdateStore,
  StoredRow,
} from '../../server/yjs/board-store';

class UnstoredAppends implements BoardUpdateStore {
  /** Each board's last seq handed out, after the rows it was loaded with. */
  private readonly lastSeq = new Map<string, number>();

  constructor(private readonly inner: BoardUpdateStore) {}

  async load(boardId: string): Promise<BoardUpdateLog | null> {
    const log = await this.inner.load(boardId);
    if (log !== null) {
      this.lastSeq.set(boardId, Math.max(log.throughSeq, this.lastSeq.get(boardId) ?? 0));
    }
    return log;
  }

  async append(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.skip(boardId, updates.length);
  }

  async appendMany(appends: readonly BoardAppend[]): Promise<AppendOutcome[]> {
    return appends.map(({ boardId, updates }) => ({
      ok: true,
      throughSeq: this.skip(boardId, updates.length),
    }));
  }

  private skip(boardId: string, rows: number): number {
    const through = (this.lastSeq.get(boardId) ?? 0) + rows;
    this.lastSeq.set(boardId, through);
    return through;
  }

  rowsAfter(boardId: string, afterSeq: number): Promise<StoredRow[] | null> {
    return this.inner.rowsAfter(boardId, afterSeq);
  }

  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.inner.compact(boardId, snapshot, throughSeq);
  }

  updateCount(boardId: string): Promise<number> {
    return this.inner.updateCount(boardId);
  }
}

const mutua = await createMutua(loadConfig(process.env), {
  boards: (deps) => createYjsEndpoint(deps, { boardStore: (sql) => new UnstoredAppends(sql) }),
});
process.stdout.write(`Mutua is running at ${await mutua.listen()}\n`);
// A clean stop, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => void mutua.close().then(() => process.exit(0)));
