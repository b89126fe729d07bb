import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The bus between processes serving the same boards (scaled out). Each process publishes
 * what it stored and the awareness it accepted; every other process with the board loaded
 * passes it on to its own connections. A message is a hint, never the record: the store is.
 * Whatever a process may have missed (it subscribed late, the bus was down, a message did
 * not arrive) it reads back from the store (`BoardPeerLink`).
 *
 * Implemented over Redis pub/sub in `server/boards/redis-board-peers.ts`.
 */
export interface BoardPeers {
  /** This process's id on the bus; its own messages come back with it and are skipped. */
  readonly originId: string;
  /**
   * Receives the board's messages from now on. `resumed` is called each time the
   * subscription becomes active: once after `join`, and again after every outage of the
   * bus, when messages may have been missed.
   */
  join(boardId: string, handlers: BoardPeerHandlers): void;
  leave(boardId: string): void;
  /** Best effort: resolves false when the bus could not take it. Never rejects. */
  publish(boardId: string, message: Uint8Array): Promise<boolean>;
}

export interface BoardPeerHandlers {
  message(bytes: Uint8Array): void;
  resumed(): void;
}

/** A row of the board log, as another process stored it. */
export interface PeerRow {
  readonly seq: number;
  readonly update: Uint8Array;
}

export type PeerMessage =
  | { readonly kind: 'stored'; readonly rows: readonly PeerRow[] }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  /**
   * "Some of my messages may not have reached you": sent once the bus is back after
   * publishes failed. Its counter skips theirs, so every peer reads the store.
   */
  | { readonly kind: 'hint' }
  /** "I just subscribed": each peer answers with the awareness of its own connections. */
  | { readonly kind: 'hello' };

/** A message with who sent it and its number in that sender's sequence for the board. */
export interface PeerEnvelope {
  readonly origin: string;
  readonly counter: number;
  readonly message: PeerMessage;
}

const VERSION = 1;
const KINDS = ['stored', 'awareness', 'hint', 'hello'] as const;
/** Origin ids are UUIDs; anything much longer is not ours. */
const MAX_ORIGIN_CHARS = 64;
/** One commit of one board; the bus refuses nothing, so the decoder does. */
export const MAX_PEER_MESSAGE_BYTES = 16 * 1024 * 1024;

export class MalformedPeerMessageError extends Error {
  override readonly name = 'MalformedPeerMessageError';
}

export function encodePeerMessage(envelope: PeerEnvelope): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, VERSION);
  encoding.writeVarString(encoder, envelope.origin);
  encoding.writeVarUint(encoder, envelope.counter);
  const { message } = envelope;
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  if (message.kind === 'stored') {
    encoding.writeVarUint(encoder, message.rows.length);
    for (const row of message.rows) {
      encoding.writeVarUint(encoder, row.seq);
      encoding.writeVarUint8Array(encoder, row.update);
    }
  } else if (message.kind === 'awareness') {
    encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Strict: a wrong version, an unknown kind, a seq that is not a positive integer, rows out
 * of order, an empty update or trailing bytes all throw `MalformedPeerMessageError`.
 */
export function decodePeerMessage(bytes: Uint8Array): PeerEnvelope {
  if (bytes.length > MAX_PEER_MESSAGE_BYTES) {
    throw new MalformedPeerMessageError('peer message too large');
  }
  try {
    const decoder = decoding.createDecoder(bytes);
    const version = decoding.readVarUint(decoder);
    if (version !== VERSION) throw new MalformedPeerMessageError(`unknown version ${version}`);
    const origin = decoding.readVarString(decoder);
    if (origin.length === 0 || origin.length > MAX_ORIGIN_CHARS) {
      throw new MalformedPeerMessageError('bad origin');
    }
    const counter = decoding.readVarUint(decoder);
    if (counter < 1) throw new MalformedPeerMessageError('bad counter');
    const kind = KINDS[decoding.readVarUint(decoder)];
    let message: PeerMessage;
    if (kind === 'stored') {
      const count = decoding.readVarUint(decoder);
      if (count < 1) throw new MalformedPeerMessageError('no rows');
      const rows: PeerRow[] = [];
      let previous = 0;
      for (let i = 0; i < count; i++) {
        const seq = decoding.readVarUint(decoder);
        if (seq <= previous || !Number.isSafeInteger(seq)) {
          throw new MalformedPeerMessageError('rows out of order');
        }
        previous = seq;
        // A copy: the caller keeps rows, which must not pin the whole message.
        const update = decoding.readVarUint8Array(decoder).slice();
        if (update.length === 0) throw new MalformedPeerMessageError('empty update');
        rows.push({ seq, update });
      }
      message = { kind, rows };
    } else if (kind === 'awareness') {
      message = { kind, update: decoding.readVarUint8Array(decoder).slice() };
    } else if (kind === 'hint' || kind === 'hello') {
      message = { kind };
    } else {
      throw new MalformedPeerMessageError('unknown kind');
    }
    if (decoder.pos !== bytes.length) throw new MalformedPeerMessageError('trailing bytes');
    return { origin, counter, message };
  } catch (error) {
    if (error instanceof MalformedPeerMessageError) throw error;
    throw new MalformedPeerMessageError(error instanceof Error ? error.message : 'undecodable');
  }
}
