import type { Router } from 'express';
import { roomRoutes } from '../../shared/api';
import { AppError } from '../errors';
import { bindRoute } from '../http/route-binding';
import { type AccessPolicy, rules } from '../policy/access-policy';
import type { ProgramsService } from '../programs/programs-service';
import type { MembershipEvents } from './membership-events';
import type { RoomViews } from './room-views';
import type { RoomsService } from './rooms-service';

export interface RoomRoutesDeps {
  rooms: RoomsService;
  views: RoomViews;
  programs: ProgramsService;
  policy: AccessPolicy;
  membership: MembershipEvents;
}

export function registerRoomRoutes(router: Router, deps: RoomRoutesDeps) {
  const { rooms, views, programs, policy, membership } = deps;

  bindRoute(router, roomRoutes.listMyRooms, async ({ principal }) => ({
    rooms: await views.mine(principal),
  }));

  bindRoute(router, roomRoutes.listProgramRooms, async ({ principal, params }) => {
    await programs.requireFacilitator(principal, params.programId);
    return { rooms: await views.ofProgram(principal, params.programId) };
  });

  bindRoute(router, roomRoutes.createRoom, async ({ principal, params, body }) => {
    await programs.requireFacilitator(principal, params.programId);
    const { roomId } = await rooms.createRoom({
      programId: params.programId,
      createdBy: principal.userId,
      ...body,
    });
    return views.one(principal, roomId);
  });

  bindRoute(router, roomRoutes.getRoom, ({ principal, params }) =>
    views.one(principal, params.roomId),
  );

  bindRoute(router, roomRoutes.archiveRoom, async ({ principal, params, body }) => {
    const facts = await policy.roomFacts(principal, params);
    if (!facts || !rules.canSeeRoomMetadata(facts, principal))
      throw new AppError('not_found', 'No such room.');
    if (!rules.canManageRoom(facts, principal))
      throw new AppError('forbidden', 'Only facilitators archive rooms.');
    await rooms.setArchived(params.roomId, body.archived);
    if (body.archived && facts.boardId) {
      membership.emit('archived', { roomId: params.roomId, boardId: facts.boardId });
    }
    return views.one(principal, params.roomId);
  });

  bindRoute(router, roomRoutes.shareRoom, async ({ principal, params, body }) => {
    const facts = await policy.roomFacts(principal, params);
    if (!facts || !rules.canSeeRoomMetadata(facts, principal))
      throw new AppError('not_found', 'No such room.');
    if (!rules.canShareBoard(facts))
      throw new AppError('forbidden', 'Only the pair decides who reads its board.');
    await rooms.setSharedWithFacilitators(params.roomId, body.shared);
    if (!body.shared) {
      // Facilitators reading it now lose it now.
      const facilitators = await programs.facilitatorIds(facts.programId);
      for (const userId of facilitators)
        membership.emit('removed', { roomId: facts.id, boardId: facts.boardId, userId });
    }
    return views.one(principal, params.roomId);
  });

  bindRoute(router, roomRoutes.removeRoomMember, async ({ principal, params }) => {
    const facts = await policy.roomFacts(principal, params);
    if (!facts || !rules.canSeeRoomMetadata(facts, principal))
      throw new AppError('not_found', 'No such room.');
    if (!rules.canManageRoom(facts, principal))
      throw new AppError('forbidden', 'Only facilitators change rooms.');
    await rooms.removeRoomMember(params.roomId, params.userId);
    membership.emit('removed', { roomId: facts.id, boardId: facts.boardId, userId: params.userId });
    return { ok: true as const };
  });
}
