import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { SignedInBrowsers } from '../helpers/signed-in-page';
import { createPairRoom, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;
const browsers = new SignedInBrowsers(
  () => browser,
  () => server,
);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  fixture = await createPairRoom(server.mutua);
});
afterAll(async () => {
  await browsers.closeAll();
  await browser?.close();
  await server?.stop();
});

async function openRoomAs(person: Person, viewport = { width: 1200, height: 900 }) {
  return browsers.open(person.sessionToken, `/rooms/${fixture.roomId}`, { viewport });
}

const statusOf = (page: Page, person: Person) =>
  page.locator(`mutua-presence-bar li[data-user="${person.userId}"]`).textContent();
const timer = (page: Page) => page.getByRole('timer').textContent();
const toSeconds = (text: string | null) => {
  const [m, s] = (text ?? '0:0').replace('−', '').split(':').map(Number);
  return m! * 60 + s!;
};

describe('a live pair room in Chromium', () => {
  it('both see each other arrive, run a session with two turns on one timer, swap, end it, and see the balance', async () => {
    const amina = await openRoomAs(fixture.a);
    await expect.poll(() => statusOf(amina.page, fixture.a)).toContain('here');
    const sofia = await openRoomAs(fixture.b, { width: 360, height: 640 });
    await expect.poll(() => statusOf(amina.page, fixture.b)).toContain('here');
    await expect.poll(() => statusOf(sofia.page, fixture.a)).toContain('here');

    // No horizontal scrolling on a phone.
    expect(
      await sofia.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    await amina.page.getByLabel('Amina leads on').fill('pricing for export');
    await amina.page.getByLabel('Sofía leads on').fill('social-media marketing');
    await amina.page.getByLabel('Minutes per turn').selectOption('10');
    await amina.page.getByRole('button', { name: 'Start the session' }).click();

    for (const page of [amina.page, sofia.page]) {
      await expect.poll(() => page.getByText('Amina leads — pricing for export').count()).toBe(1);
    }
    // One server timer: both show the same remaining time, give or take a tick.
    const [a, s] = await Promise.all([timer(amina.page), timer(sofia.page)]);
    expect(Math.abs(toSeconds(a) - toSeconds(s))).toBeLessThanOrEqual(2);
    expect(toSeconds(a)).toBeGreaterThan(9 * 60);

    await sofia.page.getByRole('button', { name: 'Swap roles' }).click();
    for (const page of [amina.page, sofia.page]) {
      await expect.poll(() => page.getByText('Sofía leads — pricing for export').count()).toBe(1);
    }
    await amina.page.getByRole('button', { name: 'End the session' }).click();
    for (const page of [amina.page, sofia.page]) {
      await expect
        .poll(() => page.getByRole('button', { name: 'Start the session' }).count())
        .toBe(1);
      // The program balance, and the ended session in the room's history, each name her once.
      await expect
        .poll(() => page.getByText(/Amina: led \d+ min, supported \d+ min/).count())
        .toBe(2);
      await expect.poll(() => page.getByRole('heading', { name: 'Past sessions' }).count()).toBe(1);
    }

    await amina.page
      .getByLabel('Your message')
      .fill('See you Thursday! https://example.org/agenda');
    await amina.page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => sofia.page.getByRole('link', { name: 'https://example.org/agenda' }).count())
      .toBe(1);

    // Sending twice in a row (a double press on a slow link) shows the message once.
    await sofia.page.getByLabel('Your message').fill('Thursday works');
    await sofia.page.locator('mutua-chat-panel form').evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await sofia.page.getByLabel('Your message').fill('See you then');
    await expect
      .poll(() => sofia.page.getByLabel('Your message').inputValue())
      .toBe('See you then');
    await sofia.page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => amina.page.getByText('See you then').count()).toBe(1);
    expect(await amina.page.getByText('Thursday works').count()).toBe(1);
    // The same words sent again later are a new message.
    await sofia.page.getByLabel('Your message').fill('See you then');
    await sofia.page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => amina.page.getByText('See you then').count()).toBe(2);

    await sofia.context.close();
    await expect
      .poll(() => statusOf(amina.page, fixture.b), { timeout: 30_000 })
      .toMatch(/reconnecting|not here/);
    expect([...amina.problems, ...sofia.problems]).toEqual([]);
  });

  it('when the turn’s time is up, says so on screen and to screen readers, and the turn goes on until she passes the lead', async () => {
    const room = await createPairRoom(server.mutua);
    const amina = await browsers.open(room.a.sessionToken, `/rooms/${room.roomId}`, {
      beforeGoto: (page) => page.clock.install(),
    });
    await amina.page.getByLabel('Minutes per turn').selectOption('10');
    await amina.page.getByRole('button', { name: 'Start the session' }).click();
    await expect.poll(() => amina.page.getByText('Amina leads').first().count()).toBe(1);
    const upText = 'Time is up for Amina’s turn: pass the lead, or add 5 minutes.';
    expect(await amina.page.getByText(upText).count()).toBe(0);

    // Ten minutes on her clock at once: her socket also misses its heartbeats and reconnects,
    // so the tap on "Next turn" below is made while it rejoins (and must wait for the join).
    await amina.page.clock.fastForward('10:05');
    await expect.poll(() => timer(amina.page)).toMatch(/^−0:0\d$/);
    // Shown once, and announced once through the status region.
    await expect
      .poll(() => amina.page.locator('mutua-turn-bar .time-up').textContent())
      .toBe(upText);
    await expect
      .poll(() => amina.page.locator('mutua-turn-bar [role="status"]').textContent())
      .toContain(upText);
    // Nobody is cut off: the turn is still hers until she passes it.
    expect(await amina.page.getByText('Amina leads').first().count()).toBe(1);
    await amina.page.getByRole('button', { name: 'Next turn' }).click();
    await expect.poll(() => amina.page.getByText('Sofía leads').first().count()).toBe(1);
    await expect.poll(() => amina.page.locator('mutua-turn-bar .time-up').count()).toBe(0);
    expect(amina.problems).toEqual([]);
  });
});
