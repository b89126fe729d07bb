import { allRoutes } from '../../shared/api';
import { clientEventSchemas } from '../../shared/events';
import { createPerson } from '../helpers/people';
import { startServer } from '../helpers/server';
import { buildAuthorizationFixture } from './authorization-actors';
import { probeDeadInvitations } from './authorization-invitations';
import { probeForeignOrigins } from './authorization-origin';
import { Bait, tryFourPaths } from './authorization-paths';
import { CUT_OFF_TARGET_MS, probeRemovedMember } from './authorization-removal';
import { sweepRoutes } from './authorization-routes';
import { sweepSocketEvents } from './authorization-socket-events';
import { type Attempt, AttemptLog, type Table } from './attempt-log';
import { type Progress, type ScenarioResult, figure } from './scenario';

/**
 * The probe is exhaustive, not random: every actor on every path, every route, every event.
 * A longer run would repeat the same requests, so the soak and the fast test run the same.
 */
export type AuthorizationOptions = Record<string, never>;
export const FULL: AuthorizationOptions = {};
export const FAST: AuthorizationOptions = FULL;

export interface AuthorizationResult extends ScenarioResult {
  readonly attempts: readonly Attempt[];
  /** Every unauthorized attempt that got in, as "who → what: answer". */
  readonly breaches: readonly string[];
  /** Answers that differ from the policy table, controls included. */
  readonly mismatches: readonly string[];
  /** Attempts refused for a reason other than access: the probe proved nothing there. */
  readonly inconclusive: readonly string[];
  /** Actor × path: what each got, and what the policy table says, for a readable diff. */
  readonly matrix: { readonly actual: Table; readonly expected: Table };
}

/**
 * Authorization probing of REST, Socket.IO and `/yjs` on the real server: every actor (dead
 * and forged credentials, people with no place in a pair's room, and its two members as
 * controls) on the four ways to a room; then every REST route of the contract as each
 * non-member, every Socket.IO event as each signed-in non-member, dead invitation links, a
 * member removed while connected, and valid cookies sent from foreign sites.
 */
export async function authorization(
  _options: AuthorizationOptions,
  progress: Progress,
): Promise<AuthorizationResult> {
  const server = await startServer();
  const bait = new Bait(server.url);
  const log = new AttemptLog();
  try {
    const f = await buildAuthorizationFixture(server);
    const nonMembers = f.actors.filter((a) => !a.standing.roomMember);

    progress('authorization: four paths per actor');
    for (const actor of f.actors) await tryFourPaths(server.url, actor, bait, log);
    progress('authorization: every REST route as each non-member');
    let allowedNotCalled = 0;
    for (const actor of nonMembers) {
      allowedNotCalled += (await sweepRoutes(server.url, allRoutes, actor, f, log))
        .allowedNotCalled;
    }
    progress('authorization: every Socket.IO event as each signed-in non-member');
    for (const actor of nonMembers.filter((a) => a.standing.signedIn)) {
      await sweepSocketEvents(server.url, actor, f, bait, log);
    }
    progress('authorization: dead invitation links');
    await probeDeadInvitations(server.url, server.mutua.store.db, f, log);
    progress('authorization: a member removed while connected');
    const cutOffMs = await probeRemovedMember(server, log);
    // Last: were the Origin check missing, these requests would change the pair's program.
    progress('authorization: valid cookies from foreign sites');
    const throwaway = await createPerson(server.mutua);
    await probeForeignOrigins(server.url, allRoutes, f, throwaway, log);

    const breaches = log.breaches();
    const mismatches = log.mismatches();
    const inconclusive = log.inconclusive();
    const attempts = log.unauthorized().length;
    return {
      title: 'Authorization probing of REST, Socket.IO and /yjs',
      setup:
        `${f.actors.length} actors on the four ways into a pair's room (room, snapshots, live ` +
        `room, board); all ${allRoutes.length} REST routes as each of ${nonMembers.length} ` +
        `non-members; all ${Object.keys(clientEventSchemas).length} Socket.IO events as each ` +
        'signed-in non-member; dead invitation links; a member removed while connected; valid ' +
        `cookies from foreign sites. ${attempts} attempts in all, against the real server.`,
      figures: [
        figure('attempts', attempts),
        figure('unauthorized successes', breaches.length, { target: { max: 0 } }),
        figure('answers that differ from the policy table', mismatches.length, {
          target: { max: 0 },
        }),
        figure('attempts refused for a reason other than access', inconclusive.length, {
          target: { max: 0 },
        }),
        figure('removed member cut off after', Math.round(cutOffMs), {
          unit: 'ms',
          target: { max: CUT_OFF_TARGET_MS },
        }),
        figure('actors', f.actors.length),
      ],
      notes: [
        'Exhaustive, not random: the fast test and the soak run the same attempts.',
        `Calls the policy allows were not made (${allowedNotCalled}): a non-member's changes ` +
          'to her own account, and the program management that facilitators and admins may do. ' +
          'Own-account pages a stranger may read were read, and must not mention the pair.',
        'Session expiry and invitation expiry are set in the database (days cannot pass in a ' +
          'run); every other credential died through the real routes.',
        ...breaches.slice(0, 20),
        ...mismatches.slice(0, 20),
        ...inconclusive.slice(0, 20),
      ],
      attempts: log.attempts,
      breaches,
      mismatches,
      inconclusive,
      matrix: log.matrix(),
    };
  } finally {
    await bait.close();
    await server.stop();
  }
}
