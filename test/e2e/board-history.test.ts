import { describe, expect, it } from 'vitest';
import { boardLane, boardRoomSuite } from '../helpers/board-room-suite';
import { boardSyncState } from '../helpers/signed-in-page';

const suite = boardRoomSuite();
const syncState = boardSyncState;
const lane = boardLane;

describe('the board’s history in Chromium', () => {
  it('a snapshot taken before a change opens later with the old content, read-only', async () => {
    const room = await suite.newPairRoom();
    const amina = await suite.openRoom(room, room.a);
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
