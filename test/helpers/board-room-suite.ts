import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser';
import { createPairRoom, type Person } from './people';
import { startServer, type TestServer } from './server';
import { SignedInBrowsers, boardSyncState, type OpenOptions } from './signed-in-page';

export type PairRoom = Awaited<ReturnType<typeof createPairRoom>>;

/**
 * One real server and one Chromium for a file of board tests: each test makes its own pair
 * room and opens it as its members, in contexts of their own.
 */
export function boardRoomSuite() {
  let server: TestServer;
  let browser: Browser;
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
  return {
    get server() {
      return server;
    },
    newPairRoom: () => createPairRoom(server.mutua),
    /** Her room page, once the board says everything is saved. */
    async openRoom(
      room: PairRoom,
      person: Person,
      options: OpenOptions & { sessionToken?: string } = {},
    ) {
      const opened = await browsers.open(
        options.sessionToken ?? person.sessionToken,
        `/rooms/${room.roomId}`,
        options,
      );
      await expect.poll(() => boardSyncState(opened.page)).toBe('saved');
      return opened;
    },
  };
}

/** A lane of the board, found by its heading. */
export const boardLane = (page: Page, name: string) =>
  page.locator('mutua-board-lanes section').filter({ has: page.getByRole('heading', { name }) });
