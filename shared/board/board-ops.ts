import * as Y from 'yjs';
import { resolveEntries } from './board-read';
import {
  type BoardKind,
  type CardColour,
  type CardKind,
  type GoalStatus,
  type LaneId,
  TEMPLATE_VERSION,
  entryCardId,
  getCard,
  goalLane,
  laneFor,
  laneInfo,
  roots,
} from './board-shape';

/**
 * Every change to a board goes through these functions, each one transaction with the
 * caller's `origin` (her UndoManager tracks only her own origin).
 */
const counters = new WeakMap<Y.Doc, number>();

/** Unique per document session: the Yjs client id (random per session) and a counter. */
function nextId(doc: Y.Doc): string {
  const n = (counters.get(doc) ?? 0) + 1;
  counters.set(doc, n);
  return `${doc.clientID.toString(36)}-${n.toString(36)}`;
}

const newEntry = (doc: Y.Doc, cardId: string) => `${cardId}~${nextId(doc)}`;

export interface BoardInit {
  title: string;
  kind: BoardKind;
  /** Members with a goal lane (both women of a pair; each participant of a circle). */
  owners: readonly string[];
}

/** Sets up meta and goal lanes; safe to call on every open, by several people at once. */
export function initBoard(doc: Y.Doc, init: BoardInit, origin: unknown): void {
  doc.transact(() => {
    const meta = roots.meta(doc);
    if (meta.get('title') === undefined) meta.set('title', init.title);
    if (meta.get('kind') !== init.kind) meta.set('kind', init.kind);
    if (meta.get('templateVersion') === undefined) meta.set('templateVersion', TEMPLATE_VERSION);
    const lanes = roots.goalLanes(doc);
    for (const owner of init.owners) if (!lanes.has(owner)) lanes.set(owner, true);
  }, origin);
}

export interface NewCard {
  kind: CardKind;
  text?: string;
  author: string;
  /** Whose goal (goals only); defaults to the author. */
  owner?: string | null;
  learnedFrom?: string | null;
  goalId?: string | null;
  colour?: CardColour;
  lang: string;
  x?: number;
  y?: number;
  /** Position in its lane; the end by default. */
  index?: number;
}

export function addCard(doc: Y.Doc, input: NewCard, origin: unknown): string {
  const id = nextId(doc);
  doc.transact(() => {
    const owner = input.kind === 'goal' ? (input.owner ?? input.author) : null;
    const raw = new Y.Map<unknown>();
    const text = new Y.Text(input.text ?? '');
    const now = Date.now();
    const fields: Record<string, unknown> = {
      kind: input.kind,
      text,
      owner,
      author: input.author,
      learnedFrom: input.learnedFrom ?? null,
      goalId: input.goalId ?? null,
      status: 'open',
      x: input.x ?? 0,
      y: input.y ?? 0,
      colour: input.colour ?? 'sand',
      lang: input.lang,
      createdAt: now,
      updatedAt: now,
    };
    for (const [key, value] of Object.entries(fields)) raw.set(key, value);
    roots.cards(doc).set(id, raw);
    insertEntry(doc, id, laneFor(input.kind, owner), input.index);
  }, origin);
  return id;
}

function insertEntry(doc: Y.Doc, cardId: string, lane: LaneId, index?: number) {
  const info = laneInfo(lane);
  if (info.owner !== null && !roots.goalLanes(doc).has(info.owner)) {
    roots.goalLanes(doc).set(info.owner, true);
  }
  const shown = [...resolveEntries(doc).winners.values()]
    .filter((ref) => ref.lane === lane)
    .sort((a, b) => a.index - b.index);
  const array = roots.lane(doc, lane);
  const at =
    index !== undefined && index < shown.length ? shown[Math.max(0, index)]!.index : array.length;
  array.insert(at, [newEntry(doc, cardId)]);
}

/** Removes every entry of the card from every lane. */
function removeEntries(doc: Y.Doc, cardId: string) {
  const { winners, losers } = resolveEntries(doc);
  const refs = [...losers.filter((r) => entryCardId(r.entry) === cardId)];
  const winner = winners.get(cardId);
  if (winner) refs.push(winner);
  refs.sort((a, b) => b.index - a.index);
  for (const ref of refs) roots.lane(doc, ref.lane).delete(ref.index, 1);
}

/** Moves a card to `index` of `lane` (same lane or another); it takes that lane's kind. */
export function moveCard(doc: Y.Doc, cardId: string, lane: LaneId, index: number, origin: unknown) {
  const card = getCard(doc, cardId);
  if (!card) return;
  doc.transact(() => {
    removeEntries(doc, cardId);
    insertEntry(doc, cardId, lane, index);
    const info = laneInfo(lane);
    if (card.get('kind') !== info.kind) card.set('kind', info.kind);
    if (info.kind === 'goal' && card.get('owner') !== info.owner) card.set('owner', info.owner);
    card.set('updatedAt', Date.now());
  }, origin);
}

export function deleteCard(doc: Y.Doc, cardId: string, origin: unknown) {
  if (!getCard(doc, cardId)) return;
  doc.transact(() => {
    removeEntries(doc, cardId);
    roots.cards(doc).delete(cardId);
  }, origin);
}

type Settable = {
  status: GoalStatus;
  goalId: string | null;
  learnedFrom: string | null;
  colour: CardColour;
  lang: string;
};

function setFields(
  doc: Y.Doc,
  cardId: string,
  values: Partial<Settable & { x: number; y: number }>,
  origin: unknown,
) {
  const card = getCard(doc, cardId);
  if (!card) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(values)) {
      card.set(key as keyof Settable, value as never);
    }
    card.set('updatedAt', Date.now());
  }, origin);
}

export const setStatus = (doc: Y.Doc, cardId: string, status: GoalStatus, origin: unknown) =>
  setFields(doc, cardId, { status }, origin);

/** Links a lesson to the goal it serves (null unlinks). */
export const linkLesson = (doc: Y.Doc, lessonId: string, goalId: string | null, origin: unknown) =>
  setFields(doc, lessonId, { goalId }, origin);

export const setLearnedFrom = (doc: Y.Doc, cardId: string, from: string | null, origin: unknown) =>
  setFields(doc, cardId, { learnedFrom: from }, origin);

export const setColour = (doc: Y.Doc, cardId: string, colour: CardColour, origin: unknown) =>
  setFields(doc, cardId, { colour }, origin);

/** A drop on the canvas: one write, whatever the drag went through. */
export const setPosition = (doc: Y.Doc, cardId: string, x: number, y: number, origin: unknown) =>
  setFields(doc, cardId, { x: Math.round(x), y: Math.round(y) }, origin);

/**
 * The one stretch that differs between `prev` and `next`: `[start, prev.length - end)` of
 * `prev` became `[start, next.length - end)` of `next`. With `caret` (where her cursor is in
 * `next`, just after what she typed) the stretch ends there, so typing a letter next to the
 * same letter ("aa" → "aaa") lands where she typed it, not wherever a plain diff puts it.
 */
export function changedStretch(prev: string, next: string, caret?: number) {
  const maxEnd = Math.min(
    prev.length,
    next.length,
    caret === undefined ? Infinity : next.length - caret,
  );
  let end = 0;
  while (end < maxEnd && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
  let start = 0;
  while (start < prev.length - end && start < next.length - end && prev[start] === next[start])
    start++;
  return { start, end };
}

/**
 * Replaces a card's text by `next` with the smallest edit around her `caret`, so that
 * people typing in the same card at once both keep their characters.
 */
export function editText(
  doc: Y.Doc,
  cardId: string,
  next: string,
  origin: unknown,
  caret?: number,
) {
  const card = getCard(doc, cardId);
  const text = card?.get('text');
  if (!card || !text) return;
  const prev = text.toString();
  if (prev === next) return;
  const { start, end } = changedStretch(prev, next, caret);
  doc.transact(() => {
    if (prev.length - start - end > 0) text.delete(start, prev.length - start - end);
    if (next.length - start - end > 0) text.insert(start, next.slice(start, next.length - end));
    card.set('updatedAt', Date.now());
  }, origin);
}

export { goalLane };
