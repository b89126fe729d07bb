import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page that records console errors, page errors and CSP violations. */
async function watchedPage(locale = 'en-US') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  return { context, page, problems };
}

async function heading(page: Page) {
  return page.locator('h1').first().textContent();
}

describe('the web app in Chromium', () => {
  it('on a server not set up yet, shows how to set it up, with no console errors and no CSP violations', async () => {
    const { context, page, problems } = await watchedPage();
    await page.goto(server.url);
    await expect.poll(() => heading(page)).toBe('Welcome! Create the first admin account');
    await expect.poll(() => page.getByText('needs the setup link').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/setup');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('creates the first admin from the setup link, lands on home and goes live over Socket.IO', async () => {
    const token = server.mutua.setupToken;
    expect(token).toBeTruthy();
    const { context, page, problems } = await watchedPage('es-BO');
    await page.goto(`${server.url}/setup#token=${token}`);
    await expect.poll(() => heading(page)).toContain('Crea la primera cuenta');
    await page.getByLabel('Tu nombre').fill('Rosa Quispe');
    await page.getByLabel('Correo electrónico').fill('rosa@example.org');
    await page.getByLabel('Contraseña').fill('short');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect.poll(() => page.getByText('Usa al menos 8 caracteres.').count()).toBe(1);

    await page.getByLabel('Contraseña').fill('una contraseña larga');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect.poll(() => heading(page)).toBe('Bienvenida, Rosa Quispe');
    await expect.poll(() => page.locator('.status').getAttribute('data-state')).toBe('connected');
    expect(new URL(page.url()).hash).toBe('');

    // The link is spent: the same token cannot create a second admin.
    const again = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({
        token,
        displayName: 'X',
        email: 'x@example.org',
        password: 'another long one',
        locale: 'en',
      }),
    });
    expect(again.status).toBe(410);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows the browser language: a French browser gets the French sign-in page', async () => {
    const { context, page, problems } = await watchedPage('fr-CA');
    await page.goto(server.url);
    await expect.poll(() => heading(page)).toBe('Connexion');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs in, switches language without a reload, and signs out', async () => {
    const { context, page, problems } = await watchedPage('en-US');
    await page.goto(server.url);
    await expect.poll(() => heading(page)).toBe('Sign in');
    await page.getByLabel('Email').fill('rosa@example.org');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Email or password is not right.');
    await page.getByLabel('Password').fill('una contraseña larga');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Her profile says Spanish: the interface follows her, not the browser.
    await expect.poll(() => heading(page)).toBe('Bienvenida, Rosa Quispe');
    await page.getByLabel('Idioma').selectOption('fr');
    await expect.poll(() => heading(page)).toBe('Bienvenue, Rosa Quispe');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => heading(page)).toBe('Connexion');
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await context.close();
  });
});
