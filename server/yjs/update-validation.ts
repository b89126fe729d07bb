import * as Y from 'yjs';
import { MalformedMessageError } from './connection-errors';

/**
 * Yjs reads some malformed updates without complaint — a deletion of length 0, an item
 * whose clock range overflows — and only fails later, when the document is encoded for the
 * next client, whose provider then cannot apply its sync step 2. Such an update would
 * poison the board for everyone (and its log, once stored), so it is refused up front.
 * Costs one parse of each incoming update. Returns false for an update that carries
 * nothing (no structs, no deletions: a provider's step 2 when it has nothing we lack).
 */
export function assertWellFormedUpdate(update: Uint8Array): boolean {
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
    if (struct instanceof Y.Item && !refersBack(struct)) {
      throw new MalformedMessageError('struct placed relative to a later struct of its own client');
    }
  }
  for (const deletions of decoded.ds.clients.values()) {
    for (const deletion of deletions) {
      if (!isSaneRange(deletion.clock, deletion.len)) {
        throw new MalformedMessageError('deletion with an empty or overflowing range');
      }
    }
  }
  return decoded.structs.length > 0 || decoded.ds.clients.size > 0;
}

/**
 * A client's struct can only have been placed next to, or inside, what existed when it was
 * made: a neighbour or parent of the same client has an earlier clock. Yjs does not check
 * this (references to other clients wait until those arrive) and fails while integrating.
 */
function refersBack(item: Y.Item): boolean {
  const { id } = item;
  const parent = item.parent instanceof Y.ID ? item.parent : null;
  return precedes(item.origin, id) && precedes(item.rightOrigin, id) && precedes(parent, id);
}

/** No reference, another client's, or an earlier clock of the same client. */
function precedes(ref: Y.ID | null, id: Y.ID): boolean {
  return ref === null || ref.client !== id.client || ref.clock < id.clock;
}

function isSaneRange(clock: number, length: number): boolean {
  return (
    Number.isSafeInteger(clock) &&
    Number.isSafeInteger(length) &&
    length > 0 &&
    Number.isSafeInteger(clock + length)
  );
}
