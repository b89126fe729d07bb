import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, readBoard, repairBoard } from '../../../shared/board';
import { invariantProblems, randomOperation, seededRandom } from './random-ops';

const OWNERS = ['amina-0001', 'sofia-0001', 'fatou-0001'];

/**
 * Three replicas edit at random; updates travel between them late, out of order and in
 * bursts, and a replica repairs its board after taking in remote updates, as the client does.
 */
function run(seed: number) {
  const rnd = seededRandom(seed);
  const docs = OWNERS.map((_, i) => {
    const doc = new Y.Doc();
    doc.clientID = seed * 10 + i + 1;
    return doc;
  });
  const inbox: Uint8Array[][] = docs.map(() => []);
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      docs.forEach((_, j) => j !== i && inbox[j]!.push(update));
    }),
  );
  const deliver = (j: number, all: boolean) => {
    const queue = inbox[j]!;
    const take = all ? queue.length : rnd.int(queue.length + 1);
    const batch = queue.splice(0, take);
    if (!all) batch.sort(() => rnd.next() - 0.5);
    for (const update of batch) Y.applyUpdate(docs[j]!, update, 'remote');
    if (batch.length) repairBoard(docs[j]!);
  };
  docs.forEach((doc, i) =>
    initBoard(doc, { title: 'T', kind: 'circle', owners: OWNERS }, OWNERS[i]),
  );
  for (let step = 0; step < 300; step++) {
    const i = rnd.int(docs.length);
    if (rnd.next() < 0.3) deliver(i, false);
    else randomOperation(docs[i]!, rnd, OWNERS[i]!, OWNERS);
  }
  // Quiesce: deliver everything until no repair produces anything new.
  for (let round = 0; round < 10 && inbox.some((q) => q.length); round++) {
    docs.forEach((_, j) => deliver(j, true));
  }
  return docs;
}

const base = Number(process.env.BOARD_SEED ?? 1);
const seeds = Array.from({ length: Number(process.env.BOARD_SEEDS ?? 40) }, (_, i) => base + i);

describe('concurrent random operations on three replicas', () => {
  it.each(seeds)(
    'with seed %i, converge to identical boards that keep their invariants',
    (seed) => {
      const docs = run(seed);
      const [first, ...rest] = docs.map((d) => readBoard(d, OWNERS));
      for (const other of rest) expect(other, `seed ${seed}`).toEqual(first);
      for (const doc of docs) expect(invariantProblems(doc), `seed ${seed}`).toEqual([]);
      const states = docs.map((d) => Y.encodeStateVector(d).toString());
      expect(new Set(states).size, `seed ${seed}`).toBe(1);
    },
  );
});
