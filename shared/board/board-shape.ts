import * as Y from 'yjs';
import {
  type CardColour,
  type CardKind,
  type GoalStatus,
  type BoardKind,
  type LaneId,
  type GoalLane,
  type SharedLane,
  SHARED_LANES,
} from './board-kinds';

/**
 * The shape of a board's Y.Doc, in one place. Everything else reads and writes a board
 * through the functions of this folder; nobody touches the raw Y types by string keys.
 *
 *   meta        Y.Map   title, kind (pair | circle), templateVersion
 *   goalLanes   Y.Map   ownerId → true: one goal lane per member (add-only, merges)
 *   cards       Y.Map   cardId → Y.Map (see CardField)
 *   lane:<id>   Y.Array lane entries `<cardId>~<nonce>`, in display order
 *
 * Lanes are top-level arrays (created on first use by any replica, so two replicas that
 * create the same lane concurrently merge instead of one overwriting the other). A lane
 * entry carries a nonce so that concurrent moves of one card leave copies that every
 * replica tells apart the same way (see board-repair.ts).
 */
export * from './board-kinds';

const SHARED_LANE_KIND: Record<SharedLane, CardKind> = {
  lessons: 'lesson',
  resources: 'resource',
  questions: 'question',
  'next-steps': 'next-step',
};

export const goalLane = (ownerId: string): GoalLane => `goals:${ownerId}`;

export function isLaneId(value: string): value is LaneId {
  return value.startsWith('goals:') || (SHARED_LANES as readonly string[]).includes(value);
}

/** The kind of card a lane holds, and whose goals they are for a goal lane. */
export function laneInfo(lane: LaneId): { kind: CardKind; owner: string | null } {
  if (lane.startsWith('goals:')) return { kind: 'goal', owner: lane.slice('goals:'.length) };
  return { kind: SHARED_LANE_KIND[lane as SharedLane], owner: null };
}

/** The lane a card of this kind (and owner, for goals) belongs in by default. */
export function laneFor(kind: CardKind, owner: string | null): LaneId {
  if (kind === 'goal') return goalLane(owner ?? '');
  const found = SHARED_LANES.find((lane) => SHARED_LANE_KIND[lane] === kind);
  return found ?? 'lessons';
}

/** Fields of a card's Y.Map. `text` is a Y.Text; the others are plain values. */
export interface CardFields {
  kind: CardKind;
  text: Y.Text;
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
export type CardField = keyof CardFields;

/** A card's Y.Map, with typed get and set. */
export interface CardMap {
  readonly raw: Y.Map<unknown>;
  get<K extends CardField>(key: K): CardFields[K];
  set<K extends Exclude<CardField, 'text'>>(key: K, value: CardFields[K]): void;
}

export function cardMap(raw: Y.Map<unknown>): CardMap {
  return {
    raw,
    get: <K extends CardField>(key: K) => raw.get(key) as CardFields[K],
    set: (key, value) => void raw.set(key, value),
  };
}

export interface BoardMeta {
  title: string;
  kind: BoardKind;
  templateVersion: number;
}

/** The typed roots of a board document. */
export const roots = {
  meta: (doc: Y.Doc) => doc.getMap<string | number>('meta'),
  goalLanes: (doc: Y.Doc) => doc.getMap<true>('goalLanes'),
  cards: (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards'),
  lane: (doc: Y.Doc, lane: LaneId) => doc.getArray<string>(`lane:${lane}`),
};

/** Every lane of the board, shared lanes last; goal lanes in the order of `owners` first. */
export function laneIds(doc: Y.Doc, owners: readonly string[] = []): LaneId[] {
  const known = [...roots.goalLanes(doc).keys()].sort();
  const ordered = [
    ...owners.filter((o) => known.includes(o)),
    ...known.filter((o) => !owners.includes(o)),
  ];
  return [...ordered.map(goalLane), ...SHARED_LANES];
}

export function getCard(doc: Y.Doc, cardId: string): CardMap | null {
  const raw = roots.cards(doc).get(cardId);
  return raw instanceof Y.Map ? cardMap(raw) : null;
}

/** The card's text, for binding an editor to it; null for a card that is gone. */
export function cardText(doc: Y.Doc, cardId: string): Y.Text | null {
  const text = getCard(doc, cardId)?.get('text');
  return text instanceof Y.Text ? text : null;
}

/** A lane entry is `<cardId>~<nonce>`. */
export const entryCardId = (entry: string) => entry.slice(0, entry.lastIndexOf('~'));
