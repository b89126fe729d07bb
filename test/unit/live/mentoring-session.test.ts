import { describe, expect, it } from 'vitest';
import {
  elapsedMs,
  type LiveRoomFacts,
  type SessionCore,
  type SessionOp,
  startSession,
} from '../../../server/live/mentoring-session';
import { computeBalance } from '../../../server/live/balance';
import { applyOp } from '../../../server/live/session-ops';

const pair: LiveRoomFacts = {
  id: 'room-0001',
  kind: 'pair',
  members: [
    { userId: 'amina', role: 'participant' },
    { userId: 'sofia', role: 'participant' },
  ],
};
const T0 = 1_000_000;

function run(
  ops: [number, string, SessionOp][],
  room = pair,
): { s: SessionCore; closed: number[] } {
  let s = startSession({ room, actor: 'amina', now: T0 }, 'sess-0001', [], 10, ['sofia']);
  let closed: number[] = [];
  for (const [at, actor, op] of ops) {
    const result = applyOp({ room, actor, now: T0 + at }, s, op);
    s = result.state;
    closed = [...closed, ...result.closed];
  }
  return { s, closed };
}

describe('the mentoring session state machine', () => {
  it('starts one turn each, the first running at once', () => {
    const { s } = run([]);
    expect(s.turns.map((t) => t.leaderId)).toEqual(['amina', 'sofia']);
    expect(s).toMatchObject({ current: 0, status: 'running', attendees: ['amina', 'sofia'] });
    expect(elapsedMs(s, T0 + 5_000)).toBe(5_000);
  });

  it('does not count paused time in a turn', () => {
    const { s } = run([
      [60_000, 'sofia', { type: 'pause' }],
      [300_000, 'amina', { type: 'resume' }],
      [330_000, 'amina', { type: 'next' }],
    ]);
    expect(s.turns[0]).toMatchObject({ actualMs: 90_000, endedAt: T0 + 330_000 });
    expect(s.current).toBe(1);
  });

  it('swaps the lead for the minutes left in the turn', () => {
    const { s, closed } = run([[4 * 60_000 + 1, 'sofia', { type: 'swap' }]]);
    expect(closed).toEqual([0]);
    expect(s.turns[1]).toMatchObject({
      leaderId: 'sofia',
      plannedMinutes: 6,
      startedAt: T0 + 240_001,
    });
    expect(s.turns).toHaveLength(3);
  });

  it('alternates leaders once the agenda runs out, and ends with every turn closed', () => {
    const { s, closed } = run([
      [1_000, 'amina', { type: 'next' }],
      [2_000, 'amina', { type: 'next' }],
      [3_500, 'sofia', { type: 'end' }],
    ]);
    expect(s.turns.map((t) => [t.leaderId, t.actualMs])).toEqual([
      ['amina', 1_000],
      ['sofia', 1_000],
      ['amina', 1_500],
    ]);
    expect(closed).toEqual([0, 1, 2]);
    expect(() =>
      applyOp({ room: pair, actor: 'amina', now: T0 + 9_000 }, s, { type: 'next' }),
    ).toThrow(/ended/);
  });

  it('refuses an extension past four hours and changes from outsiders', () => {
    const extend: [number, string, SessionOp] = [0, 'amina', { type: 'extend', minutes: 60 }];
    expect(run([extend, extend, extend]).s.turns[0]!.plannedMinutes).toBe(190);
    expect(() => run([extend, extend, extend, extend])).toThrow(/long enough/);
    expect(() => run([[0, 'fatou', { type: 'next' }]])).toThrow(/Members only/);
  });

  it('leaves circles to the facilitator, except raising a hand', () => {
    const circle: LiveRoomFacts = {
      id: 'room-0002',
      kind: 'circle',
      members: [
        { userId: 'fatou', role: 'facilitator' },
        ...['awa', 'lucia', 'marie'].map((userId) => ({ userId, role: 'participant' as const })),
      ],
    };
    expect(() => startSession({ room: circle, actor: 'awa', now: T0 }, 'c1', [], 5, [])).toThrow();
    const s = startSession({ room: circle, actor: 'fatou', now: T0 }, 'c1', [], 5, []);
    expect(s.talkingOrder).toEqual(['awa', 'lucia', 'marie']);
    expect(() => applyOp({ room: circle, actor: 'awa', now: T0 }, s, { type: 'next' })).toThrow(
      /facilitator/,
    );
    const hand = applyOp({ room: circle, actor: 'marie', now: T0 }, s, {
      type: 'raise-hand',
      raised: true,
    });
    expect(hand.state.raisedHands).toEqual(['marie']);
  });
});

describe('the reciprocity balance', () => {
  it('counts minutes led, and minutes supported only in sessions she attended', () => {
    const entries = computeBalance(
      {
        turns: [
          { sessionId: 's1', leaderId: 'amina', actualMs: 600_000 },
          { sessionId: 's1', leaderId: 'sofia', actualMs: 300_000 },
          { sessionId: 's2', leaderId: 'amina', actualMs: 120_000 },
        ],
        attendees: [
          { sessionId: 's1', userId: 'amina' },
          { sessionId: 's1', userId: 'sofia' },
          { sessionId: 's2', userId: 'amina' },
        ],
      },
      ['amina', 'sofia'],
    );
    expect(entries).toEqual([
      { userId: 'amina', ledMs: 720_000, supportedMs: 300_000 },
      { userId: 'sofia', ledMs: 300_000, supportedMs: 600_000 },
    ]);
  });
});
