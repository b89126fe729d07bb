import * as Y from 'yjs';
import { MalformedMessageError } from './connection-errors';

/**
 * Yjs reads some malformed updates without complaint — a deletion of length 0, an item
 * whose clock range overflows — and only fails later, when the document is encoded for the
 * next client, whose provider then cannot apply its sync step 2. Such an update would
 * poison the board for everyone (and its log, once stored), so it is refused up front.
 * Costs one extra parse of each incoming update.
 */
export function assertWellFormedUpdate(update: Uint8Array): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new MalformedMessageError(error instanceof Error ? error.message : 'bad update');
  }
  for (const struct of decoded.structs) {
    if (!isSaneRange(struct.id.clock, struct.length)) {
      throw new MalformedMessageError('struct with an empty or overflowing clock range');
    }
  }
  for (const deletions of decoded.ds.clients.values()) {
    for (const deletion of deletions) {
      if (!isSaneRange(deletion.clock, deletion.len)) {
        throw new MalformedMessageError('deletion with an empty or overflowing range');
      }
    }
  }
}

function isSaneRange(clock: number, length: number): boolean {
  return (
    Number.isSafeInteger(clock) &&
    Number.isSafeInteger(length) &&
    length > 0 &&
    Number.isSafeInteger(clock + length)
  );
}
