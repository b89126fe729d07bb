import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeIncomingMessage } from '../../../server/yjs/sync-messages';
import { TestServer, newBoardId, waitUntil, whenSynced } from './helpers';
import { RawClient, describeMessage, wire } from './raw-client';

const SEED = Number(process.env.YJS_FUZZ_SEED ?? 20240611);
const TOTAL_MESSAGES = 10_000;
const BATCH_SIZE = 25;
const PARALLEL_CONNECTIONS = 4;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Valid messages of every kind the protocol carries, from a document that uses every shared
 * type. A new client id each time, so the updates are new to the server, not replays.
 */
function validCorpus(random: () => number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 1 + Math.floor(random() * 2 ** 31);
  const messages: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => messages.push(wire.update(update)));
  const text = doc.getText('text');
  text.insert(0, 'Goal: export shea butter to Montréal');
  text.format(0, 4, { bold: true });
  text.delete(5, 6);
  const cards = doc.getMap('cards');
  const card = new Y.Map<unknown>();
  cards.set('card-1', card);
  card.set('kind', 'goal');
  card.set('position', { x: 10, y: 20.5 });
  card.set('bytes', new Uint8Array([1, 2, 3]));
  const lane = doc.getArray<unknown>('lane');
  lane.push(['card-1', 42, null, true, [1, 'two']]);
  lane.insert(1, [new Y.Text('nested')]);
  lane.delete(0, 1);
  doc.getXmlFragment('notes').insert(0, [new Y.XmlElement('p'), new Y.XmlText('lesson')]);
  cards.delete('card-1');
  messages.push(wire.syncStep1(Y.encodeStateVector(doc)));
  messages.push(wire.syncStep2(Y.encodeStateAsUpdate(doc)));
  const clientId = doc.clientID;
  messages.push(wire.awareness([{ clientId, clock: 1, state: { cursor: { anchor: 3 } } }]));
  messages.push(wire.awareness([{ clientId, clock: 2, state: null }]));
  messages.push(wire.queryAwareness());
  return messages;
}

function mutateBytes(input: Uint8Array, random: () => number): Uint8Array {
  const bytes = Array.from(input);
  const at = () => Math.floor(random() * Math.max(1, bytes.length));
  const byte = () => Math.floor(random() * 256);
  switch (Math.floor(random() * 8)) {
    case 0: // flip one bit
      if (bytes.length > 0) bytes[at()]! ^= 1 << Math.floor(random() * 8);
      break;
    case 1: // replace a few bytes
      for (let i = 0; i < 1 + random() * 4; i++) bytes[at()] = byte();
      break;
    case 2: // truncate
      bytes.length = at();
      break;
    case 3: // insert random bytes
      bytes.splice(at(), 0, ...Array.from({ length: 1 + random() * 8 }, byte));
      break;
    case 4: // a huge varuint where a length, count or clock should be
      bytes.splice(at(), 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f);
      break;
    case 5: // duplicate a slice
      bytes.splice(at(), 0, ...bytes.slice(at(), at() + 16));
      break;
    case 6: // pure noise
      return Uint8Array.from({ length: Math.floor(random() * 64) }, byte);
    default: // left as is: replays must be harmless too
      break;
  }
  return Uint8Array.from(bytes);
}

/** Half the time the framing survives and only the Yjs or awareness payload is damaged. */
function mutate(message: Uint8Array, random: () => number): Uint8Array {
  if (random() < 0.5) return mutateBytes(message, random);
  const parsed = describeMessage(message);
  const payload = mutateBytes(parsed.payload, random);
  switch (parsed.kind) {
    case 'sync-step-1':
      return wire.syncStep1(payload);
    case 'sync-step-2':
      return wire.syncStep2(payload);
    case 'update':
      return wire.update(payload);
    case 'awareness': {
      const framed = wire.awareness([]);
      return Uint8Array.from([framed[0]!, ...wire.update(payload).subarray(2)]);
    }
    default:
      return mutateBytes(message, random);
  }
}

/**
 * The server closes a connection at its first malformed message and ignores the rest, so
 * the messages that at least frame correctly go first: they reach the Yjs and awareness layers.
 */
function wellFormedFirst(messages: Uint8Array[]): Uint8Array[] {
  const framesWell = (message: Uint8Array): boolean => {
    try {
      decodeIncomingMessage(message);
      return true;
    } catch {
      return false;
    }
  };
  return [...messages.filter(framesWell), ...messages.filter((m) => !framesWell(m))];
}

describe('fuzzing the sync server', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it(`survives ${TOTAL_MESSAGES} random and mutated messages while another board keeps working (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    server = await TestServer.start({ rateLimit: { burst: 100_000, perMs: 1_000 } });
    const fuzzed = newBoardId('fuzzed');
    const quiet = newBoardId('quiet');
    server.store.createBoard(fuzzed);
    server.store.createBoard(quiet);
    const alice = server.provider(quiet, 'alice');
    const bob = server.provider(quiet, 'bob');
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();

    let sent = 0;
    for (let round = 0; sent < TOTAL_MESSAGES; round++) {
      const corpus = validCorpus(random);
      const batches = Array.from({ length: PARALLEL_CONNECTIONS }, () =>
        wellFormedFirst(
          Array.from({ length: BATCH_SIZE }, () =>
            mutate(corpus[Math.floor(random() * corpus.length)]!, random),
          ),
        ),
      );
      await Promise.all(
        batches.map(async (messages) => {
          const client = await RawClient.connect(`${server.url}/${fuzzed}?user=carol`);
          for (const message of messages) client.send(message);
          sent += messages.length;
          await Promise.race([client.closed, client.roundTrip().catch(() => undefined)]);
          client.terminate();
        }),
      );
      if (round % 20 === 0) {
        // The process answers, and the other board's clients still co-edit.
        const marker = `${round};`;
        alice.text.insert(0, marker);
        await waitUntil(() => bob.text.toString().startsWith(marker));
      }
    }
    delay.disable();

    expect(sent).toBeGreaterThanOrEqual(TOTAL_MESSAGES);
    expect(delay.max / 1e6).toBeLessThan(2_000);
    bob.text.insert(0, 'done;');
    await waitUntil(() => alice.text.toString() === bob.text.toString());
    await server.waitForStoredText(quiet, alice.text.toString());
    // Even the fuzzed board still serves a fresh client, whose provider can apply all of it.
    const consoleErrors = vi.spyOn(console, 'error');
    const late = server.provider(fuzzed, 'dana');
    await whenSynced(late);
    expect(consoleErrors).not.toHaveBeenCalled();
    consoleErrors.mockRestore();
    // And its stored log rebuilds into a document that encodes and applies cleanly.
    const stored = await server.storedDoc(fuzzed);
    expect(() => Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(stored))).not.toThrow();
  });
});
