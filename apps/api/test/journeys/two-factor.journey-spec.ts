import { AddressInfo } from 'node:net';

import { authenticator } from 'otplib';
import { Page } from 'playwright-core';

import { Browser, openBrowser, screenshot } from './browser';
import { createTestApp, createUser, TestApp, TEST_PASSWORD } from '../utils/test-app';

jest.setTimeout(90_000);

/** The code an authenticator app shows `offsetSteps` steps of 30 s from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  authenticator.clone({ epoch: Date.now() + offsetSteps * 30_000 }).generate(secret);

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { innerWidth, scrollWidth } = await page.evaluate<{
    innerWidth: number;
    scrollWidth: number;
  }>('({ innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth })');
  expect({ fits: scrollWidth <= innerWidth, where }).toEqual({ fits: true, where });
}

describe('journey: staff two-factor sign-in', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    await createUser(t, 'admin', 'admin@settle.test');
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function passwordStep(page: Page): Promise<void> {
    await page.getByLabel('Email').fill('admin@settle.test');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('enrols with the QR code secret, signs out, and signs in again with a code', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await passwordStep(page);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Account security' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account security' }).waitFor();
    await page.getByRole('table', { name: 'Your sessions' }).waitFor();
    await screenshot(page, 'two-factor-01-account-security');

    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByAltText('QR code for your authenticator app').waitFor();
    const secret = (await page.locator('code.app-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'two-factor-02-scan-qr-code');

    const enrolmentCode = codeAt(secret);
    await page.getByLabel('2. Enter the 6-digit code the app shows').fill(enrolmentCode);
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('region', { name: 'Recovery codes' });
    await codes.waitFor();
    expect(await codes.locator('li').count()).toBe(10);
    await screenshot(page, 'two-factor-03-recovery-codes');
    await codes.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('You sign in with your password and a code').waitFor();

    // At 390 px the page still fits.
    await page.setViewportSize({ height: 844, width: 390 });
    // Loaded afresh at that width, so the folded menu does not slide shut in the screenshot.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Account security' }).waitFor();
    await page.getByRole('table', { name: 'Your sessions' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectNoSidewaysScroll(page, 'account security at 390 px');
    await screenshot(page, 'two-factor-04-account-security-phone');
    await page.setViewportSize({ height: 860, width: 1360 });

    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await passwordStep(page);
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    await screenshot(page, 'two-factor-05-second-step');

    // The code that turned 2FA on was used already.
    await code.fill(enrolmentCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('is not valid or was already used').waitFor();
    await screenshot(page, 'two-factor-06-code-refused');

    await code.fill(codeAt(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await screenshot(page, 'two-factor-07-signed-in');
  });
});
