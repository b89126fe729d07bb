import * as Y from 'yjs';
import { decodeIncomingMessage } from '../../server/yjs/sync-messages';
import { describeMessage, wire } from '../integration/yjs/raw-client';

/**
 * Valid messages of every kind the protocol carries, from a document that uses every shared
 * type. A new client id each time, so the updates are new to the server, not replays.
 */
export function validCorpus(random: () => number): Uint8Array[] {
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
export function mutate(message: Uint8Array, random: () => number): Uint8Array {
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
export function wellFormedFirst(messages: Uint8Array[]): Uint8Array[] {
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

/** One connection's worth of fuzz: `size` mutations of messages from a fresh valid corpus. */
export function fuzzBatch(random: () => number, size: number): Uint8Array[] {
  const corpus = validCorpus(random);
  return wellFormedFirst(
    Array.from({ length: size }, () =>
      mutate(corpus[Math.floor(random() * corpus.length)]!, random),
    ),
  );
}
