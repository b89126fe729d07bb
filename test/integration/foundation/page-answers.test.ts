import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ANSWERS_ELEMENT_ID } from '../../../shared/pages';
import { createPairRoom, createPerson } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;
/** A title that would end a script element and start another if it went into the page raw. */
const HOSTILE_TITLE = "Amina & Sofía </script><script>alert(1)</script> \u2028 <!-- $` $' $& $$";

beforeAll(async () => {
  server = await startServer();
  fixture = await createPairRoom(server.mutua);
  await server.mutua.store.db
    .updateTable('rooms')
    .set({ title: HOSTILE_TITLE })
    .where('id', '=', fixture.roomId)
    .execute();
});
afterAll(() => server?.stop());

const ANSWERS = new RegExp(
  `<script type="application/json" id="${PAGE_ANSWERS_ELEMENT_ID}">([^<]*)</script>`,
);

async function page(path: string, cookie?: string) {
  const res = await fetch(`${server.url}${path}`, {
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  });
  const html = await res.text();
  const found = ANSWERS.exec(html);
  return {
    res,
    html,
    answers: found ? (JSON.parse(found[1]!) as Record<string, unknown>) : null,
  };
}

async function api(path: string, cookie?: string) {
  const res = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
  expect(res.status).toBe(200);
  return res.json();
}

describe('pages sent with the answers to their first API calls', () => {
  it('a room page carries her info, session and room answers, exactly as the API gives them, and preloads the board', async () => {
    const { cookie } = fixture.a;
    const { res, html, answers } = await page(`/rooms/${fixture.roomId}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    // Personal: stored nowhere, not even in her browser for the next user of a computer.
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('vary')).toMatch(/Cookie/);
    expect(Object.keys(answers ?? {}).sort()).toEqual(
      ['/api/info', '/api/session', `/api/rooms/${fixture.roomId}`].sort(),
    );
    expect(answers?.['/api/info']).toEqual(await api('/api/info'));
    expect(answers?.['/api/session']).toEqual(await api('/api/session', cookie));
    expect(answers?.[`/api/rooms/${fixture.roomId}`]).toEqual(
      await api(`/api/rooms/${fixture.roomId}`, cookie),
    );
    expect(html).toMatch(
      /<link rel="modulepreload" crossorigin href="\/assets\/board-view-[^"]+\.js">/,
    );
  });

  it('a title written to break out of the page stays data: escaped in the page, intact once parsed', async () => {
    const { html, answers } = await page(`/rooms/${fixture.roomId}`, fixture.a.cookie);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<!--');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the entry's and the answers'
    const room = answers?.[`/api/rooms/${fixture.roomId}`] as { title: string };
    expect(room.title).toBe(HOSTILE_TITLE);
  });

  it('answers only what the API would answer her: nothing about a room she is not in, and no session when signed out', async () => {
    const stranger = await createPerson(server.mutua, { name: 'Stranger' });
    const asStranger = await page(`/rooms/${fixture.roomId}`, stranger.cookie);
    expect(Object.keys(asStranger.answers ?? {}).sort()).toEqual(['/api/info', '/api/session']);
    expect(asStranger.html).not.toContain(fixture.a.displayName);
    const signedOut = await page(`/rooms/${fixture.roomId}`);
    expect(signedOut.answers).toEqual({
      '/api/info': await api('/api/info'),
      '/api/session': { me: null },
    });
  });

  it('other pages carry the shell answers without the board preload; the plain index.html (the offline shell) carries none', async () => {
    const home = await page('/', fixture.a.cookie);
    expect(Object.keys(home.answers ?? {}).sort()).toEqual(['/api/info', '/api/session']);
    expect(home.html).not.toContain('board-view');
    const shell = await page('/index.html', fixture.a.cookie);
    expect(shell.res.status).toBe(200);
    expect(shell.answers).toBeNull();
    expect(shell.html).not.toContain(PAGE_ANSWERS_ELEMENT_ID);
  });
});
