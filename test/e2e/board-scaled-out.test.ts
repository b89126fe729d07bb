import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardLane } from '../helpers/board-room-suite';
import { launchBrowser } from '../helpers/browser';
import { createPairRoom } from '../helpers/people';
import { startScaledOut, type ScaledOut } from '../helpers/scaled-out';
import { boardSyncState, SignedInBrowsers } from '../helpers/signed-in-page';

// Two processes behind a balancer that sent Amina to one and Sofía to the other.
let cluster: ScaledOut;
let browser: Browser;
const onOne = new SignedInBrowsers(
  () => browser,
  () => cluster.one,
);
const onTwo = new SignedInBrowsers(
  () => browser,
  () => cluster.two,
);

beforeAll(async () => {
  cluster = await startScaledOut();
  browser = await launchBrowser();
});
afterAll(async () => {
  await onOne.closeAll();
  await onTwo.closeAll();
  await browser?.close();
  await cluster?.stop();
});

describe('one board, two processes, in Chromium', () => {
  it('partners on different processes co-edit a goal and both boards are saved', async () => {
    const room = await createPairRoom(cluster.one.mutua);
    const amina = await onOne.open(room.a.sessionToken, `/rooms/${room.roomId}`);
    const sofia = await onTwo.open(room.b.sessionToken, `/rooms/${room.roomId}`);
    for (const { page } of [amina, sofia]) {
      await expect.poll(() => boardSyncState(page)).toBe('saved');
    }

    await boardLane(amina.page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
    const mine = boardLane(amina.page, 'My goals').getByRole('textbox');
    await mine.fill('sell shea butter in Montréal');
    const hers = boardLane(sofia.page, 'Goals of Amina').getByRole('textbox');
    await expect
      .poll(() => hers.inputValue().catch(() => null))
      .toBe('sell shea butter in Montréal');

    await hers.focus();
    await sofia.page.keyboard.press('End');
    await sofia.page.keyboard.type(' by June', { delay: 10 });
    await expect.poll(() => mine.inputValue()).toBe('sell shea butter in Montréal by June');
    for (const { page } of [amina, sofia]) {
      await expect.poll(() => boardSyncState(page)).toBe('saved');
    }
    expect([...amina.problems, ...sofia.problems]).toEqual([]);
  });
});
