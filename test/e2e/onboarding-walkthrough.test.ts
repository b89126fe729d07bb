import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

/** A person's own browser, in her language, recording errors and CSP violations. */
async function personBrowser(locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

const heading = (page: Page) => page.locator('h1').first().textContent();

async function makeInvitationLink(page: Page, role?: string) {
  if (role) await page.getByLabel('Role').selectOption(role);
  const link = page.getByLabel('Invitation link');
  // The field still shows the previous link until the new one arrives: wait for a new one.
  const previous = (await link.count()) > 0 ? await link.inputValue() : '';
  await page.getByRole('button', { name: 'Make an invitation link' }).click();
  await expect
    .poll(() => link.inputValue())
    .toSatisfy((value: string) => value !== previous && /\/invite#token=/.test(value));
  expect(await page.getByAltText('QR code of the invitation link').getAttribute('src')).toMatch(
    /^data:image\/png/,
  );
  return link.inputValue();
}

async function acceptInvitation(
  page: Page,
  link: string,
  name: string,
  email: string,
  labels: { name: string; email: string; password: string; accept: string },
) {
  await page.goto(link);
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill('a long enough password');
  await page.getByRole('button', { name: labels.accept }).click();
}

describe('from first start to a pair room', () => {
  it('setup → admin invites a facilitator → she creates a program and invites two participants → they accept in French and Spanish → she pairs them → both see the room at home', async () => {
    // The operator opens the setup link and creates the first admin.
    const admin = await personBrowser('en-CA');
    await admin.page.goto(`${server.url}/setup#token=${server.mutua.setupToken}`);
    await admin.page.getByLabel('Your name').fill('Claire Tremblay');
    await admin.page.getByLabel('Email').fill('claire@example.org');
    await admin.page.getByLabel('Password').fill('a long enough password');
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => heading(admin.page)).toBe('Welcome, Claire Tremblay');

    // She invites a facilitator to the organisation.
    await admin.page.getByRole('link', { name: 'Organisation' }).click();
    await expect.poll(() => heading(admin.page)).toBe('Organisation');
    const facilitatorLink = await makeInvitationLink(admin.page);

    // The facilitator accepts and starts a program.
    const facilitator = await personBrowser('en-US');
    const english = {
      name: 'Your name',
      email: 'Email',
      password: 'Password',
      accept: 'Accept the invitation',
    };
    await acceptInvitation(
      facilitator.page,
      facilitatorLink,
      'Fatou Sarr',
      'fatou@example.org',
      english,
    );
    await expect.poll(() => heading(facilitator.page)).toBe('My profile');
    await facilitator.page.getByRole('link', { name: 'Home' }).click();
    await facilitator.page.getByLabel('Name', { exact: true }).fill('Dakar–Cochabamba 2027');
    await facilitator.page.getByLabel('French').check();
    await facilitator.page.getByLabel('Spanish').check();
    await facilitator.page.getByRole('button', { name: 'Create the program' }).click();
    await expect.poll(() => heading(facilitator.page)).toBe('Dakar–Cochabamba 2027');

    // Two participants, each in her own browser and language.
    const awaLink = await makeInvitationLink(facilitator.page, 'participant');
    const awa = await personBrowser('fr-SN');
    await acceptInvitation(awa.page, awaLink, 'Awa Diop', 'awa@example.org', {
      name: 'Votre nom',
      email: 'Courriel',
      password: 'Mot de passe',
      accept: 'Accepter l’invitation',
    });
    await expect.poll(() => heading(awa.page)).toBe('Mon profil');

    const rosaLink = await makeInvitationLink(facilitator.page, 'participant');
    const rosa = await personBrowser('es-BO');
    await acceptInvitation(rosa.page, rosaLink, 'Rosa Quispe', 'rosa@example.org', {
      name: 'Tu nombre',
      email: 'Correo electrónico',
      password: 'Contraseña',
      accept: 'Aceptar la invitación',
    });
    await expect.poll(() => heading(rosa.page)).toBe('Mi perfil');

    // The facilitator pairs them.
    await facilitator.page.reload();
    await expect
      .poll(() => facilitator.page.getByLabel('Awa Diop', { exact: true }).count())
      .toBe(1);
    await facilitator.page.getByLabel('Room name').fill('Awa & Rosa');
    await facilitator.page.getByLabel('Awa Diop', { exact: true }).check();
    await facilitator.page.getByLabel('Rosa Quispe', { exact: true }).check();
    await facilitator.page.getByRole('button', { name: 'Create the room' }).click();
    await expect.poll(() => facilitator.page.getByText('Awa & Rosa').count()).toBe(1);

    // Both see it on their home page, in their language.
    await awa.page.getByRole('link', { name: 'Accueil' }).click();
    await expect.poll(() => awa.page.getByRole('heading', { name: 'Awa & Rosa' }).count()).toBe(1);
    await expect.poll(() => awa.page.getByText('Avec Rosa Quispe').count()).toBe(1);
    await rosa.page.getByRole('link', { name: 'Inicio' }).click();
    await expect.poll(() => rosa.page.getByRole('heading', { name: 'Awa & Rosa' }).count()).toBe(1);
    await expect.poll(() => rosa.page.getByText('Con Awa Diop').count()).toBe(1);

    for (const person of [admin, facilitator, awa, rosa]) expect(person.problems).toEqual([]);
  });
});
