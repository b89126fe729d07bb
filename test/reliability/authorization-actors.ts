import { randomBytes } from 'node:crypto';
import { authRoutes, boardRoutes, invitationRoutes, accountRoutes } from '../../shared/api';
import { SESSION_COOKIE } from '../../shared/protocol';
import { hashSecret } from '../../server/auth/secrets';
import { RoomsService } from '../../server/rooms/rooms-service';
import { api } from '../helpers/api';
import { FIXTURE_PASSWORD, type Person, createPairRoom, createPerson } from '../helpers/people';
import type { TestServer } from '../helpers/server';

/** Who an actor is to the pair's program and room: what the policy decides by. */
export interface Standing {
  /** Her credentials authenticate her at all. */
  readonly signedIn: boolean;
  readonly admin: boolean;
  /** May create programs (invited as a facilitator, or an admin). */
  readonly facilitator: boolean;
  /** Her role in the pair's program. */
  readonly programRole: 'facilitator' | 'participant' | null;
  /** A member of the room her four paths aim at. */
  readonly roomMember: boolean;
}

/** A room an actor's four paths (room, snapshots, live room, board) aim at. */
export interface Target {
  readonly roomId: string;
  readonly boardId: string;
  /** A member of that room, whose chat is the bait a refused socket must not hear. */
  readonly member: Person;
}

export interface Actor {
  readonly name: string;
  readonly cookie?: string;
  readonly token?: string;
  readonly standing: Standing;
  readonly target: Target;
}

export type PairRoom = Awaited<ReturnType<typeof createPairRoom>>;

export interface AuthorizationFixture {
  readonly pair: PairRoom;
  readonly target: Target;
  /** A snapshot of the pair's board, taken by a member. */
  readonly snapshotId: string;
  /** Member a's personal API token: revoking it is the token owner's business only. */
  readonly memberTokenId: string;
  /** A pending invitation to the pair's program. */
  readonly invitationId: string;
  readonly invitationToken: string;
  /** A participant of another program, signed in. */
  readonly outsider: Person;
  readonly actors: readonly Actor[];
}

const NOBODY: Standing = {
  signedIn: false,
  admin: false,
  facilitator: false,
  programRole: null,
  roomMember: false,
};

/** The same secret with one character in the middle changed. */
function tampered(secret: string): string {
  const i = secret.length >> 1;
  return secret.slice(0, i) + (secret[i] === 'A' ? 'B' : 'A') + secret.slice(i + 1);
}

const cookieOf = (sessionToken: string) => `${SESSION_COOKIE}=${sessionToken}`;

async function expectOk(what: string, answer: Promise<{ status: number }>) {
  const { status } = await answer;
  if (status < 200 || status > 299) throw new Error(`fixture: ${what} answered ${status}`);
}

/**
 * A pair room in a program, the people around it, and every actor the probe tries: dead
 * and forged credentials, signed-in people without a place in the room, and the two members
 * as controls. Credentials die the way they do in use (sign-out, revocation, a password
 * change, a deleted account) through the real routes; only the two expiries are written to
 * the database, as no test can wait seven or thirty days.
 */
export async function buildAuthorizationFixture(server: TestServer): Promise<AuthorizationFixture> {
  const { mutua, url } = server;
  const pair = await createPairRoom(mutua);
  const { a, b, facilitator } = pair;
  const target: Target = { roomId: pair.roomId, boardId: pair.boardId, member: b };
  const db = mutua.store.db;

  const snapshot = await api(url, boardRoutes.takeSnapshot, {
    cookie: a.cookie,
    params: { boardId: pair.boardId },
    body: { name: 'Before the probe' },
  });
  if (snapshot.status !== 201) throw new Error(`fixture: snapshot answered ${snapshot.status}`);
  const tokens = await api(url, authRoutes.listTokens, { cookie: a.cookie });
  const invitation = await api(url, invitationRoutes.createInvitation, {
    cookie: facilitator.cookie,
    body: { programId: pair.programId, role: 'participant' },
  });
  if (invitation.status !== 201)
    throw new Error(`fixture: invitation answered ${invitation.status}`);

  // Extra sessions and tokens of member a, each then killed one way.
  const session = async () => (await mutua.auth.createSession(a.userId, false)).token;
  const idle = await session();
  await db
    .updateTable('auth_sessions')
    .set({ idle_expires_at: Date.now() - 1 })
    .where('id_hash', '=', hashSecret(idle))
    .execute();
  const absolute = await session();
  await db
    .updateTable('auth_sessions')
    .set({ absolute_expires_at: Date.now() - 1 })
    .where('id_hash', '=', hashSecret(absolute))
    .execute();
  const signedOut = await session();
  await expectOk('sign-out', api(url, authRoutes.signOut, { cookie: cookieOf(signedOut) }));
  const revoked = await mutua.auth.tokens.create(a.userId, 'to revoke');
  await expectOk(
    'token revocation',
    api(url, authRoutes.revokeToken, { cookie: a.cookie, params: { tokenId: revoked.id } }),
  );

  // Whole-account endings would end the controls' sessions too: members of rooms of their own.
  const everywhere = await createPairRoom(mutua);
  const everywhereSecond = await mutua.auth.createSession(everywhere.a.userId, false);
  await expectOk(
    'sign-out everywhere',
    api(url, authRoutes.signOutEverywhere, { cookie: everywhere.a.cookie }),
  );
  const changed = await createPairRoom(mutua);
  const changedSecond = await mutua.auth.createSession(changed.a.userId, false);
  await expectOk(
    'password change',
    api(url, authRoutes.changePassword, {
      cookie: changed.a.cookie,
      body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new long password' },
    }),
  );
  const deleted = await createPairRoom(mutua);
  await expectOk(
    'account deletion',
    api(url, accountRoutes.deleteAccount, {
      cookie: deleted.a.cookie,
      body: { password: FIXTURE_PASSWORD },
    }),
  );
  const ownRoom = (room: PairRoom): Target => ({
    roomId: room.roomId,
    boardId: room.boardId,
    member: room.b,
  });

  // Signed-in people with no place in the room.
  const rooms = new RoomsService(mutua.store);
  const otherFacilitator = await createPerson(mutua, { facilitator: true });
  const outsider = await createPerson(mutua);
  const otherProgram = await rooms.createProgram(otherFacilitator.userId, {
    name: 'Other',
    description: '',
    languages: ['en'],
    startsOn: null,
    endsOn: null,
  });
  await rooms.addProgramMember(otherProgram, outsider.userId, 'participant');
  const admin = await createPerson(mutua, { admin: true });

  const dead = (name: string, creds: { cookie?: string; token?: string }, at = target): Actor => ({
    name,
    ...creds,
    standing: NOBODY,
    target: at,
  });
  const actors: Actor[] = [
    dead('no credentials', {}),
    dead('a session past its idle expiry', { cookie: cookieOf(idle) }),
    dead('a session past its absolute expiry', { cookie: cookieOf(absolute) }),
    dead('a signed-out session', { cookie: cookieOf(signedOut) }),
    dead(
      'a session ended by "sign out everywhere"',
      { cookie: cookieOf(everywhereSecond.token) },
      ownRoom(everywhere),
    ),
    dead(
      'a session ended by a password change',
      { cookie: cookieOf(changedSecond.token) },
      ownRoom(changed),
    ),
    dead("a deleted account's session", { cookie: deleted.a.cookie }, ownRoom(deleted)),
    dead("a deleted account's API token", { token: deleted.a.token }, ownRoom(deleted)),
    dead('a revoked token', { token: revoked.token }),
    dead('a forged cookie', { cookie: cookieOf('x'.repeat(43)) }),
    dead('a forged cookie of 256 random bits', {
      cookie: cookieOf(randomBytes(32).toString('base64url')),
    }),
    dead("a member's session with one character changed", {
      cookie: cookieOf(tampered(a.sessionToken)),
    }),
    dead("the stored hash of a member's session, as a cookie", {
      cookie: cookieOf(hashSecret(a.sessionToken)),
    }),
    dead("a member's API token, as a session cookie", { cookie: cookieOf(a.token) }),
    dead("a member's session, as a bearer token", { token: a.sessionToken }),
    dead("a member's API token with one character changed", { token: tampered(a.token) }),
    dead("a member's session under another cookie name", { cookie: `sid=${a.sessionToken}` }),
    {
      name: 'a participant of another program',
      cookie: outsider.cookie,
      standing: { ...NOBODY, signedIn: true },
      target,
    },
    {
      name: 'a facilitator of another program',
      cookie: otherFacilitator.cookie,
      standing: { ...NOBODY, signedIn: true, facilitator: true },
      target,
    },
    {
      name: 'an admin (metadata only)',
      cookie: admin.cookie,
      standing: { ...NOBODY, signedIn: true, facilitator: true, admin: true },
      target,
    },
    {
      name: 'the facilitator, on a pair board not shared with her',
      cookie: facilitator.cookie,
      standing: { ...NOBODY, signedIn: true, facilitator: true, programRole: 'facilitator' },
      target,
    },
    {
      name: 'a member, by cookie',
      cookie: a.cookie,
      standing: { ...NOBODY, signedIn: true, programRole: 'participant', roomMember: true },
      target,
    },
    {
      name: 'a member, by API token',
      token: b.token,
      standing: { ...NOBODY, signedIn: true, programRole: 'participant', roomMember: true },
      target,
    },
  ];

  const memberToken = tokens.body.tokens[0];
  if (!memberToken) throw new Error('fixture: member a has no API token');
  return {
    pair,
    target,
    snapshotId: snapshot.body.id,
    memberTokenId: memberToken.id,
    invitationId: invitation.body.id,
    invitationToken: new URLSearchParams(invitation.body.link.split('#')[1]).get('token')!,
    outsider,
    actors,
  };
}
