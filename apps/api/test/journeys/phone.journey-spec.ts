import { AddressInfo } from 'node:net';

import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';
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
  const fits = scrollWidth <= innerWidth;
  expect({ fits, innerWidth, scrollWidth, where }).toEqual({
    fits: true,
    innerWidth,
    scrollWidth,
    where,
  });
}

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill('admin@settle.test');
  await page.getByLabel('Password').fill('settle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

describe('journey: a billing person on a phone (390 px), then on a 1440 px screen', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;
  let org: { id: string; name: string };
  let invoices: { id: string; number: string }[];

  beforeAll(async () => {
    // The webhooks screen shows an endpoint on this machine (no delivery is made to it).
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true', SETTLE_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    [org] = await t.dataSource.query(
      `SELECT o.id, o.name FROM organizations o JOIN invoices i ON i.organization_id = o.id
        WHERE i.status = 'open' GROUP BY o.id HAVING count(*) >= 2 ORDER BY o.name LIMIT 1`,
    );
    invoices = await t.dataSource.query(
      `SELECT id, number FROM invoices WHERE organization_id = $1 AND status = 'open'
        ORDER BY due_date, number`,
      [org.id],
    );
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds an organization, pays an invoice and reads the payments without sideways scrolling', async () => {
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, baseUrl);
    await page.getByRole('region', { name: 'Payments calendar' }).waitFor();
    await expectNoSidewaysScroll(page, 'overview');
    await screenshot(page, 'phone-01-overview');

    // the menu is folded behind a button; Escape folds it again
    const menu = page.getByRole('button', { name: 'Main menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Payments' }).isVisible()).toBe(false);
    await menu.click();
    await nav.getByRole('link', { name: 'Payments' }).waitFor({ state: 'visible' });
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'phone-02-menu');
    await page.keyboard.press('Escape');
    await nav.getByRole('link', { name: 'Payments' }).waitFor({ state: 'hidden' });

    // the top bar's search suggests the organization as it is typed
    const search = page.getByRole('combobox', { name: 'Find organizations' });
    await search.fill(org.name.slice(0, 6));
    const suggestion = page.getByRole('option', { name: new RegExp(`^${org.name}`) });
    await suggestion.waitFor();
    await screenshot(page, 'phone-03-search');
    await suggestion.click();
    await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
    await page.getByRole('heading', { name: 'Organization Details' }).waitFor();
    await expectNoSidewaysScroll(page, 'organization');
    await screenshot(page, 'phone-04-organization');

    await page
      .getByRole('navigation', { name: 'Organization sections' })
      .getByRole('link', { name: /Open Invoices/ })
      .click();
    const [first] = invoices;
    await page.getByLabel(`Select invoice ${first!.number}`).waitFor();
    await expectNoSidewaysScroll(page, 'open invoices');
    await screenshot(page, 'phone-05-open-invoices');

    await page.getByLabel(`Select invoice ${first!.number}`).check();
    await page.getByRole('button', { name: 'Pay selected' }).click();
    await page.getByLabel(`Amount for ${first!.number}`).fill('10.00');
    await page.getByLabel('Company Visa').check();
    await expectNoSidewaysScroll(page, 'pay: payment details');
    await screenshot(page, 'phone-06-pay-details');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Confirm payment' }).waitFor();
    await expectNoSidewaysScroll(page, 'pay: summary');
    await screenshot(page, 'phone-07-pay-summary');
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByRole('heading', { name: 'Payment confirmed' }).waitFor();
    await expectNoSidewaysScroll(page, 'pay: confirmed');
    await screenshot(page, 'phone-08-pay-confirmed');

    const [paid] = await t.dataSource.query(
      `SELECT 'PAY-' || lpad(sequence::text, 6, '0') AS number, status FROM payments
        WHERE organization_id = $1`,
      [org.id],
    );
    expect(paid.status).toBe('succeeded');

    // following a menu link closes the menu
    await menu.click();
    await nav.getByRole('link', { exact: true, name: 'Payments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('link', { name: paid.number }).waitFor();
    await expectNoSidewaysScroll(page, 'payments');
    await screenshot(page, 'phone-09-payments');

    await page.getByRole('link', { name: paid.number }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(paid.number) }).waitFor();
    await expectNoSidewaysScroll(page, 'payment detail');
    await screenshot(page, 'phone-10-payment');

    // the calendar is a list of days on a phone, today's payment in it
    await menu.click();
    await nav.getByRole('link', { name: 'Overview' }).click();
    const calendar = page.getByRole('region', { name: 'Payments calendar' });
    await calendar.getByRole('link', { name: new RegExp(paid.number) }).waitFor();
    expect(await calendar.getByRole('columnheader').first().isVisible()).toBe(false);
    await calendar.scrollIntoViewIfNeeded();
    await expectNoSidewaysScroll(page, 'overview calendar');
    await screenshot(page, 'phone-11-calendar');
  });

  it('fits every other staff page into 390 px', async () => {
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, baseUrl);
    const [payment] = await t.dataSource.query('SELECT id FROM payments LIMIT 1');
    const sections = [
      'contacts',
      'balance',
      'credits',
      'pending-payments',
      'scheduled-payments',
      'payments-calendar',
      'payment-methods',
      'autopay',
      'invoice-history',
      'transaction-history',
    ];
    const pages = [
      '/organizations',
      ...sections.map((s) => `/organizations/${org.id}/${s}`),
      ...(payment ? [`/payments/${payment.id}`] : []),
      '/ach-returns',
      '/payment-methods/locked',
      '/autopay',
      '/integrations',
      '/entities',
      '/reports',
      ...['transactions', 'collected', 'dso', 'autopay', 'methods', 'portal'].map(
        (report) => `/reports?report=${report}`,
      ),
      '/reconciliation',
      '/invoices?overAllocated=true',
      '/settings',
      '/settings/payments',
      '/settings/users',
      '/settings/access-profiles',
      '/settings/api-keys',
      '/settings/webhooks',
      '/settings/audit-log',
    ];
    for (const path of pages) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // A report's table is drawn once its figures arrive: measure the page with it.
      if (path.startsWith('/reports?')) await page.getByRole('table').first().waitFor();
      await expectNoSidewaysScroll(page, path);
    }
  });

  it('fits the webhooks screen, an endpoint and its delivery log into 390 px', async () => {
    const admin = await loginAs(t, 'admin');
    await t.http
      .post('/api/v1/webhook-endpoints')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({
        description: 'Accounting sync with a rather long description to wrap',
        events: ['payment.succeeded', 'payment.failed', 'payment.refunded', 'payment.returned'],
        url: 'http://127.0.0.1:9/a/rather/long/path/for/the/settle/webhook/receiver?tenant=acme',
      })
      .expect(201);
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, baseUrl);
    await page.goto(`${baseUrl}/settings/webhooks`);
    await page
      .getByRole('table', { name: 'Webhook endpoints' })
      .getByText('Accounting sync')
      .waitFor();
    await expectNoSidewaysScroll(page, 'webhooks');
    await screenshot(page, 'phone-12-webhooks');
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByRole('table', { name: 'Webhook deliveries' }).waitFor();
    await expectNoSidewaysScroll(page, 'webhook deliveries');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('dialog', { name: 'Add webhook endpoint' }).waitFor();
    await expectNoSidewaysScroll(page, 'add webhook endpoint');
    await screenshot(page, 'phone-13-webhook-form');
  });

  it('shows the same pages at 1440 px with the sidebar open', async () => {
    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await signIn(page, baseUrl);
    expect(await page.getByRole('button', { name: 'Main menu' }).isVisible()).toBe(false);
    await page.getByRole('region', { name: 'Payments calendar' }).waitFor();
    await expectNoSidewaysScroll(page, 'overview');
    await screenshot(page, 'desktop-01-overview');

    await page.goto(`${baseUrl}/organizations/${org.id}`);
    await page.getByRole('heading', { name: 'Organization Details' }).waitFor();
    await expectNoSidewaysScroll(page, 'organization');
    await screenshot(page, 'desktop-02-organization');

    await page.goto(`${baseUrl}/organizations/${org.id}/open-invoices`);
    const [, second] = invoices;
    await page.getByLabel(`Select invoice ${second!.number}`).check();
    await expectNoSidewaysScroll(page, 'open invoices');
    await screenshot(page, 'desktop-03-open-invoices');
    await page.getByRole('button', { name: 'Pay selected' }).click();
    await page.getByLabel(`Amount for ${second!.number}`).waitFor();
    await page.getByLabel('Company Visa').check();
    await screenshot(page, 'desktop-04-pay-details');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Payments' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    await page.getByRole('link', { name: /^PAY-/ }).first().waitFor();
    await expectNoSidewaysScroll(page, 'payments');
    await screenshot(page, 'desktop-05-payments');

    for (const [index, report] of ['transactions', 'collected', 'autopay'].entries()) {
      await page.goto(`${baseUrl}/reports?report=${report}`);
      await page.getByRole('table').first().waitFor();
      await expectNoSidewaysScroll(page, `reports ${report}`);
      await screenshot(page, `desktop-${String(6 + index).padStart(2, '0')}-reports-${report}`);
    }
  });
});
