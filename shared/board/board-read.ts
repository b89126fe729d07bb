import type * as Y from 'yjs';
import {
  type BoardKind,
  type BoardMeta,
  type CardColour,
  type CardKind,
  type GoalStatus,
  type LaneId,
  TEMPLATE_VERSION,
  entryCardId,
  getCard,
  laneFor,
  laneIds,
  laneInfo,
  roots,
} from './board-shape';

/** One card as plain data, for rendering and export. */
export interface CardSnapshot {
  id: string;
  kind: CardKind;
  text: string;
  owner: string | null;
  author: string;
  learnedFrom: string | null;
  goalId: string | null;
  status: GoalStatus;
  x: number;
  y: number;
  colour: CardColour;
  lang: string;
  createdAt: number;
  updatedAt: number;
}

export interface LaneSnapshot {
  id: LaneId;
  kind: CardKind;
  /** Whose goals, for a goal lane. */
  owner: string | null;
  cardIds: string[];
}

export interface BoardSnapshot {
  meta: BoardMeta;
  lanes: LaneSnapshot[];
  cards: Record<string, CardSnapshot>;
}

export interface EntryRef {
  lane: LaneId;
  index: number;
  entry: string;
}

/**
 * Where each card is, by a rule every replica applies the same way: among the live entries
 * of a card (concurrent moves can leave several), the smallest entry string wins (the first
 * one for equal strings); entries of cards that no longer exist are dangling.
 */
export function resolveEntries(doc: Y.Doc, owners: readonly string[] = []) {
  const cards = roots.cards(doc);
  const winners = new Map<string, EntryRef>();
  const losers: EntryRef[] = [];
  const dangling: EntryRef[] = [];
  const lanes = laneIds(doc, owners);
  for (const lane of lanes) {
    roots
      .lane(doc, lane)
      .toArray()
      .forEach((entry, index) => {
        const ref = { lane, index, entry };
        const cardId = entryCardId(entry);
        if (!cards.has(cardId)) {
          // Deleted for good, or not here yet (its creation still on its way): only the
          // first is dangling; readers skip both.
          if (cards._map.get(cardId)?.deleted) dangling.push(ref);
          return;
        }
        const best = winners.get(cardId);
        if (!best) return void winners.set(cardId, ref);
        if (entry < best.entry) {
          losers.push(best);
          winners.set(cardId, ref);
        } else losers.push(ref);
      });
  }
  return { lanes, winners, losers, dangling };
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = roots.meta(doc);
  return {
    title: String(meta.get('title') ?? ''),
    kind: (meta.get('kind') as BoardKind | undefined) ?? 'pair',
    templateVersion: Number(meta.get('templateVersion') ?? TEMPLATE_VERSION),
  };
}

export function readCard(doc: Y.Doc, id: string): CardSnapshot | null {
  const card = getCard(doc, id);
  if (!card) return null;
  return {
    id,
    kind: card.get('kind'),
    text: card.get('text')?.toString() ?? '',
    owner: card.get('owner') ?? null,
    author: card.get('author') ?? '',
    learnedFrom: card.get('learnedFrom') ?? null,
    goalId: card.get('goalId') ?? null,
    status: card.get('status') ?? 'open',
    x: card.get('x') ?? 0,
    y: card.get('y') ?? 0,
    colour: card.get('colour') ?? 'sand',
    lang: card.get('lang') ?? '',
    createdAt: card.get('createdAt') ?? 0,
    updatedAt: card.get('updatedAt') ?? 0,
  };
}

/** The whole board as plain data. Goal lanes of `owners` come first, in that order. */
export function readBoard(doc: Y.Doc, owners: readonly string[] = []): BoardSnapshot {
  const { lanes, winners } = resolveEntries(doc, owners);
  const cards: Record<string, CardSnapshot> = {};
  for (const id of roots.cards(doc).keys()) {
    const card = readCard(doc, id);
    if (card) cards[id] = card;
  }
  for (const card of Object.values(cards)) {
    const goal = card.goalId ? cards[card.goalId] : undefined;
    if (card.goalId && goal?.kind !== 'goal') card.goalId = null;
  }
  const byLane = new Map<LaneId, EntryRef[]>(lanes.map((lane) => [lane, []]));
  for (const ref of winners.values()) byLane.get(ref.lane)?.push(ref);
  const snapshot: LaneSnapshot[] = lanes.map((id) => ({
    id,
    ...laneInfo(id),
    cardIds: (byLane.get(id) ?? [])
      .sort((a, b) => a.index - b.index)
      .map((r) => entryCardId(r.entry)),
  }));
  // A card no lane lists (it cannot happen through the operations here) still shows.
  for (const card of Object.values(cards)) {
    if (winners.has(card.id)) continue;
    const laneId = laneFor(card.kind, card.owner);
    let lane = snapshot.find((l) => l.id === laneId);
    if (!lane) snapshot.push((lane = { id: laneId, ...laneInfo(laneId), cardIds: [] }));
    lane.cardIds.push(card.id);
  }
  return { meta: readMeta(doc), lanes: snapshot, cards };
}

/** Where a card is shown: its lane and index, or null. */
export function findCard(snapshot: BoardSnapshot, cardId: string) {
  for (const lane of snapshot.lanes) {
    const index = lane.cardIds.indexOf(cardId);
    if (index >= 0) return { lane: lane.id, index };
  }
  return null;
}
