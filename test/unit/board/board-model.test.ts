import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  boardToMarkdown,
  deleteCard,
  editText,
  goalLane,
  initBoard,
  linkLesson,
  moveCard,
  readBoard,
  repairBoard,
  setStatus,
} from '../../../shared/board';

const AMINA = 'amina-0001';
const SOFIA = 'sofia-0001';
const me = Symbol('amina');

function pairBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Amina & Sofía', kind: 'pair', owners: [AMINA, SOFIA] }, me);
  return doc;
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('the board model', () => {
  it('gives a pair board one goal lane per woman, in the order asked, then the shared lanes', () => {
    const board = readBoard(pairBoard(), [SOFIA, AMINA]);
    expect(board.meta).toEqual({ title: 'Amina & Sofía', kind: 'pair', templateVersion: 1 });
    expect(board.lanes.map((l) => l.id)).toEqual([
      goalLane(SOFIA),
      goalLane(AMINA),
      'lessons',
      'resources',
      'questions',
      'next-steps',
    ]);
  });

  it('adds a goal to its owner’s lane and a lesson with whom it was learned from', () => {
    const doc = pairBoard();
    const goal = addCard(
      doc,
      { kind: 'goal', author: AMINA, text: 'Export to Peru', lang: 'es' },
      me,
    );
    const lesson = addCard(
      doc,
      {
        kind: 'lesson',
        author: AMINA,
        learnedFrom: SOFIA,
        goalId: goal,
        text: 'Price in soles',
        lang: 'fr',
      },
      me,
    );
    const board = readBoard(doc);
    expect(board.lanes.find((l) => l.id === goalLane(AMINA))?.cardIds).toEqual([goal]);
    expect(board.lanes.find((l) => l.id === 'lessons')?.cardIds).toEqual([lesson]);
    expect(board.cards[lesson]).toMatchObject({
      learnedFrom: SOFIA,
      goalId: goal,
      lang: 'fr',
      author: AMINA,
    });
    expect(board.cards[goal]).toMatchObject({
      status: 'open',
      owner: AMINA,
      text: 'Export to Peru',
    });
  });

  it('moves a card within a lane and to another lane, where it takes that lane’s kind', () => {
    const doc = pairBoard();
    const a = addCard(doc, { kind: 'question', author: AMINA, text: 'a', lang: 'en' }, me);
    const b = addCard(doc, { kind: 'question', author: AMINA, text: 'b', lang: 'en' }, me);
    moveCard(doc, b, 'questions', 0, me);
    expect(readBoard(doc).lanes.find((l) => l.id === 'questions')?.cardIds).toEqual([b, a]);
    moveCard(doc, a, goalLane(SOFIA), 0, me);
    const board = readBoard(doc);
    expect(board.lanes.find((l) => l.id === goalLane(SOFIA))?.cardIds).toEqual([a]);
    expect(board.cards[a]).toMatchObject({ kind: 'goal', owner: SOFIA });
  });

  it('sets a goal’s status, links a lesson, and forgets the link when the goal is deleted', () => {
    const doc = pairBoard();
    const goal = addCard(doc, { kind: 'goal', author: SOFIA, text: 'g', lang: 'es' }, me);
    const lesson = addCard(doc, { kind: 'lesson', author: AMINA, text: 'l', lang: 'fr' }, me);
    setStatus(doc, goal, 'active', me);
    linkLesson(doc, lesson, goal, me);
    expect(readBoard(doc).cards[lesson]?.goalId).toBe(goal);
    deleteCard(doc, goal, me);
    const board = readBoard(doc);
    expect(board.cards[goal]).toBeUndefined();
    expect(board.cards[lesson]?.goalId).toBeNull();
  });

  it('merges two people typing in the same card at once, keeping both texts', () => {
    const a = pairBoard();
    const b = new Y.Doc();
    const id = addCard(a, { kind: 'goal', author: AMINA, text: 'sell online', lang: 'en' }, me);
    sync(a, b);
    editText(a, id, 'sell more online', 'a');
    editText(b, id, 'sell online in Dakar', 'b');
    sync(a, b);
    expect(readBoard(a).cards[id]?.text).toBe('sell more online in Dakar');
    expect(readBoard(b)).toEqual(readBoard(a));
  });

  it('shows one copy of a card two people moved at once, the same on both sides', () => {
    const a = pairBoard();
    const b = new Y.Doc();
    const id = addCard(a, { kind: 'resource', author: AMINA, text: 'r', lang: 'en' }, me);
    sync(a, b);
    moveCard(a, id, 'questions', 0, 'a');
    moveCard(b, id, 'next-steps', 0, 'b');
    sync(a, b);
    repairBoard(a);
    repairBoard(b);
    sync(a, b);
    const lanes = readBoard(a).lanes.filter((l) => l.cardIds.includes(id));
    expect(lanes).toHaveLength(1);
    expect(readBoard(b)).toEqual(readBoard(a));
  });

  it('undoes only her own changes', () => {
    const a = pairBoard();
    const b = new Y.Doc();
    sync(a, b);
    const mine = Symbol('mine');
    const undo = new Y.UndoManager([a.getMap('cards'), a.getArray('lane:lessons')], {
      trackedOrigins: new Set([mine]),
    });
    const own = addCard(a, { kind: 'lesson', author: AMINA, text: 'mine', lang: 'en' }, mine);
    const theirs = addCard(b, { kind: 'lesson', author: SOFIA, text: 'theirs', lang: 'en' }, 'b');
    sync(a, b);
    undo.undo();
    expect(Object.keys(readBoard(a).cards)).toEqual([theirs]);
    undo.redo();
    expect(Object.keys(readBoard(a).cards).sort()).toEqual([own, theirs].sort());
  });

  it('exports the board as Markdown with statuses, links and who taught what', () => {
    const doc = pairBoard();
    const goal = addCard(doc, { kind: 'goal', author: AMINA, text: 'Open a shop', lang: 'en' }, me);
    setStatus(doc, goal, 'done', me);
    addCard(
      doc,
      {
        kind: 'lesson',
        author: AMINA,
        learnedFrom: SOFIA,
        goalId: goal,
        text: 'Rent small',
        lang: 'en',
      },
      me,
    );
    const names: Record<string, string> = { [AMINA]: 'Amina', [SOFIA]: 'Sofía' };
    const md = boardToMarkdown(readBoard(doc, [AMINA, SOFIA]), (id) => names[id] ?? id);
    expect(md).toContain('# Amina & Sofía');
    expect(md).toContain('## Goals of Amina\n\n- [x] Open a shop _(done)_');
    expect(md).toContain('- Rent small _(learned from Sofía; for the goal “Open a shop”)_');
  });
});
