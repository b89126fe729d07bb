import type * as Y from 'yjs';
import {
  CARD_KINDS,
  GOAL_STATUSES,
  type LaneId,
  addCard,
  cardText,
  deleteCard,
  editText,
  goalLane,
  laneIds,
  linkLesson,
  moveCard,
  readBoard,
  roots,
  setPosition,
  setStatus,
} from '../../../shared/board';
import { mulberry32 } from '../../helpers/mulberry32';

/** mulberry32: a small seeded generator, so a failing run replays from its seed. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** One random board operation by `author`, as a person could do it through the client. */
export function randomOperation(
  doc: Y.Doc,
  rnd: Random,
  author: string,
  owners: readonly string[],
) {
  const ids = [...roots.cards(doc).keys()];
  const roll = rnd.next();
  const origin = author;
  if (ids.length < 3 || roll < 0.25) {
    const kind = rnd.pick(CARD_KINDS);
    addCard(
      doc,
      { kind, author, owner: rnd.pick(owners), text: `c${rnd.int(100)}`, lang: 'fr' },
      origin,
    );
    return;
  }
  const id = rnd.pick(ids);
  if (roll < 0.45) {
    const text = cardText(doc, id)?.toString() ?? '';
    const at = rnd.int(text.length + 1);
    const cut = rnd.int(3);
    editText(
      doc,
      id,
      text.slice(0, at) + String.fromCharCode(97 + rnd.int(26)) + text.slice(at + cut),
      origin,
    );
  } else if (roll < 0.65) {
    const lanes: LaneId[] = [...laneIds(doc, owners), goalLane(rnd.pick(owners))];
    moveCard(doc, id, rnd.pick(lanes), rnd.int(6), origin);
  } else if (roll < 0.72) {
    deleteCard(doc, id, origin);
  } else if (roll < 0.82) {
    setStatus(doc, id, rnd.pick(GOAL_STATUSES), origin);
  } else if (roll < 0.9) {
    linkLesson(doc, id, rnd.pick(ids), origin);
  } else {
    setPosition(doc, id, rnd.int(800), rnd.int(600), origin);
  }
}

/**
 * The invariants every reader relies on, on a converged and repaired board: every raw lane
 * entry names an existing card and every card has an entry; as read, every card shows in
 * exactly one lane and every card shown exists.
 */
export function invariantProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  const cards = roots.cards(doc);
  const withEntry = new Set<string>();
  for (const lane of laneIds(doc)) {
    for (const entry of roots.lane(doc, lane).toArray()) {
      const id = entry.slice(0, entry.lastIndexOf('~'));
      if (!cards.has(id)) problems.push(`${lane} lists missing card ${id}`);
      withEntry.add(id);
    }
  }
  for (const id of cards.keys()) if (!withEntry.has(id)) problems.push(`card ${id} in no lane`);
  const shown = readBoard(doc).lanes.flatMap((l) => l.cardIds);
  if (new Set(shown).size !== shown.length) problems.push('a card shows twice');
  for (const id of shown) if (!cards.has(id)) problems.push(`shown card ${id} does not exist`);
  if (shown.length !== cards.size) problems.push('not every card shows');
  return problems;
}
