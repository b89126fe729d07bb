import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../shared/protocol';
import * as Y from 'yjs';
import { addCard, initBoard } from '../../shared/board';
import { SqlBoardStore } from '../../server/boards/sql-board-store';
import { launchBrowser } from '../helpers/browser';
import { createPairRoom } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  fixture = await createPairRoom(server.mutua);
  // A goal already on the board, stored as the server stores every edit.
  const doc = new Y.Doc();
  initBoard(
    doc,
    { title: 'Amina & Sofía', kind: 'pair', owners: [fixture.a.userId, fixture.b.userId] },
    'test',
  );
  addCard(
    doc,
    { kind: 'goal', text: 'Export 200 kg a month', author: fixture.a.userId, lang: 'en' },
    'test',
  );
  await new SqlBoardStore(server.mutua.store).append(fixture.boardId, [Y.encodeStateAsUpdate(doc)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A context signed in as Amina, on her own phone or on a shared computer. */
async function aminaOn(
  device: 'personal' | 'shared',
): Promise<{ context: BrowserContext; page: Page }> {
  const session = await server.mutua.auth.createSession(fixture.a.userId, device === 'shared');
  const context = await browser.newContext({ locale: 'en-US' });
  const { hostname } = new URL(server.url);
  await context.addCookies([
    { name: SESSION_COOKIE, value: session.token, domain: hostname, path: '/' },
  ]);
  const page = await context.newPage();
  return { context, page };
}

const heading = (page: Page) => page.locator('main h1').first().textContent({ timeout: 1_000 });
const controlled = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller !== null);
/** The text of every card on the board, as her page shows it. */
const cardTexts = (page: Page) =>
  page
    .locator('mutua-board-card')
    .evaluateAll((cards) =>
      cards.map((card) => card.shadowRoot?.querySelector('textarea')?.value ?? ''),
    );
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

describe('Mutua with no network after a first visit', () => {
  it('opens her home, her room and its cached board offline, with the offline banner', async () => {
    const { context, page } = await aminaOn('personal');
    await page.goto(`${server.url}/rooms/${fixture.roomId}`);
    await expect.poll(() => heading(page)).toBe('Amina & Sofía');
    await expect.poll(() => cardTexts(page)).toContain('Export 200 kg a month');
    await expect.poll(() => controlled(page)).toBe(true);
    // The worker controls the page from now on: this visit's answers are kept.
    await page.reload();
    await expect.poll(() => heading(page)).toBe('Amina & Sofía');
    await page.goto(server.url);
    await expect.poll(() => heading(page)).toBe('Welcome, Amina');

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => heading(page)).toBe('Welcome, Amina');
    await expect.poll(() => page.getByText('You are offline.').count()).toBe(1);
    await page.getByRole('link', { name: /Amina & Sofía/ }).click();
    await expect.poll(() => heading(page)).toBe('Amina & Sofía');
    // The board comes from her browser's copy: no server answered.
    await expect.poll(() => cardTexts(page)).toContain('Export 200 kg a month');

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => heading(page)).toBe('Sign in');
    // Her answers are gone at sign-out; the shell (nothing personal) stays.
    await expect.poll(() => cacheNames(page)).not.toContain('mutua-api');
    await context.close();
  });

  it('keeps nothing on a shared computer: signing in there removes the worker and every cache', async () => {
    // Someone used this browser on her own session first: the worker and caches are there.
    const { context, page } = await aminaOn('personal');
    await page.goto(server.url);
    await expect.poll(() => controlled(page)).toBe(true);
    await expect.poll(async () => (await cacheNames(page)).length).toBeGreaterThan(0);

    const shared = await server.mutua.auth.createSession(fixture.b.userId, true);
    await context.clearCookies();
    const { hostname } = new URL(server.url);
    await context.addCookies([
      { name: SESSION_COOKIE, value: shared.token, domain: hostname, path: '/' },
    ]);
    await page.reload();
    await expect.poll(() => heading(page)).toBe('Welcome, Sofía');
    await expect
      .poll(() =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
      )
      .toBe(0);
    await expect.poll(() => cacheNames(page)).toEqual([]);
    await context.close();
  });
});
