import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { SignedInBrowsers, boardSyncState } from '../helpers/signed-in-page';
import { createPairRoom, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
type Room = Awaited<ReturnType<typeof createPairRoom>>;
const browsers = new SignedInBrowsers(
  () => browser,
  () => server,
);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browsers.closeAll();
  await browser?.close();
  await server?.stop();
});

async function openRoomAs(room: Room, person: Person, viewport = { width: 1200, height: 900 }) {
  const opened = await browsers.open(person.sessionToken, `/rooms/${room.roomId}`, { viewport });
  await expect.poll(() => syncState(opened.page)).toBe('saved');
  return opened;
}

const syncState = boardSyncState;
const lane = (page: Page, name: string) =>
  page.locator('mutua-board-lanes section').filter({ has: page.getByRole('heading', { name }) });

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Serious and critical axe-core violations on the page, with where they are. */
async function seriousViolations(page: Page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Where the keyboard focus is, through shadow roots: its accessible text. */
const focusedText = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName.toLowerCase()}:${el?.getAttribute('aria-label') ?? el?.textContent?.trim()}`;
  });

async function tabTo(page: Page, target: string) {
  for (let i = 0; i < 80; i++) {
    if ((await focusedText(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}; stopped at ${await focusedText(page)}`);
}

describe('the board for keyboard, screen reader and phone', () => {
  it('the list view works with the keyboard alone and the room page has no serious accessibility violations', async () => {
    const room = await createPairRoom(server.mutua);
    const amina = await openRoomAs(room, room.a);
    const sofia = await openRoomAs(room, room.b);
    await tabTo(amina.page, 'button:List');
    await amina.page.keyboard.press('Enter');
    await expect
      .poll(() => amina.page.locator('mutua-board-lanes').getAttribute('layout'))
      .toBe('list');
    await tabTo(amina.page, 'button:Add a goal');
    await amina.page.keyboard.press('Enter');
    await expect.poll(() => focusedText(amina.page)).toBe('textarea:Goal text');
    await amina.page.keyboard.type('learn the export rules');
    await expect
      .poll(() =>
        lane(sofia.page, 'Goals of Amina')
          .getByRole('textbox')
          .inputValue()
          .catch(() => null),
      )
      .toBe('learn the export rules');
    await expect.poll(() => syncState(amina.page)).toBe('saved');

    expect(await seriousViolations(amina.page)).toEqual([]);
    expect([...amina.problems, ...sofia.problems]).toEqual([]);
  });

  it('on a 360 × 640 phone the room page does not scroll sideways and the board shows the list', async () => {
    const room = await createPairRoom(server.mutua);
    const { page, problems } = await openRoomAs(room, room.b, { width: 360, height: 640 });
    await expect.poll(() => page.locator('mutua-board-lanes').getAttribute('layout')).toBe('list');
    await expect
      .poll(() => page.getByRole('button', { name: 'List' }).getAttribute('aria-pressed'))
      .toBe('true');
    await lane(page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
    await lane(page, 'My goals')
      .getByRole('textbox')
      .fill('a long goal that wraps on a narrow phone');
    await expect.poll(() => syncState(page)).toBe('saved');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
