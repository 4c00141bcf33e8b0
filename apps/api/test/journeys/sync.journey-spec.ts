import { AddressInfo } from 'node:net';

import { startFakeConnectWise, type FakeConnectWise } from '@settle/testing';
import { Page } from 'playwright-core';

import { createTestApp, createUser, TestApp, TEST_PASSWORD } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(180_000);

const PHONE = { height: 844, width: 390 };
const DESKTOP = { height: 900, width: 1440 };

/** The page is as wide as the screen: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const { innerWidth, scrollWidth } = await page.evaluate<{
    innerWidth: number;
    scrollWidth: number;
  }>('({ innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth })');
  expect({ fits: scrollWidth <= innerWidth, where }).toEqual({ fits: true, where });
}

describe('journey: connect ConnectWise, sync it, and see what it brought (issue 14)', () => {
  let t: TestApp;
  let fake: FakeConnectWise;
  let baseUrl: string;
  let browser: Browser | undefined;
  let email: string;
  let acmeId: number;

  beforeAll(async () => {
    fake = await startFakeConnectWise({ companyId: 'msp' });
    acmeId = fake.add('companies', { name: 'Acme Dental' }).id;
    const globex = fake.add('companies', { name: 'Globex Law LLP' });
    fake.add('companies', { name: 'Paper Supplier', types: [{ id: 2, name: 'Vendor' }] });
    for (const [company, total] of [
      [acmeId, 1200],
      [acmeId, 340.5],
      [globex.id, 980],
    ] as const)
      fake.add('invoices', {
        company: { id: company, identifier: `C${company}`, name: `C${company}` },
        total,
      });
    // small pages: the run reads several of them, as a real source makes it
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true', SYNC_PAGE_SIZE: '2' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    ({ email } = await createUser(t, 'admin', 'admin@settle.test'));
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function signIn(page: Page, path: string): Promise<void> {
    await page.goto(`${baseUrl}/login?redirectTo=${encodeURIComponent(path)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
  }

  it('connects, tests, syncs now, shows chips, hides one in Entities; at 1440 px', async () => {
    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await signIn(page, '/integrations');
    await page.getByText('No integrations yet').waitFor();

    await page.getByRole('button', { name: 'Connect ConnectWise' }).first().click();
    const form = page.getByRole('form', { name: 'Connect ConnectWise' });
    await form.getByLabel('Site').fill(fake.url);
    await form.getByLabel('Company id').fill('msp');
    await form.getByLabel('Client id').fill('6ae5b3f4-58c6-4f4b-a6a8-1f1f1f1f1f1f');
    await form.getByLabel('Public key').fill(fake.publicKey);
    await form.getByLabel('Private key').fill(fake.privateKey);
    await form.getByLabel('Syncs on its own').selectOption('off');
    await form.getByLabel('Hide companies of these types (optional)').fill('Vendor');
    await screenshot(page, 'sync-01-connect-form-1440');
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('heading', { name: 'ConnectWise', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Test connection' }).click();
    const tested = page.getByRole('status', { name: 'Connection test' });
    await tested.waitFor();
    expect(await tested.textContent()).toMatch(/^Connection works\. Connected/);

    await page.getByRole('button', { name: 'Sync now' }).click();
    const runs = page.getByRole('table', { name: 'Sync runs' });
    await runs.getByText('Finished').waitFor({ timeout: 60_000 });
    const run = await runs.getByRole('row').nth(1).textContent();
    expect(run).toMatch(/Full · Sync now.*Success \(100\.0%\).*Finished/);
    await screenshot(page, 'sync-02-integration-synced-1440');
    await expectNoSidewaysScroll(page, 'integrations at 1440');

    // the companies are organizations now, each with its PSA chip; the vendor stayed out
    await page.goto(`${baseUrl}/organizations`);
    const orgs = page.getByRole('table', { name: 'Organizations' });
    await orgs.getByRole('link', { name: 'Globex Law LLP' }).waitFor();
    expect(await orgs.getByRole('link', { name: 'Paper Supplier' }).count()).toBe(0);
    await orgs.getByRole('link', { name: 'Acme Dental' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Dental' }).waitFor();
    const chips = page.getByRole('list', { name: 'Integration links' });
    const psa = chips.getByRole('link', { name: `PSA · ConnectWise ${acmeId}` });
    await psa.waitFor();
    await screenshot(page, 'sync-03-organization-chips-1440');

    // the chip opens Entities on this organization's records: the company and its invoices
    await psa.click();
    await page.getByRole('heading', { level: 1, name: 'Entities' }).waitFor();
    const entities = page.getByRole('table', { name: 'Entities' });
    await page.getByText('Records of Acme Dental').waitFor();
    await entities.getByRole('button', { name: 'Actions for Acme Dental' }).waitFor();
    expect(await entities.getByRole('row').count()).toBe(1 + 3);
    await page.getByRole('button', { name: 'Show all organizations' }).click();
    await page.getByLabel('Type').selectOption('company');
    await entities.getByText('Paper Supplier').waitFor();
    await entities.getByRole('button', { name: 'Actions for Acme Dental' }).click();
    await page.getByRole('menuitem', { name: 'Hide' }).click();
    await page.getByText('Record hidden').waitFor();
    await entities.getByRole('row', { name: /Acme Dental Hidden/ }).waitFor();
    await screenshot(page, 'sync-04-entities-hidden-1440');
    await expectNoSidewaysScroll(page, 'entities at 1440');

    // hidden in Entities: its organization leaves the list
    await page.goto(`${baseUrl}/organizations`);
    await orgs.getByRole('link', { name: 'Globex Law LLP' }).waitFor();
    expect(await orgs.getByRole('link', { name: 'Acme Dental' }).count()).toBe(0);

    await page.goto(`${baseUrl}/`);
    const status = page.getByRole('table', { name: 'Synchronization Status' });
    await status.getByRole('link', { name: 'ConnectWise' }).waitFor();
    expect(await status.getByRole('row').nth(1).textContent()).toMatch(
      /ConnectWise.*Success \(100\.0%\)Finished/,
    );
    // the whole page is in the picture: wait for the chart, the last part to draw
    await page.locator('figure[aria-label^="Highest balances"]').waitFor();
    await status.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-05-overview-status-1440');
  });

  it('shows the same screens at 390 px without sideways scrolling', async () => {
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, '/integrations');
    await page.getByRole('table', { name: 'Sync runs' }).getByText('Finished').waitFor();
    await screenshot(page, 'sync-06-integrations-390');
    await expectNoSidewaysScroll(page, 'integrations at 390');

    await page.goto(`${baseUrl}/entities?type=company`);
    await page
      .getByRole('table', { name: 'Entities' })
      .getByRole('button', { name: 'Actions for Globex Law LLP' })
      .waitFor();
    await screenshot(page, 'sync-07-entities-390');
    await expectNoSidewaysScroll(page, 'entities at 390');

    await page.goto(`${baseUrl}/`);
    await page
      .getByRole('table', { name: 'Synchronization Status' })
      .getByRole('link', { name: 'ConnectWise' })
      .waitFor();
    await screenshot(page, 'sync-08-overview-390');
    await expectNoSidewaysScroll(page, 'overview at 390');
  });
});
