import { AddressInfo } from 'node:net';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(90_000);

describe('journey: the morning A/R check (seeds 000, 002, 003)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('overview → find an organization → note → change and revoke contact access → all kept after reload', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill('admin@settle.test');
    await page.getByLabel('Password').fill('settle-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    // Seed 000's tiles and its seven companies.
    await page.getByTestId('tile-total-balance').getByText('$20,383.33').waitFor();
    await page.getByTestId('tile-total-past-due').getByText('$20,383.33').waitFor();
    await page.getByTestId('tile-open-invoices').getByText('16').waitFor();
    await page.getByTestId('tile-companies').getByText('7').waitFor();
    const arTable = page.locator('table').filter({ hasText: 'BNG Design' });
    await arTable.getByRole('link', { name: 'A. Datum Corporation' }).waitFor();
    expect(await arTable.locator('tbody tr').count()).toBe(7);
    await page.getByText('Highest Balances').waitFor();
    await page.waitForTimeout(500); // let the lazily loaded chart draw
    await screenshot(page, 'ar-01-overview');

    await page.getByPlaceholder('Find organizations').fill('Demo Comp');
    await page.getByPlaceholder('Find organizations').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await page.getByRole('link', { name: 'Demo Company' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo Company' }).waitFor();
    await screenshot(page, 'ar-02-organization-profile');

    const note = `Call before the 5th (${Date.now()})`;
    await page.getByLabel('Leave a comment').fill(note);
    await page.getByRole('button', { exact: true, name: 'Save' }).click();
    await page.getByText(note).waitFor();

    await page.goto(`${page.url().replace(/\/$/, '')}/contacts`);
    const gandalf = page.getByTestId('contact-row-gandalf@example.com');
    await gandalf.getByLabel('Access profile').selectOption({ label: 'Billing Admin' });
    await gandalf.getByRole('button', { name: 'Save' }).click();
    await gandalf.getByRole('button', { name: 'Save' }).and(page.locator(':disabled')).waitFor();
    const owner = page.getByTestId('contact-row-demo@example.com');
    await owner.getByLabel('Access profile').selectOption({ label: 'No portal access' });
    await owner.getByRole('button', { name: 'Save' }).click();
    await owner.locator('.ui-badge', { hasText: 'No portal access' }).waitFor();
    await screenshot(page, 'ar-03-contacts-changed');

    await page.reload();
    await page.getByTestId('contact-row-gandalf@example.com').waitFor();
    expect(
      await page
        .getByTestId('contact-row-gandalf@example.com')
        .getByLabel('Access profile')
        .inputValue(),
    ).not.toBe('');
    const gandalfProfile = await page
      .getByTestId('contact-row-gandalf@example.com')
      .getByLabel('Access profile')
      .locator('option:checked')
      .textContent();
    expect(gandalfProfile).toBe('Billing Admin');
    await page
      .getByTestId('contact-row-demo@example.com')
      .locator('.ui-badge', { hasText: 'No portal access' })
      .waitFor();
    await screenshot(page, 'ar-04-contacts-after-reload');

    await page.goto(page.url().replace(/\/contacts$/, ''));
    await page.getByText(note).waitFor();
    await screenshot(page, 'ar-05-profile-after-reload');
  });
});
