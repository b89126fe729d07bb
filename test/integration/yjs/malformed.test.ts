import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODES } from '../../../shared/errors';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';
import { textUpdate, wire } from './raw-client';

function bytes(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const awarenessPayload = (json: string) =>
  bytes((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(
      e,
      bytes((inner) => {
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 5);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, json);
      }),
    );
  });

const MALFORMED: Array<[string, Uint8Array | string]> = [
  ['an empty message', new Uint8Array(0)],
  ['an unknown message type', bytes((e) => encoding.writeVarUint(e, 9))],
  ['an auth message from a client', bytes((e) => encoding.writeVarUint(e, 2))],
  [
    'an unknown sync message type',
    bytes((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 7))),
  ],
  ['a truncated sync step 1', wire.syncStep1().subarray(0, 2)],
  ['a sync step 1 with a garbage state vector', wire.syncStep1(new Uint8Array([5, 200]))],
  ['an update with garbage content', wire.update(new Uint8Array([3, 255, 255, 255, 1, 9, 9]))],
  ['an update followed by trailing bytes', new Uint8Array([...wire.update(textUpdate('a')), 0])],
  ['an awareness update that is not JSON', awarenessPayload('{not json')],
  ['an awareness state that is an array', awarenessPayload('[1,2]')],
  [
    'a varuint longer than 53 bits',
    new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 1]),
  ],
  ['a text frame', 'hello'],
  [
    'an update placed next to a later struct of its own client (Yjs decodes it, then fails)',
    wire.update(
      bytes((e) => {
        for (const value of [1, 1, 5, 0]) encoding.writeVarUint(e, value);
        encoding.writeUint8(e, 0x80 | 4); // an origin, then a string
        for (const value of [5, 3]) encoding.writeVarUint(e, value);
        encoding.writeVarString(e, 'x');
        encoding.writeVarUint(e, 0);
      }),
    ),
  ],
];

describe('malformed messages', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it.each(MALFORMED)('closes only the sender with 4422 for %s', async (_, message) => {
    server = await TestServer.start();
    const boardId = newBoardId();
    server.store.createBoard(boardId);
    const bystander = server.provider(boardId, 'bob');
    await whenSynced(bystander);

    const attacker = await server.raw(boardId, 'alice');
    attacker.send(message);
    expect(await attacker.closed).toEqual({ code: CLOSE_CODES.malformed, reason: 'malformed' });
    expect(bystander.provider.wsconnected).toBe(true);
    // Nothing of it was stored, nor relayed to the bystander.
    expect(await server.store.updateCount(boardId)).toBe(0);
    expect(bystander.text.toString()).toBe('');
  });

  it("keeps another board's clients editing while one board is under attack", async () => {
    server = await TestServer.start();
    const attacked = newBoardId('attacked');
    const quiet = newBoardId('quiet');
    server.store.createBoard(attacked);
    server.store.createBoard(quiet);
    const alice = server.provider(quiet, 'alice');
    const bob = server.provider(quiet, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);

    const attackers = await Promise.all(MALFORMED.map(() => server.raw(attacked, 'carol')));
    attackers.forEach((attacker, index) => attacker.send(MALFORMED[index]![1]));
    alice.text.insert(0, 'still here');
    const closes = await Promise.all(attackers.map((attacker) => attacker.closed));
    expect(closes.every((close) => close.code === CLOSE_CODES.malformed)).toBe(true);

    await waitUntil(() => bob.text.toString() === 'still here');
    bob.text.insert(0, 'Yes, ');
    await waitUntil(() => alice.text.toString() === 'Yes, still here');
  });
});
