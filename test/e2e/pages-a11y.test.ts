import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationRoutes } from '../../shared/api';
import { SESSION_COOKIE, type Locale } from '../../shared/protocol';
import { catalogs } from '../../client/i18n/i18n';
import { api } from '../helpers/api';
import { launchBrowser } from '../helpers/browser';
import { createPairRoom, createPerson, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let server: TestServer;
let browser: Browser;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;
let admin: Person;
let inviteHash: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await createPerson(server.mutua, { name: 'Rosa', admin: true });
  fixture = await createPairRoom(server.mutua);
  const created = await api(server.url, invitationRoutes.createInvitation, {
    token: fixture.facilitator.token,
    body: { programId: fixture.programId, role: 'participant', note: 'Mariama' },
  });
  expect(created.status).toBe(201);
  inviteHash = new URL(created.body.link).hash;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Visit {
  name: string;
  path: () => string;
  who: () => Person | null;
  /** Console errors this page is expected to log (the browser reports refused requests). */
  expectedErrors?: RegExp;
}

const VISITS: Visit[] = [
  { name: 'sign-in', path: () => '/sign-in', who: () => null },
  { name: 'setup without a link', path: () => '/setup', who: () => null },
  { name: 'invite', path: () => `/invite${inviteHash}`, who: () => null },
  {
    name: 'invalid invite',
    path: () => '/invite#token=not-a-real-invitation-token-at-all-000000000',
    who: () => null,
    expectedErrors: /Failed to load resource.*(410|400|404)/,
  },
  { name: 'not found', path: () => '/nowhere', who: () => null },
  { name: 'participant home', path: () => '/', who: () => fixture.a },
  { name: 'profile', path: () => '/profile', who: () => fixture.a },
  { name: 'room', path: () => `/rooms/${fixture.roomId}`, who: () => fixture.a },
  { name: 'facilitator home', path: () => '/', who: () => fixture.facilitator },
  { name: 'program', path: () => `/programs/${fixture.programId}`, who: () => fixture.facilitator },
  { name: 'admin', path: () => '/admin', who: () => admin },
];

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 640 },
] as const;

async function signInAs(context: BrowserContext, person: Person | null) {
  await context.clearCookies();
  if (!person) return;
  const { hostname } = new URL(server.url);
  await context.addCookies([
    { name: SESSION_COOKIE, value: person.sessionToken, domain: hostname, path: '/' },
  ]);
}

/** Waits until the page shows its heading and nothing is loading any more. */
async function settle(page: Page, locale: Locale) {
  const loading = catalogs[locale]['app.loading'];
  await expect.poll(() => page.locator('main h1').count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByText(loading, { exact: true }).count()).toBe(0);
}

async function axeProblems(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe
      .run;
    const result = (await run(document, {
      resultTypes: ['violations'],
      rules: { 'target-size': { enabled: true } },
    })) as { violations: Violation[] };
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

describe('every page, in every language, on a desktop and a phone', () => {
  for (const locale of ['en', 'fr', 'es'] as const) {
    for (const size of SIZES) {
      it(`in ${locale} on a ${size.name}: axe finds nothing serious, no console errors, no sideways scrolling, the right lang`, async () => {
        // Signed-in pages follow her profile's language, so every fixture person speaks it.
        await server.mutua.store.db.updateTable('users').set({ locale }).execute();
        const context = await browser.newContext({
          locale,
          viewport: { width: size.width, height: size.height },
          // The offline cache has its own test (pages-offline); here every visit is fresh.
          serviceWorkers: 'block',
        });
        const page = await context.newPage();
        let errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        const problems: string[] = [];
        try {
          for (const visit of VISITS) {
            await signInAs(context, visit.who());
            // A blank page between visits: two invite links differ only in the fragment.
            await page.goto('about:blank');
            errors = [];
            await page.goto(`${server.url}${visit.path()}`);
            const where = `${locale}/${size.name}/${visit.name}`;
            await settle(page, locale);
            for (const p of await axeProblems(page)) problems.push(`${where}: ${p}`);
            const lang = await page.evaluate(() => document.documentElement.lang);
            if (lang !== locale) problems.push(`${where}: lang is ${lang}`);
            const sideways = await page.evaluate(
              () => document.documentElement.scrollWidth - window.innerWidth,
            );
            if (sideways > 0) problems.push(`${where}: scrolls ${sideways}px sideways`);
            for (const e of errors)
              if (!visit.expectedErrors?.test(e)) problems.push(`${where}: console: ${e}`);
          }
        } finally {
          await context.close();
        }
        expect(problems).toEqual([]);
      });
    }
  }
});
