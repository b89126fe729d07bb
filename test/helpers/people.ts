import { SESSION_COOKIE } from '../../shared/protocol';
import type { Mutua } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { newId } from '../../server/auth/secrets';
import { RoomsService } from '../../server/rooms/rooms-service';

export const FIXTURE_PASSWORD = 'correct horse battery staple';
let fixtureHash: Promise<string> | undefined;

export interface Person {
  userId: string;
  email: string;
  displayName: string;
  /** `Cookie` header value of a fresh sign-in session. */
  cookie: string;
  sessionToken: string;
  /** A personal API token. */
  token: string;
}

/** A person with a session and an API token, made through the real auth service. */
export async function createPerson(
  mutua: Mutua,
  opts: { name?: string; admin?: boolean; facilitator?: boolean } = {},
): Promise<Person> {
  const userId = newId();
  const displayName = opts.name ?? `Person ${userId.slice(0, 4)}`;
  const email = `${userId.toLowerCase()}@example.org`;
  // One scrypt hash per test process: every fixture person shares the password.
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  await mutua.auth.insertUser(mutua.store.db, {
    id: userId,
    email,
    displayName,
    passwordHash: await fixtureHash,
    isAdmin: opts.admin ?? false,
    locale: 'en',
  });
  if (opts.facilitator) {
    await mutua.store.db
      .updateTable('users')
      .set({ is_facilitator: 1 })
      .where('id', '=', userId)
      .execute();
  }
  const session = await mutua.auth.createSession(userId, false);
  const { token } = await mutua.auth.tokens.create(userId, 'test');
  return {
    userId,
    email,
    displayName,
    cookie: `${SESSION_COOKIE}=${session.token}`,
    sessionToken: session.token,
    token,
  };
}

/** A program with one facilitator and two participants sharing a pair room. */
export async function createPairRoom(mutua: Mutua) {
  const rooms = new RoomsService(mutua.store);
  const facilitator = await createPerson(mutua, { name: 'Fatou', facilitator: true });
  const a = await createPerson(mutua, { name: 'Amina' });
  const b = await createPerson(mutua, { name: 'Sofía' });
  const programId = await rooms.createProgram(facilitator.userId, {
    name: 'Test program',
    description: '',
    languages: ['fr', 'es'],
    startsOn: null,
    endsOn: null,
  });
  await rooms.addProgramMember(programId, a.userId, 'participant');
  await rooms.addProgramMember(programId, b.userId, 'participant');
  const { roomId, boardId } = await rooms.createRoom({
    programId,
    kind: 'pair',
    title: 'Amina & Sofía',
    createdBy: facilitator.userId,
    memberIds: [a.userId, b.userId],
  });
  return { rooms, programId, roomId, boardId, facilitator, a, b };
}
