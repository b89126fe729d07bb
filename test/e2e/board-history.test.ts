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

async function openRoomAs(room: Room, person: Person, sessionToken = person.sessionToken) {
  const opened = await browsers.open(sessionToken, `/rooms/${room.roomId}`);
  await expect.poll(() => syncState(opened.page)).toBe('saved');
  return opened;
}

const syncState = boardSyncState;
const lane = (page: Page, name: string) =>
  page.locator('mutua-board-lanes section').filter({ has: page.getByRole('heading', { name }) });

describe('the board’s history in Chromium', () => {
  it('a snapshot taken before a change opens later with the old content, read-only', async () => {
    const room = await createPairRoom(server.mutua);
    const amina = await openRoomAs(room, room.a);
    await lane(amina.page, 'My goals').getByRole('button', { name: 'Add a goal' }).click();
    await lane(amina.page, 'My goals').getByRole('textbox').fill('register the company');
    await expect.poll(() => syncState(amina.page)).toBe('saved');

    await amina.page.getByRole('button', { name: 'History' }).click();
    await amina.page.getByLabel('Snapshot name').fill('First meeting');
    await amina.page.getByRole('button', { name: 'Keep a snapshot now' }).click();
    const open = amina.page.getByRole('button', { name: 'Open First meeting' });
    await expect.poll(() => open.count()).toBe(1);

    await amina.page.getByRole('button', { name: 'Lanes' }).click();
    await lane(amina.page, 'My goals').getByRole('textbox').fill('register the company in May');
    await lane(amina.page, 'Next steps').getByRole('button', { name: 'Add a next step' }).click();
    await expect.poll(() => syncState(amina.page)).toBe('saved');

    await amina.page.getByRole('button', { name: 'History' }).click();
    await open.click();
    const past = amina.page.locator('mutua-board-history');
    await expect
      .poll(() =>
        past.getByRole('heading', { name: /Snapshot “First meeting” .* \(read-only\)/ }).count(),
      )
      .toBe(1);
    await expect
      .poll(() => past.getByText('register the company', { exact: true }).count())
      .toBe(1);
    // Read-only: no text boxes, no add, move or delete buttons, no selects to change.
    expect(await past.locator('mutua-board-lanes').getByRole('textbox').count()).toBe(0);
    expect(await past.getByRole('button', { name: /^Add a|Delete|Move/ }).count()).toBe(0);
    expect(await past.locator('mutua-board-lanes').getByRole('combobox').count()).toBe(0);
    expect(await past.getByText('register the company in May').count()).toBe(0);

    await past.getByRole('button', { name: 'Back to the live board' }).click();
    await amina.page.getByRole('button', { name: 'Lanes' }).click();
    await expect
      .poll(() => lane(amina.page, 'My goals').getByRole('textbox').inputValue())
      .toBe('register the company in May');
    expect(amina.problems).toEqual([]);
  });
});
