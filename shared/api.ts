import type { ApiRoute } from './api-contract';
import { accountRoutes } from './routes/account';
import { boardRoutes } from './routes/boards';
import { authRoutes } from './routes/auth';
import { matchingRoutes } from './routes/matching';
import { invitationRoutes, programRoutes } from './routes/programs';
import { roomRoutes } from './routes/rooms';
import { systemRoutes } from './routes/system';

export {
  accountRoutes,
  authRoutes,
  boardRoutes,
  invitationRoutes,
  matchingRoutes,
  programRoutes,
  roomRoutes,
  systemRoutes,
};

/**
 * Every REST route of Mutua. The server refuses to start if one has no handler; the
 * OpenAPI document is generated from this list.
 */
export const allRoutes: readonly ApiRoute[] = [
  ...Object.values(systemRoutes),
  ...Object.values(authRoutes),
  ...Object.values(accountRoutes),
  ...Object.values(programRoutes),
  ...Object.values(invitationRoutes),
  ...Object.values(roomRoutes),
  ...Object.values(matchingRoutes),
  ...Object.values(boardRoutes),
];
