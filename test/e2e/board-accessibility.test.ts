import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { boardLane, boardRoomSuite } from '../helpers/board-room-suite';
import { boardSyncState } from '../helpers/signed-in-page';

const suite = boardRoomSuite();
const syncState = boardSyncState;
const lane = boardLane;

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
    const room = await suite.newPairRoom();
    const amina = await suite.openRoom(room, room.a);
    const sofia = await suite.openRoom(room, room.b);
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
    const room = await suite.newPairRoom();
    const { page, problems } = await suite.openRoom(room, room.b, {
      viewport: { width: 360, height: 640 },
    });
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
