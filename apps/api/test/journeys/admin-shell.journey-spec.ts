import { AddressInfo } from 'node:net';

import { Browser, openBrowser, screenshot } from './browser';
import { createTestApp, createUser, TestApp } from '../utils/test-app';

jest.setTimeout(60_000);

describe('journey: staff sign in, find their way around, sign out', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    await createUser(t, 'admin', 'admin@settle.test');
    await createUser(t, 'viewer', 'viewer@settle.test');
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a wrong password, then signs in, visits every section and signs out', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/organizations`);
    await page.waitForURL(/\/login\?redirectTo=/);
    await page.getByLabel('Email').fill('admin@settle.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Invalid email or password').waitFor();
    await screenshot(page, 'admin-01-login-failed');

    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();

    const sections = [
      'Overview',
      'Organizations',
      'Payments',
      'AutoPay',
      'Integrations',
      'Entities',
      'Reports',
      'Settings',
    ];
    for (const [index, name] of sections.entries()) {
      await page.getByRole('navigation').getByRole('link', { exact: true, name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await screenshot(page, `admin-${String(index + 2).padStart(2, '0')}-${name.toLowerCase()}`);
    }

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('cell', { name: 'viewer@settle.test' }).waitFor();
    await screenshot(page, 'admin-10-settings-users');

    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'admin-11-logged-out');

    // The session really ended: going back to a page asks for credentials again.
    await page.goto(`${baseUrl}/payments`);
    await page.waitForURL(/\/login/);
  });

  it('serves the customer portal at /portal with its own sign-in page', async () => {
    const { page } = browser;
    // nobody is signed in to the portal (a staff session does not count): its sign-in page
    await page.goto(`${baseUrl}/portal`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/portal/login`);
    await screenshot(page, 'portal-01-login');
  });
});
