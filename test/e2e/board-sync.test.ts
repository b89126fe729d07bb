import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { boardLane, boardRoomSuite } from '../helpers/board-room-suite';
import { refuseWrites } from '../helpers/database-faults';
import { boardSyncState } from '../helpers/signed-in-page';

const suite = boardRoomSuite();
const syncState = boardSyncState;
const syncText = (page: Page) => page.locator('mutua-board-view p.sync').textContent();
/** Every card's text, lane by lane, as this page shows it. */
const boardTexts = (page: Page) =>
  page
    .locator('mutua-board-lanes section')
    .evaluateAll((lanes) =>
      lanes.map((lane) =>
        [...lane.querySelectorAll('mutua-board-card')].map(
          (card) => card.shadowRoot?.querySelector('textarea')?.value ?? null,
        ),
      ),
    );
const lane = boardLane;

describe('the board in Chromium', () => {
  it('a room page opens from the answers sent with it: no call for the server info, her session or the room, and her board is saved', async () => {
    const room = await suite.newPairRoom();
    const amina = await suite.openRoom(room, room.a);
    await expect.poll(() => syncState(amina.page)).toBe('saved');
    await expect
      .poll(() => amina.page.locator('main h1').first().textContent())
      .toBe('Amina & Sofía');
    const fetched = await amina.page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    expect(fetched.filter((path) => /^\/api\/(info|session|rooms\/)/.test(path))).toEqual([]);
    // The board's code was named in the page, and fetched with the entry.
    expect(fetched.some((path) => /^\/assets\/board-view-.+\.js$/.test(path))).toBe(true);
    expect(amina.problems).toEqual([]);
  });

  it('two members see each other’s new goal and type into the same card at once, both ending with both edits', async () => {
    const room = await suite.newPairRoom();
    const amina = await suite.openRoom(room, room.a);
    const sofia = await suite.openRoom(room, room.b);

    await lane(amina.page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
    const mine = lane(amina.page, 'My goals').getByRole('textbox');
    await expect.poll(() => mine.count()).toBe(1);
    await mine.fill('export');
    const hers = lane(sofia.page, 'Goals of Amina').getByRole('textbox');
    await expect.poll(() => hers.inputValue().catch(() => null)).toBe('export');

    await mine.focus();
    await amina.page.keyboard.press('Home');
    await hers.focus();
    await sofia.page.keyboard.press('End');
    await Promise.all([
      amina.page.keyboard.type('pricing for ', { delay: 15 }),
      sofia.page.keyboard.type(' to Canada', { delay: 15 }),
    ]);
    const expected = 'pricing for export to Canada';
    await expect.poll(() => mine.inputValue()).toBe(expected);
    await expect.poll(() => hers.inputValue()).toBe(expected);
    await expect.poll(() => syncState(amina.page)).toBe('saved');
    await expect.poll(() => syncState(sofia.page)).toBe('saved');
    expect([...amina.problems, ...sofia.problems]).toEqual([]);
  });

  it('when the server cannot store edits, her board says "not saved", keeps what she types, and saves it once it can', async () => {
    const room = await suite.newPairRoom();
    const amina = await suite.openRoom(room, room.a);
    const sofia = await suite.openRoom(room, room.b);
    const { mutua } = suite.server;

    await refuseWrites(mutua, true);
    try {
      await lane(amina.page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
      await lane(amina.page, 'My goals').getByRole('textbox').fill('open a shop in Cochabamba');
      await expect.poll(() => syncState(amina.page)).toBe('not-saved');
      await expect.poll(() => syncText(amina.page)).toMatch(/^\s*Not saved: /);
      expect(await amina.page.locator('mutua-board-view p.sync').getAttribute('role')).toBe(
        'alert',
      );
      // Nothing unstored reaches her partner; her text stays on her page.
      expect(await boardTexts(sofia.page)).toEqual([[], [], [], [], [], []]);
      await lane(amina.page, 'My goals').getByRole('textbox').press('End');
      await amina.page.keyboard.type(' by March');
    } finally {
      await refuseWrites(mutua, false);
    }

    await expect.poll(() => syncState(amina.page)).toBe('saved');
    const goal = ['open a shop in Cochabamba by March'];
    await expect.poll(() => boardTexts(sofia.page)).toEqual([[], goal, [], [], [], []]);
    expect(await boardTexts(amina.page)).toEqual([goal, [], [], [], [], []]);
    expect([...amina.problems, ...sofia.problems]).toEqual([]);
  });

  it('a member who goes offline keeps editing, sees her changes counted, and both boards match once she is back', async () => {
    const room = await suite.newPairRoom();
    const amina = await suite.openRoom(room, room.a);
    const sofia = await suite.openRoom(room, room.b);
    await lane(sofia.page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
    await lane(sofia.page, 'My goals').getByRole('textbox').fill('hire a first employee');
    await expect
      .poll(() => boardTexts(amina.page))
      .toEqual([[], ['hire a first employee'], [], [], [], []]);

    await amina.context.setOffline(true);
    await expect.poll(() => syncState(amina.page)).toBe('offline');
    await lane(amina.page, 'Lessons learned').getByRole('button', { name: 'Add a lesson' }).click();
    await lane(amina.page, 'Lessons learned').getByRole('textbox').fill('price in two currencies');
    const theirs = lane(amina.page, 'Goals of Sofía').getByRole('textbox');
    await theirs.focus();
    await amina.page.keyboard.press('End');
    await amina.page.keyboard.type(' by June');
    await expect.poll(() => syncText(amina.page)).toMatch(/Offline — [1-9]\d* changes will sync/);
    // Sofía keeps working meanwhile.
    await lane(sofia.page, 'My goals').getByRole('textbox').press('Home');
    await sofia.page.keyboard.type('finally ');

    await amina.context.setOffline(false);
    await expect.poll(() => syncState(amina.page), { timeout: 20_000 }).toBe('saved');
    await expect.poll(() => syncState(sofia.page)).toBe('saved');
    const goals = ['finally hire a first employee by June'];
    const lessons = ['price in two currencies'];
    await expect.poll(() => boardTexts(amina.page)).toEqual([[], goals, lessons, [], [], []]);
    await expect.poll(() => boardTexts(sofia.page)).toEqual([goals, [], lessons, [], [], []]);
    expect(await syncText(amina.page)).toContain('All changes saved');
  });

  it('a reload shows everything from the server, and a shared-computer sign-in keeps no copy of the board in the browser', async () => {
    const room = await suite.newPairRoom();
    const shared = await suite.server.mutua.auth.createSession(room.a.userId, true);
    const amina = await suite.openRoom(room, room.a, { sessionToken: shared.token });
    const sofia = await suite.openRoom(room, room.b);
    await lane(amina.page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
    await lane(amina.page, 'My goals').getByRole('textbox').fill('open a shop in Dakar');
    await lane(amina.page, 'Questions').getByRole('button', { name: 'Add a question' }).click();
    await lane(amina.page, 'Questions').getByRole('textbox').fill('which bank?');
    await expect.poll(() => syncState(amina.page)).toBe('saved');

    const expected = [['open a shop in Dakar'], [], [], [], ['which bank?'], []];
    for (const page of [amina.page, sofia.page]) {
      await page.reload();
      await expect.poll(() => syncState(page)).toBe('saved');
    }
    await expect.poll(() => boardTexts(amina.page)).toEqual(expected);
    const boardDatabases = (page: Page) =>
      page.evaluate(
        async () =>
          (await indexedDB.databases()).filter((d) => d.name?.startsWith('mutua-board-')).length,
      );
    expect(await boardDatabases(amina.page)).toBe(0);
    expect(await boardDatabases(sofia.page)).toBe(1);
    expect([...amina.problems, ...sofia.problems]).toEqual([]);
  });
});
