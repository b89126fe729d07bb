import { MAX_TURN_MINUTES, type TurnPlan } from '../../shared/schemas/live';
import {
  beginTurn,
  checkLeaders,
  closeTurn,
  conflict,
  elapsedMs,
  newTurn,
  refuse,
  roleOf,
  type SessionContext,
  type SessionCore,
  type SessionOp,
} from './mentoring-session';

/** Who may do what: in a pair, either of them; in a circle, the facilitators lead. */
function authorise(ctx: SessionContext, s: SessionCore, op: SessionOp) {
  const role = roleOf(ctx.room, ctx.actor);
  if (!role) throw refuse('Members only.');
  if (op.type === 'attend' || op.type === 'raise-hand') {
    if (op.type === 'raise-hand' && s.kind !== 'circle') throw conflict('Hands are for circles.');
    return;
  }
  if (op.type === 'give-floor' && s.kind !== 'circle')
    throw conflict('Give the floor in a circle.');
  if (op.type === 'swap' && s.kind !== 'pair') throw conflict('Swap is for pairs.');
  if (s.kind === 'circle' && role !== 'facilitator')
    throw refuse('The facilitator runs the circle.');
}

/**
 * Applies one change to a session under way. Returns the new state and the indexes of
 * turns that closed (to record). Throws AppError when the change is not allowed.
 */
export function applyOp(
  ctx: SessionContext,
  current: SessionCore,
  op: SessionOp,
): { state: SessionCore; closed: number[] } {
  if (current.status === 'ended') throw conflict('The session has ended.');
  authorise(ctx, current, op);
  const s: SessionCore = structuredClone(current);
  const { now, room } = ctx;
  const closed: number[] = [];
  const close = () => {
    const index = closeTurn(s, now);
    if (index !== null) closed.push(index);
  };
  const insertAfterCurrent = (plan: TurnPlan) => {
    close();
    s.turns.splice(s.current + 1, 0, newTurn(plan));
    beginTurn(s, s.current + 1, now);
  };
  const turn = s.turns[s.current];
  switch (op.type) {
    case 'plan':
      checkLeaders(room, op.upcoming);
      s.turns = [...s.turns.slice(0, s.current + 1), ...op.upcoming.map(newTurn)];
      break;
    case 'next': {
      close();
      if (s.current + 1 >= s.turns.length) {
        const order = s.talkingOrder;
        const after = order[(order.indexOf(turn?.leaderId ?? '') + 1) % order.length];
        if (!after) throw conflict('Nobody to give the next turn to.');
        const minutes = turn?.plannedMinutes ?? 15;
        s.turns.push(
          newTurn({ leaderId: after, goalCardId: null, topic: '', plannedMinutes: minutes }),
        );
      }
      beginTurn(s, s.current + 1, now);
      break;
    }
    case 'swap': {
      if (!turn) throw conflict('No turn to swap.');
      const partner = s.talkingOrder.find((u) => u !== turn.leaderId);
      if (!partner) throw conflict('Nobody to swap with.');
      const left = turn.plannedMinutes * 60_000 - elapsedMs(s, now);
      const minutes = Math.max(1, Math.ceil(left / 60_000));
      insertAfterCurrent({ ...turn, leaderId: partner, plannedMinutes: minutes });
      break;
    }
    case 'extend':
      if (!turn) throw conflict('No turn to extend.');
      if (turn.plannedMinutes + op.minutes > MAX_TURN_MINUTES)
        throw conflict('That turn is long enough.');
      turn.plannedMinutes += op.minutes;
      break;
    case 'pause':
      if (s.status !== 'running') throw conflict('The timer is not running.');
      s.timer = { elapsedMs: elapsedMs(s, now), runningSince: null };
      s.status = 'paused';
      break;
    case 'resume':
      if (s.status !== 'paused') throw conflict('The timer is not paused.');
      s.timer = { elapsedMs: s.timer.elapsedMs, runningSince: now };
      s.status = 'running';
      break;
    case 'end':
      close();
      s.status = 'ended';
      s.endedAt = now;
      s.current = -1;
      s.raisedHands = [];
      break;
    case 'give-floor': {
      if (!roleOf(room, op.userId)) throw conflict('Give the floor to a member.');
      const minutes = turn?.plannedMinutes ?? 5;
      insertAfterCurrent({
        leaderId: op.userId,
        goalCardId: null,
        topic: '',
        plannedMinutes: minutes,
      });
      s.raisedHands = s.raisedHands.filter((u) => u !== op.userId);
      break;
    }
    case 'raise-hand':
      s.raisedHands = s.raisedHands.filter((u) => u !== ctx.actor);
      if (op.raised) s.raisedHands.push(ctx.actor);
      break;
    case 'attend':
      if (!s.attendees.includes(ctx.actor)) s.attendees.push(ctx.actor);
      break;
    default: {
      const never: never = op;
      throw new Error(`unknown session op ${String(never)}`);
    }
  }
  s.version += 1;
  return { state: s, closed };
}
