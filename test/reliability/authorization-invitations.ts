import { invitationRoutes } from '../../shared/api';
import { api } from '../helpers/api';
import type { Store } from '../../server/store/database';
import type { AuthorizationFixture } from './authorization-actors';
import type { AttemptLog } from './attempt-log';

let accounts = 0;
const newAccount = () => {
  accounts += 1;
  return {
    displayName: `Newcomer ${accounts}`,
    email: `newcomer-${accounts}-${process.pid}-${Date.now()}@example.org`,
    password: 'a long enough password',
    locale: 'en' as const,
  };
};

const tokenOf = (link: string) => new URLSearchParams(link.split('#')[1]).get('token')!;

async function programMemberCount(f: AuthorizationFixture, db: DbOf): Promise<number> {
  const rows = await db
    .selectFrom('program_members')
    .select('user_id')
    .where('program_id', '=', f.pair.programId)
    .where('removed_at', 'is', null)
    .execute();
  return rows.length;
}
type DbOf = Store['db'];

/**
 * Dead invitation links: one already redeemed, one revoked by its facilitator, one expired.
 * Each is previewed, redeemed for a new account and redeemed by a signed-in outsider; every
 * one of those must be refused (410, the same answer as an unknown link), and the program
 * must gain no member but the one who redeemed the live link first.
 */
export async function probeDeadInvitations(
  url: string,
  db: DbOf,
  f: AuthorizationFixture,
  log: AttemptLog,
): Promise<void> {
  const invite = async () => {
    const res = await api(url, invitationRoutes.createInvitation, {
      cookie: f.pair.facilitator.cookie,
      body: { programId: f.pair.programId, role: 'participant' },
    });
    if (res.status !== 201) throw new Error(`invitation answered ${res.status}`);
    return { id: res.body.id, token: tokenOf(res.body.link) };
  };
  const membersBefore = await programMemberCount(f, db);

  const used = await invite();
  const first = await api(url, invitationRoutes.acceptInvitation, {
    body: { token: used.token, account: newAccount() },
  });
  log.add({
    who: 'a newcomer',
    what: 'redeems a live invitation link',
    answer: String(first.status),
    expected: '200',
    entitled: true,
    gotIn: first.status === 200,
  });

  const revoked = await invite();
  const revocation = await api(url, invitationRoutes.revokeInvitation, {
    cookie: f.pair.facilitator.cookie,
    params: { invitationId: revoked.id },
  });
  if (revocation.body.status !== 'revoked') throw new Error('the invitation was not revoked');

  const expired = await invite();
  // Fourteen days cannot pass in a test: the expiry is moved instead.
  await db
    .updateTable('invitations')
    .set({ expires_at: Date.now() - 1 })
    .where('id', '=', expired.id)
    .execute();

  const links = [
    ['an already redeemed invitation link', used.token],
    ['a revoked invitation link', revoked.token],
    ['an expired invitation link', expired.token],
  ] as const;
  for (const [who, token] of links) {
    const tries = [
      ['preview', () => api(url, invitationRoutes.previewInvitation, { body: { token } })],
      [
        'redeem for a new account',
        () =>
          api(url, invitationRoutes.acceptInvitation, { body: { token, account: newAccount() } }),
      ],
      [
        'redeem as a signed-in outsider',
        () =>
          api(url, invitationRoutes.acceptInvitation, {
            cookie: f.outsider.cookie,
            body: { token },
          }),
      ],
    ] as const;
    for (const [what, send] of tries) {
      const { status } = await send();
      log.add({
        who,
        what,
        answer: String(status),
        entitled: false,
        gotIn: status >= 200 && status < 300,
        inconclusive: status !== 410,
      });
    }
  }

  const gained = (await programMemberCount(f, db)) - membersBefore;
  log.add({
    who: 'dead invitation links',
    what: 'members the program gained besides the first redemption',
    answer: String(gained - 1),
    entitled: false,
    gotIn: gained > 1,
  });
}
