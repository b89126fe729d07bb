import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';

const data = tempDir();
afterAll(() => data.remove());

function cli(args: string[], input: string) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: data.path },
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.once('exit', (code) => resolve({ code, out, err }));
    proc.stdin.end(`${input}\n`);
  });
}

async function signIn(url: string, email: string, password: string) {
  return fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

describe('the operator CLI', () => {
  it('creates an admin who can then sign in, and resets her password, ending her sessions and API tokens', async () => {
    const created = await cli(
      ['create-admin', 'Ana@Example.org', 'Ana', 'Mamani'],
      'first password 1',
    );
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const duplicate = await cli(['create-admin', 'ana@example.org', 'Ana'], 'first password 1');
    expect(duplicate.code).toBe(1);
    const short = await cli(['reset-password', 'ana@example.org'], 'short');
    expect(short.code).toBe(2);
    expect(short.err).toContain('password_too_short');

    let server = await startServer({}, data.path);
    const first = await signIn(server.url, 'ana@example.org', 'first password 1');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ displayName: 'Ana Mamani', isAdmin: true });
    expect(server.mutua.setupToken).toBeNull();
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!;
    const minted = await fetch(`${server.url}/api/me/tokens`, {
      method: 'POST',
      headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'backup script' }),
    });
    expect(minted.status).toBe(201);
    const { token } = (await minted.json()) as { token: string };
    const asToken = () =>
      fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).status).toBe(200);
    await server.stop({ keepData: true });

    const reset = await cli(['reset-password', 'ana@example.org'], 'second password 2');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('1 API token(s) are revoked');
    server = await startServer({}, data.path);
    expect((await asToken()).status).toBe(401);
    expect((await signIn(server.url, 'ana@example.org', 'first password 1')).status).toBe(401);
    expect((await signIn(server.url, 'ana@example.org', 'second password 2')).status).toBe(200);
    await server.stop({ keepData: true });
  });
});
