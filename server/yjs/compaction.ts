import * as Y from 'yjs';
import type { BoardUpdateLog, BoardUpdateStore } from './board-store';
import type { SyncLogger } from './types';

/**
 * Builds a document from stored updates. A row that throws is logged and skipped, so one bad
 * row cannot make a board unloadable (Yjs keeps updates with missing dependencies pending,
 * and `encodeStateAsUpdate` still includes them).
 */
export function docFromLog(log: BoardUpdateLog, boardId: string, logger: SyncLogger): Y.Doc {
  const doc = new Y.Doc();
  applyLog(doc, log.updates, boardId, logger);
  return doc;
}

/** `docFromLog` into an existing document, in one transaction. */
export function applyLog(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  boardId: string,
  logger: SyncLogger,
): void {
  Y.transact(doc, () => {
    updates.forEach((update, index) => {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        logger.error({ err: error, boardId, row: index }, 'yjs stored update does not apply');
      }
    });
  });
}

export interface CompactionResult {
  /** The stored snapshot: every row up to `throughSeq`. */
  readonly snapshot: Uint8Array;
  readonly rowsBefore: number;
  readonly snapshotBytes: number;
  readonly throughSeq: number;
}

/**
 * Replaces the board's log by one snapshot. Built from a fresh `load()` rather than from the
 * live document: the snapshot then contains exactly the rows it replaces (even ones another
 * node appended), and rows appended after the load survive because `compact` only deletes
 * rows with seq ≤ `throughSeq`. Returns null when there was nothing to compact.
 */
export async function compactBoardLog(
  store: BoardUpdateStore,
  boardId: string,
  logger: SyncLogger,
): Promise<CompactionResult | null> {
  const log = await store.load(boardId);
  if (log === null || log.updates.length <= 1) return null;
  const doc = docFromLog(log, boardId, logger);
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await store.compact(boardId, snapshot, log.throughSeq);
  const result = {
    snapshot,
    rowsBefore: log.updates.length,
    snapshotBytes: snapshot.length,
    throughSeq: log.throughSeq,
  };
  const { rowsBefore, snapshotBytes, throughSeq } = result;
  logger.info({ boardId, rowsBefore, snapshotBytes, throughSeq }, 'yjs board compacted');
  return result;
}
