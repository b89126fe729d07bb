import type { Router } from 'express';
import { matchingRoutes } from '../../shared/api';
import { bindRoute } from '../http/route-binding';
import type { RoomViews } from '../rooms/room-views';
import type { MatchingService } from './matching-service';

export function registerMatchingRoutes(
  router: Router,
  matching: MatchingService,
  views: RoomViews,
) {
  bindRoute(router, matchingRoutes.getSettings, ({ principal, params }) =>
    matching.settings(principal, params.programId),
  );
  bindRoute(router, matchingRoutes.putSettings, ({ principal, params, body }) =>
    matching.saveSettings(principal, params.programId, body),
  );
  bindRoute(router, matchingRoutes.suggestPairs, ({ principal, params }) =>
    matching.suggestPairs(principal, params.programId),
  );
  bindRoute(router, matchingRoutes.suggestCircles, ({ principal, params, body }) =>
    matching.suggestCircles(principal, params.programId, body),
  );
  bindRoute(router, matchingRoutes.publish, async ({ principal, params, body }) => {
    const roomIds = await matching.publish(principal, params.programId, body);
    const rooms = await views.ofProgram(principal, params.programId);
    return { rooms: rooms.filter((r) => roomIds.includes(r.id)) };
  });
}
