import type { ApiRoute } from '../../shared/api-contract';
import { EMPTY_PROFILE } from '../../shared/schemas/profile';
import { api } from '../helpers/api';
import { FIXTURE_PASSWORD } from '../helpers/people';
import type { Actor, AuthorizationFixture, Standing } from './authorization-actors';
import type { AttemptLog } from './attempt-log';

/** Who may get a success from a route aimed at the pair's program, room or board. */
export type Audience =
  | 'public'
  /** Anyone signed in, on her own account only: nothing of the pair's is within reach. */
  | 'self'
  /** Facilitators and admins: creates something new. */
  | 'facilitators'
  | 'program members and admins'
  | 'program facilitators and admins'
  | 'room metadata readers'
  /** The pair did not share its board: the room's members only. */
  | 'room members'
  | 'the token owner';

/**
 * Every route of the contract, by operationId, with who may use it. A route missing here
 * stops the probe (see `checkedRoutes`): a new route cannot be left unprobed by oversight.
 */
export const AUDIENCE: Readonly<Record<string, Audience>> = {
  getHealth: 'public',
  getReadiness: 'public',
  getServerInfo: 'public',
  getOpenApiDocument: 'public',
  // Public to people: the handler checks the operator's METRICS_TOKEN, no person's session.
  getMetrics: 'public',
  completeSetup: 'public',
  signIn: 'public',
  getSession: 'public',
  previewInvitation: 'public',
  acceptInvitation: 'public',
  signOut: 'self',
  signOutEverywhere: 'self',
  getMe: 'self',
  changePassword: 'self',
  listApiTokens: 'self',
  createApiToken: 'self',
  getMyProfile: 'self',
  updateMyProfile: 'self',
  exportMyData: 'self',
  deleteMyAccount: 'self',
  listPrograms: 'self',
  listMyRooms: 'self',
  revokeApiToken: 'the token owner',
  createProgram: 'facilitators',
  getProgram: 'program members and admins',
  listProgramMembers: 'program facilitators and admins',
  removeProgramMember: 'program facilitators and admins',
  createInvitation: 'program facilitators and admins',
  listInvitations: 'program facilitators and admins',
  revokeInvitation: 'program facilitators and admins',
  listProgramRooms: 'program facilitators and admins',
  createRoom: 'program facilitators and admins',
  archiveRoom: 'program facilitators and admins',
  removeRoomMember: 'program facilitators and admins',
  getMatchingSettings: 'program facilitators and admins',
  saveMatchingSettings: 'program facilitators and admins',
  suggestPairs: 'program facilitators and admins',
  suggestCircles: 'program facilitators and admins',
  publishMatches: 'program facilitators and admins',
  getRoom: 'room metadata readers',
  shareRoomBoard: 'room members',
  listBoardSnapshots: 'room members',
  takeBoardSnapshot: 'room members',
  getBoardSnapshot: 'room members',
  exportBoard: 'room members',
};

export function mayUse(audience: Audience, s: Standing): boolean {
  switch (audience) {
    case 'public':
      return true;
    case 'self':
      return s.signedIn;
    case 'facilitators':
      return s.signedIn && (s.facilitator || s.admin);
    case 'program members and admins':
      return s.signedIn && (s.programRole !== null || s.admin);
    case 'program facilitators and admins':
      return s.signedIn && (s.programRole === 'facilitator' || s.admin);
    case 'room metadata readers':
      return s.signedIn && (s.roomMember || s.programRole === 'facilitator' || s.admin);
    case 'room members':
      return s.signedIn && s.roomMember;
    case 'the token owner':
      // The token is member a's; members are the matrix's controls, not swept here.
      return false;
  }
}

/** Path parameters, each aimed at something of the pair's. */
const PARAMS: Record<string, (f: AuthorizationFixture) => string> = {
  programId: (f) => f.pair.programId,
  roomId: (f) => f.pair.roomId,
  boardId: (f) => f.pair.boardId,
  snapshotId: (f) => f.snapshotId,
  userId: (f) => f.pair.a.userId,
  tokenId: (f) => f.memberTokenId,
  invitationId: (f) => f.invitationId,
};

/**
 * A valid body per route (by operationId): a refusal must come from authorization, not from
 * validation, or the probe proves nothing.
 */
const BODIES: Record<string, (f: AuthorizationFixture) => unknown> = {
  completeSetup: () => ({
    token: 'x'.repeat(43),
    displayName: 'Probe',
    email: 'probe-setup@example.org',
    password: 'a long enough password',
    locale: 'en',
  }),
  signIn: (f) => ({ email: f.pair.a.email, password: FIXTURE_PASSWORD }),
  changePassword: () => ({
    currentPassword: FIXTURE_PASSWORD,
    newPassword: 'another long password',
  }),
  createApiToken: () => ({ name: 'probe' }),
  updateMyProfile: () => ({ displayName: 'Probe', ...EMPTY_PROFILE }),
  deleteMyAccount: () => ({ password: FIXTURE_PASSWORD }),
  createProgram: () => ({ name: 'Probe program', languages: ['en'] }),
  createInvitation: (f) => ({ programId: f.pair.programId, role: 'participant' }),
  previewInvitation: (f) => ({ token: f.invitationToken }),
  acceptInvitation: (f) => ({
    token: f.invitationToken,
    account: {
      displayName: 'Probe',
      email: 'probe-accept@example.org',
      password: 'a long enough password',
      locale: 'en',
    },
  }),
  createRoom: (f) => ({
    kind: 'pair',
    title: 'Probe room',
    memberIds: [f.pair.a.userId, f.pair.b.userId],
  }),
  archiveRoom: () => ({ archived: true }),
  shareRoomBoard: () => ({ shared: true }),
  saveMatchingSettings: () => ({}),
  suggestCircles: () => ({}),
  publishMatches: (f) => ({ pairs: [[f.pair.a.userId, f.pair.b.userId]] }),
  takeBoardSnapshot: () => ({ name: 'probe' }),
};

const QUERIES: Record<string, (f: AuthorizationFixture) => Record<string, string>> = {
  listInvitations: (f) => ({ programId: f.pair.programId }),
};

export interface RouteRequest {
  params: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** The request that aims `route` at the pair's things, checked against the route's schemas. */
export function requestFor(route: ApiRoute, f: AuthorizationFixture): RouteRequest {
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const params = Object.fromEntries(
    names.map((name) => {
      const value = PARAMS[name];
      if (!value) throw new Error(`${route.operationId}: no probe value for :${name}`);
      return [name, value(f)];
    }),
  );
  const query = QUERIES[route.operationId]?.(f);
  const body = BODIES[route.operationId]?.(f);
  const parts: Array<[string, unknown, ApiRoute['params']]> = [
    ['params', params, route.params],
    ['query', query ?? {}, route.query],
    ['body', body, route.body],
  ];
  for (const [part, value, schema] of parts) {
    if (schema && !schema.safeParse(value).success) {
      throw new Error(`${route.operationId}: the probe's ${part} does not pass its schema`);
    }
  }
  return { params, query, body };
}

/** The contract's routes, each with its audience; throws for a route nobody classified. */
export function checkedRoutes(routes: readonly ApiRoute[]) {
  return routes.map((route) => {
    const audience = AUDIENCE[route.operationId];
    if (!audience) throw new Error(`${route.operationId}: add it to AUDIENCE`);
    return { route, audience };
  });
}

const routeName = (route: ApiRoute) => `REST ${route.method.toUpperCase()} ${route.path}`;

/**
 * Every route of the contract, tried as `actor` where she may not use it. A signed-in
 * person's own-account pages she may read are read too: they must not mention the pair's
 * program, room or board.
 */
export async function sweepRoutes(
  url: string,
  routes: readonly ApiRoute[],
  actor: Actor,
  f: AuthorizationFixture,
  log: AttemptLog,
): Promise<{ allowedNotCalled: number }> {
  const s = actor.standing;
  const credentials = { cookie: actor.cookie, token: actor.token };
  const secrets = [f.pair.programId, f.pair.roomId, f.pair.boardId];
  let allowedNotCalled = 0;
  for (const { route, audience } of checkedRoutes(routes)) {
    if (audience === 'public') continue;
    if (mayUse(audience, s)) {
      const unrelated = !s.admin && s.programRole === null && !s.roomMember;
      if (route.method === 'get' && unrelated) {
        const answer = await api(url, route, { ...credentials, ...requestFor(route, f) });
        const text = JSON.stringify(answer.body);
        const leaked = secrets.filter((id) => text.includes(id)).length;
        log.add({
          who: actor.name,
          what: `${routeName(route)} mentions the pair's program, room or board`,
          answer: `${answer.status}, ${leaked} of their ids`,
          entitled: false,
          gotIn: leaked > 0,
          inconclusive: answer.status !== 200,
        });
      } else {
        // Allowed, and a change to her own account or to the program she runs: not probed.
        allowedNotCalled += 1;
      }
      continue;
    }
    const answer = await api(url, route, { ...credentials, ...requestFor(route, f) });
    const code = (answer.body as { code?: string } | undefined)?.code;
    const refusals = s.signedIn ? [403, 404] : [401];
    const gotIn = answer.status >= 200 && answer.status < 300;
    log.add({
      who: actor.name,
      what: routeName(route),
      answer: `${answer.status}${code ? ` ${code}` : ''}`,
      entitled: false,
      gotIn,
      inconclusive: !gotIn && !refusals.includes(answer.status),
    });
  }
  return { allowedNotCalled };
}
