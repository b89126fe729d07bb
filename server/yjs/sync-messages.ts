import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { BOARD_SAVE_NOTICE, YJS_SAVE_NOTICE_MESSAGE } from '../../shared/protocol';
import { MalformedMessageError } from './connection-errors';

/**
 * The y-websocket wire format (y-protocols): every binary message starts with a varuint
 * message type. Written here once, for both directions, so that decoding is strict and
 * total: anything that is not exactly one well-formed message throws `MalformedMessageError`.
 */
export const MESSAGE_TYPE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SYNC_TYPE = { step1: 0, step2: 1, update: 2 } as const;

export type IncomingMessage =
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step-2'; readonly update: Uint8Array }
  | {
      readonly kind: 'update';
      readonly update: Uint8Array;
      /** The whole message: what the other clients receive, sent on as it came. */
      readonly frame: Uint8Array;
    }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'query-awareness' };

export type SyncMessage = Extract<
  IncomingMessage,
  { kind: 'sync-step-1' | 'sync-step-2' | 'update' }
>;

/** A message as read, before `decodeIncomingMessage` adds the update's frame. */
type Unframed<M extends IncomingMessage> =
  Exclude<M, { kind: 'update' }> | { readonly kind: 'update'; readonly update: Uint8Array };

/** Parses one client message. Auth messages only flow server → client, so they are malformed here. */
export function decodeIncomingMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder);
    if (decoder.pos !== data.length) throw new MalformedMessageError('trailing bytes');
    return message.kind === 'update' ? { ...message, frame: data } : message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : 'undecodable');
  }
}

function readMessage(decoder: decoding.Decoder): Unframed<IncomingMessage> {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_TYPE.sync:
      return readSyncMessage(decoder);
    case MESSAGE_TYPE.awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_TYPE.queryAwareness:
      return { kind: 'query-awareness' };
    default:
      throw new MalformedMessageError(`unexpected message type ${type}`);
  }
}

function readSyncMessage(decoder: decoding.Decoder): Unframed<SyncMessage> {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case SYNC_TYPE.step1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      // Validates now, so that a bad state vector is a protocol error, not a reply failure.
      Y.decodeStateVector(stateVector);
      return { kind: 'sync-step-1', stateVector };
    }
    case SYNC_TYPE.step2:
      return { kind: 'sync-step-2', update: decoding.readVarUint8Array(decoder) };
    case SYNC_TYPE.update:
      return { kind: 'update', update: decoding.readVarUint8Array(decoder) };
    default:
      throw new MalformedMessageError(`unexpected sync message type ${type}`);
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Our step 1: the state vector of what the server holds. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPE.sync);
    encoding.writeVarUint(encoder, SYNC_TYPE.step1);
    encoding.writeVarUint8Array(encoder, stateVector);
  });
}

/** A step 2: the update a client lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPE.sync);
    encoding.writeVarUint(encoder, SYNC_TYPE.step2);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPE.sync);
    encoding.writeVarUint(encoder, SYNC_TYPE.update);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPE.awareness);
    encoding.writeVarUint8Array(encoder, awarenessUpdate);
  });
}

/** Our extension (see `YJS_SAVE_NOTICE_MESSAGE`): whether the board's edits are being stored. */
export function encodeSaveNotice(notice: keyof typeof BOARD_SAVE_NOTICE): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, YJS_SAVE_NOTICE_MESSAGE);
    encoding.writeVarUint(encoder, BOARD_SAVE_NOTICE[notice]);
  });
}
