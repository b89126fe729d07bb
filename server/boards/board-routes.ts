import type { Router } from 'express';
import { boardRoutes } from '../../shared/routes/boards';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { bindRoute } from '../http/route-binding';
import { type AccessPolicy, type BoardLevel } from '../policy/access-policy';
import type { Store } from '../store/database';
import { exportBoard } from './board-export';
import type { SyncLogger } from '../yjs/types';
import { BoardHistory } from './board-history';

export interface BoardRoutesDeps {
  store: Store;
  policy: AccessPolicy;
  /** Where a stored row that does not apply is reported when a board is built. */
  logger: SyncLogger;
}

/** History and export of boards; the same access policy as the `/yjs` endpoint. */
export function registerBoardRoutes(router: Router, deps: BoardRoutesDeps): BoardHistory {
  const { store, policy, logger } = deps;
  const history = new BoardHistory(store, logger);

  async function requireLevel(principal: Principal, boardId: string, needed: BoardLevel) {
    const decision = await policy.boardLevel(principal, boardId);
    if (!decision.ok) throw new AppError('not_found', 'No such board.');
    if (needed === 'write' && decision.value !== 'write')
      throw new AppError('forbidden', 'This board is read-only for you.');
  }

  bindRoute(router, boardRoutes.listSnapshots, async ({ principal, params }) => {
    await requireLevel(principal, params.boardId, 'read');
    return { snapshots: await history.list(params.boardId) };
  });

  bindRoute(router, boardRoutes.takeSnapshot, async ({ principal, params, body }) => {
    await requireLevel(principal, params.boardId, 'write');
    return history.snapshot(params.boardId, body.name, principal.userId);
  });

  bindRoute(router, boardRoutes.getSnapshot, async ({ principal, params }) => {
    await requireLevel(principal, params.boardId, 'read');
    const snapshot = await history.get(params.boardId, params.snapshotId);
    if (!snapshot) throw new AppError('not_found', 'No such snapshot.');
    return snapshot;
  });

  bindRoute(router, boardRoutes.exportBoard, async ({ principal, params }) => {
    await requireLevel(principal, params.boardId, 'read');
    const facts = await policy.roomFacts(principal, { boardId: params.boardId });
    if (!facts) throw new AppError('not_found', 'No such board.');
    // The board belongs to its members: a facilitator who may read it does not take it away.
    if (facts.roomRole === null) throw new AppError('forbidden', 'Only members export a board.');
    return exportBoard(store, history, params.boardId);
  });

  return history;
}
