import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeAwarenessEntries,
  encodeAwarenessEntries,
} from '../../../server/yjs/awareness-entries';
import { MalformedMessageError } from '../../../server/yjs/connection-errors';
import { decodeIncomingMessage, encodeSyncStep1 } from '../../../server/yjs/sync-messages';
import { assertWellFormedUpdate } from '../../../server/yjs/update-validation';

describe('decoding client messages', () => {
  it('reads a sync step 1 as the server itself writes it', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const message = decodeIncomingMessage(encodeSyncStep1(Y.encodeStateVector(doc)));
    expect(message.kind).toBe('sync-step-1');
  });

  it('round-trips awareness entries', () => {
    const entries = [
      { clientId: 1, clock: 4, state: { cursor: 2 } },
      { clientId: 9, clock: 1, state: null },
    ];
    expect(decodeAwarenessEntries(encodeAwarenessEntries(entries))).toEqual(entries);
  });

  it.each([
    ['a number as awareness state', '5'],
    ['a string as awareness state', '"hi"'],
  ])('rejects %s', (_, json) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, json);
    expect(() => decodeAwarenessEntries(encoding.toUint8Array(encoder))).toThrow(
      MalformedMessageError,
    );
  });

  it('accepts real updates and refuses a deletion of length zero', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    doc.getText('t').delete(1, 2);
    expect(() => assertWellFormedUpdate(Y.encodeStateAsUpdate(doc))).not.toThrow();

    // An update with no structs and one deletion {client 7, clock 0, len 0}.
    const encoder = encoding.createEncoder();
    for (const value of [0, 1, 7, 1, 0, 0]) encoding.writeVarUint(encoder, value);
    expect(() => assertWellFormedUpdate(encoding.toUint8Array(encoder))).toThrow(
      MalformedMessageError,
    );
  });

  it('refuses a struct placed next to a later struct of its own client, which Yjs fails on', () => {
    // One struct of client 5 at clock 0: a string "x" whose left neighbour is (5, 3).
    const encoder = encoding.createEncoder();
    for (const value of [1, 1, 5, 0]) encoding.writeVarUint(encoder, value);
    encoding.writeUint8(encoder, 0x80 | 4); // has an origin; content: a string
    for (const value of [5, 3]) encoding.writeVarUint(encoder, value);
    encoding.writeVarString(encoder, 'x');
    encoding.writeVarUint(encoder, 0); // no deletions
    const update = encoding.toUint8Array(encoder);
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow();
    expect(() => assertWellFormedUpdate(update)).toThrow(MalformedMessageError);
  });

  it('tells an update that carries nothing from one that does', () => {
    expect(assertWellFormedUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(false);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'a');
    expect(assertWellFormedUpdate(Y.encodeStateAsUpdate(doc))).toBe(true);
  });
});
