import { Id } from '../../shared/schemas/common';
import type { BoardEndpoint } from '../app';
import type { Logger } from '../logger';
import type { MutuaServer } from '../realtime/types';
import type { MembershipEvents } from '../rooms/membership-events';

/**
 * Scaled out, a board's connections are spread over processes (each holds those it
 * accepted), while a removal, an un-share or an archive is made on one of them. This passes
 * each such event to the other processes over the Socket.IO Redis adapter, where it closes
 * the connections it concerns, as the board endpoint does on the process it was made on.
 * Messages from other processes are checked like any input: an id that is not one is
 * dropped and logged.
 */
export function fanOutBoardAccess(
  io: MutuaServer,
  membership: MembershipEvents,
  boards: Pick<BoardEndpoint, 'disconnectUser' | 'closeWriters'>,
  logger: Logger,
): void {
  membership.on('removed', ({ boardId, userId }) =>
    io.serverSideEmit('board:access-removed', boardId, userId),
  );
  membership.on('archived', ({ boardId }) => io.serverSideEmit('board:archived', boardId));
  const ids = (...values: unknown[]) => values.every((value) => Id.safeParse(value).success);
  io.on('board:access-removed', (boardId, userId) => {
    if (ids(boardId, userId)) boards.disconnectUser(boardId, userId);
    else logger.warn('board:access-removed from another process without valid ids; dropped');
  });
  io.on('board:archived', (boardId) => {
    if (ids(boardId)) boards.closeWriters(boardId);
    else logger.warn('board:archived from another process without a valid id; dropped');
  });
}
