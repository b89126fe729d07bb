import type * as Y from 'yjs';
import type { BoardSnapshot, LaneId } from '../../../shared/board';
import type { Me } from '../../../shared/schemas/auth';
import type { Room } from '../../../shared/schemas/rooms';
import type { AppServices } from '../../app/app-context';

/** Someone else on the board right now, from awareness (name and colour stamped by the server). */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  selected: string | null;
  drag: { cardId: string; x: number; y: number } | null;
}

/** What the board's views share: the document, her origin, and how to name people and lanes. */
export interface BoardScope {
  doc: Y.Doc;
  board: BoardSnapshot;
  /** Origin of her own transactions: the only one her undo tracks. */
  origin: object;
  readOnly: boolean;
  me: Me;
  members: Room['members'];
  peers: Peer[];
}

export function nameOf(
  scope: Pick<BoardScope, 'members' | 'me'>,
  userId: string | null,
  t: AppServices['t'],
) {
  if (!userId) return t('board.someone');
  if (userId === scope.me.id) return scope.me.displayName;
  return scope.members.find((m) => m.userId === userId)?.displayName ?? t('board.someone');
}

export function laneTitle(
  scope: Pick<BoardScope, 'members' | 'me'>,
  lane: LaneId,
  t: AppServices['t'],
) {
  if (lane.startsWith('goals:')) {
    const owner = lane.slice('goals:'.length);
    return owner === scope.me.id
      ? t('board.lane.myGoals')
      : t('board.lane.goalsOf', { name: nameOf(scope, owner, t) });
  }
  return t(`board.lane.${lane as 'lessons' | 'resources' | 'questions' | 'next-steps'}`);
}

/** Awareness fields this client sets (the server adds `user`). */
export interface LocalAwareness {
  selected: string | null;
  drag: Peer['drag'];
}
