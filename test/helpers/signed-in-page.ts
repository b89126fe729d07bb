import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../shared/protocol';
import type { TestServer } from './server';

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** Runs on the new page before it navigates (to install Playwright's clock, say). */
  beforeGoto?: (page: Page) => Promise<void>;
}

/**
 * Browser contexts signed in as people through their session cookie, as if each had signed
 * in on her own device; closes them all at the end.
 */
export class SignedInBrowsers {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly server: () => TestServer,
  ) {}

  async open(sessionToken: string, path: string, options: OpenOptions = {}): Promise<SignedInPage> {
    const server = this.server();
    const context = await this.browser().newContext({
      viewport: options.viewport ?? { width: 1200, height: 900 },
      locale: options.locale ?? 'en-US',
    });
    this.contexts.push(context);
    const url = new URL(server.url);
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: sessionToken,
        domain: url.hostname,
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await options.beforeGoto?.(page);
    await page.goto(`${server.url}${path}`);
    return { context, page, problems };
  }

  async closeAll() {
    for (const context of this.contexts) await context.close().catch(() => undefined);
  }
}

/** The board's sync state as its indicator shows it, or null while there is none. */
export const boardSyncState = (page: Page) =>
  page
    .locator('mutua-board-view p.sync')
    .getAttribute('data-state', { timeout: 1_000 })
    .catch(() => null);
