import { describe, expect, it } from 'vitest';
import { spawnServer } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';

/**
 * `npm start` runs dist/server/main.js (scripts/build-server.mjs), not the TypeScript: the
 * bundle must find its migrations and the built client from where it lies.
 */
describe('the built server', () => {
  it('starts on an empty data folder, migrates it, serves the client and the API, and stops with 0', async () => {
    const data = tempDir();
    try {
      const server = await spawnServer({ DATA_DIR: data.path });
      // Migrated: the first start offers the setup link, which needs the accounts table.
      await expect.poll(() => server.stdout()).toMatch(/\/setup#token=/);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/assets\//);
      const api = await fetch(`${server.url}/api/me`);
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ ok: false, code: 'unauthenticated' });
      server.proc.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      expect(server.stderr()).toBe('');
    } finally {
      data.remove();
    }
  });
});
