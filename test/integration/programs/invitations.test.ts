import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationRoutes, programRoutes, roomRoutes } from '../../../shared/api';
import { api } from '../../helpers/api';
import { createPerson, type Person } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let admin: Person;
let facilitator: Person;
let programId: string;

beforeAll(async () => {
  server = await startServer();
  admin = await createPerson(server.mutua, { admin: true, name: 'Admin' });
  facilitator = await createPerson(server.mutua, { facilitator: true, name: 'Fatou Sarr' });
  const created = await api(server.url, programRoutes.createProgram, {
    cookie: facilitator.cookie,
    body: {
      name: 'Dakar–La Paz 2027',
      languages: ['fr', 'es'],
      startsOn: '2027-01-15',
      endsOn: '2027-06-30',
    },
  });
  expect(created.body).toMatchObject({ name: 'Dakar–La Paz 2027' });
  programId = created.body.id;
});
afterAll(() => server.stop());

const tokenOf = (link: string) => new URLSearchParams(link.split('#')[1]).get('token')!;

async function invite(role: 'participant' | 'facilitator' = 'participant', by = facilitator) {
  const res = await api(server.url, invitationRoutes.createInvitation, {
    cookie: by.cookie,
    body: { programId, role },
  });
  expect(res.status).toBe(201);
  return { ...res.body, token: tokenOf(res.body.link) };
}

const account = (n: number | string) => ({
  displayName: `Participant ${n}`,
  email: `p${n}-${Math.random().toString(36).slice(2)}@example.org`,
  password: 'a long enough password',
  locale: 'es' as const,
});

describe('invitations', () => {
  it('gives a link whose token has at least 128 random bits and is stored only as a hash', async () => {
    const invitation = await invite();
    expect(invitation.link).toMatch(/\/invite#token=/);
    expect(Buffer.from(invitation.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const rows = await server.mutua.store.db
      .selectFrom('invitations')
      .select('token_hash')
      .execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(invitation.token);
  });

  it('of twenty concurrent redemptions of one link exactly one creates an account', async () => {
    const { token } = await invite();
    const before = await server.mutua.store.db.selectFrom('users').select('id').execute();
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(server.url, invitationRoutes.acceptInvitation, {
          body: { token, account: account(`race-${i}`) },
        }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(19);
    const after = await server.mutua.store.db.selectFrom('users').select('id').execute();
    expect(after.length - before.length).toBe(1);
  });

  it('unknown, used, expired and revoked links give the same answer', async () => {
    const used = await invite();
    expect(
      (
        await api(server.url, invitationRoutes.acceptInvitation, {
          body: { token: used.token, account: account('u') },
        })
      ).status,
    ).toBe(200);
    const revoked = await invite();
    expect(
      (
        await api(server.url, invitationRoutes.revokeInvitation, {
          cookie: facilitator.cookie,
          params: { invitationId: revoked.id },
        })
      ).body.status,
    ).toBe('revoked');
    const expired = await invite();
    await server.mutua.store.db
      .updateTable('invitations')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', expired.id)
      .execute();
    const unknown = 'A'.repeat(43);

    const answers = [];
    for (const token of [unknown, used.token, expired.token, revoked.token]) {
      const preview = await api(server.url, invitationRoutes.previewInvitation, {
        body: { token },
      });
      const accept = await api(server.url, invitationRoutes.acceptInvitation, {
        body: { token, account: account('x') },
      });
      answers.push({
        preview: [preview.status, preview.body],
        accept: [accept.status, accept.body],
      });
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.accept[0]).toBe(410);
  });

  it('binds the link to its program and role: the new account joins as a participant', async () => {
    const { token } = await invite();
    const preview = await api(server.url, invitationRoutes.previewInvitation, { body: { token } });
    expect(preview.body).toMatchObject({
      role: 'participant',
      programName: 'Dakar–La Paz 2027',
      invitedBy: 'Fatou Sarr',
    });
    const accepted = await api(server.url, invitationRoutes.acceptInvitation, {
      body: {
        token,
        account: account('bound'),
        profile: { country: 'BO', city: 'Cochabamba', languages: ['es', 'qu'] },
      },
    });
    expect(accepted.status).toBe(200);
    const cookie = /mutua_session=[^;]+/.exec(accepted.headers.get('set-cookie') ?? '')![0];
    const programs = await api(server.url, programRoutes.listPrograms, { cookie });
    expect(programs.body.programs.map((p) => [p.id, p.myRole])).toEqual([
      [programId, 'participant'],
    ]);
    // A participant cannot invite or create programs.
    expect(
      (
        await api(server.url, invitationRoutes.createInvitation, {
          cookie,
          body: { programId, role: 'participant' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(server.url, programRoutes.createProgram, {
          cookie,
          body: { name: 'x', languages: ['es'] },
        })
      ).status,
    ).toBe(403);
  });

  it('only admins invite facilitators to the organisation, and such a facilitator can create programs', async () => {
    const refused = await api(server.url, invitationRoutes.createInvitation, {
      cookie: facilitator.cookie,
      body: { programId: null, role: 'facilitator' },
    });
    expect(refused.status).toBe(403);
    const res = await api(server.url, invitationRoutes.createInvitation, {
      cookie: admin.cookie,
      body: { programId: null, role: 'facilitator' },
    });
    expect(res.status).toBe(201);
    const accepted = await api(server.url, invitationRoutes.acceptInvitation, {
      body: { token: tokenOf(res.body.link), account: account('fac') },
    });
    const cookie = /mutua_session=[^;]+/.exec(accepted.headers.get('set-cookie') ?? '')![0];
    const program = await api(server.url, programRoutes.createProgram, {
      cookie,
      body: { name: 'Montréal–Thiès', languages: ['fr'] },
    });
    expect(program.status).toBe(201);
    expect(program.body.myRole).toBe('facilitator');
  });

  it('a facilitator of another program cannot see, invite to or create rooms in this one', async () => {
    const other = await createPerson(server.mutua, { facilitator: true });
    const otherProgram = await api(server.url, programRoutes.createProgram, {
      cookie: other.cookie,
      body: { name: 'Other', languages: ['en'] },
    });
    expect(otherProgram.status).toBe(201);
    expect(
      (
        await api(server.url, programRoutes.getProgram, {
          cookie: other.cookie,
          params: { programId },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(server.url, programRoutes.listMembers, {
          cookie: other.cookie,
          params: { programId },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(server.url, invitationRoutes.createInvitation, {
          cookie: other.cookie,
          body: { programId, role: 'participant' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(server.url, roomRoutes.listProgramRooms, {
          cookie: other.cookie,
          params: { programId },
        })
      ).status,
    ).toBe(404);
  });

  it('an email that has an account already leaves the link unused, so it can still be accepted', async () => {
    const { token } = await invite();
    const taken = await api(server.url, invitationRoutes.acceptInvitation, {
      body: { token, account: { ...account('dup'), email: facilitator.email } },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.fields).toEqual({ email: 'email_taken' });
    const again = await api(server.url, invitationRoutes.acceptInvitation, {
      body: { token, account: account('ok') },
    });
    expect(again.status).toBe(200);
  });

  it('a bad invitation body gets per-field errors and stores nothing', async () => {
    const before = await server.mutua.store.db.selectFrom('invitations').select('id').execute();
    const res = await api(server.url, invitationRoutes.createInvitation, {
      cookie: facilitator.cookie,
      body: { programId, role: 'queen', email: 'not-an-email', validDays: 400 },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields ?? {}).sort()).toEqual(['email', 'role', 'validDays']);
    expect(
      await server.mutua.store.db.selectFrom('invitations').select('id').execute(),
    ).toHaveLength(before.length);
  });
});
