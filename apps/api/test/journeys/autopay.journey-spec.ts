import { AddressInfo } from 'node:net';

import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { daysFromToday } from '../utils/ar-factories';
import { createTestApp, TestApp } from '../utils/test-app';
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

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill('admin@settle.test');
  await page.getByLabel('Password').fill('settle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

/** Whole days from `from` to `to` (calendar dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

describe('journey: an AutoPay rule charges a due invoice after approval (seed 000 AutoPay)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds a rule, runs AutoPay now, approves the charge; at 1440 px and 390 px', async () => {
    // an organization without rules, with an active default method and an open invoice
    const [invoice]: {
      id: string;
      number: string;
      due_date: string;
      organization_id: string;
      name: string;
    }[] = await t.dataSource.query(
      `SELECT i.id, i.number, i.due_date::text, i.organization_id, o.name
         FROM invoices i JOIN organizations o ON o.id = i.organization_id
        WHERE i.status = 'open' AND i.open_balance > 0
          AND EXISTS (SELECT 1 FROM payment_methods m WHERE m.organization_id = o.id
                       AND m.is_default AND m.status = 'active' AND m.removed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM autopay_rules r WHERE r.organization_id = o.id)
          AND NOT EXISTS (SELECT 1 FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                           WHERE a.invoice_id = i.id AND p.status IN ('scheduled', 'pending_approval', 'processing'))
        ORDER BY i.due_date DESC, i.number LIMIT 1`,
    );
    expect(invoice).toBeDefined();
    const today = daysFromToday(0);
    // the rule's date is this invoice's due date moved to today
    const days = daysBetween(invoice.due_date, today);
    expect(Math.abs(days)).toBeLessThanOrEqual(365);

    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await signIn(page, baseUrl);

    await page.goto(`${baseUrl}/organizations/${invoice.organization_id}/autopay`);
    await page.getByText('No AutoPay rules').waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const form = page.getByRole('form', { name: 'Add AutoPay rule' });
    await form.getByLabel('Days', { exact: true }).fill(String(days));
    await form.getByLabel('Needs approval', { exact: true }).selectOption('always');
    await screenshot(page, 'autopay-01-rule-form-1440');
    await form.getByRole('button', { name: 'Add rule' }).click();
    const rules = page.getByRole('list', { name: /AutoPay rules, in the order/ });
    await rules
      .getByText(/charge the organization's default method; every charge needs approval/)
      .waitFor();
    await screenshot(page, 'autopay-02-rules-1440');
    await expectNoSidewaysScroll(page, 'rules at 1440');

    // the organization's calendar shows today's AutoPay charges, yellow: they wait for approval
    const calendarDay = (p: typeof page) => p.locator(`.app-calendar__grid [data-date="${today}"]`);
    await page.goto(`${baseUrl}/organizations/${invoice.organization_id}/payments-calendar`);
    // (the rule charges the organization's other open invoices today too: the first few show)
    const forecast = calendarDay(page)
      .getByRole('link', { name: /^AutoPay INV-/ })
      .first();
    await forecast.waitFor();
    expect(await forecast.getAttribute('class')).toContain('app-cal-payment--autopay-approval');
    await screenshot(page, 'autopay-03b-calendar-forecast-1440');

    await page.goto(`${baseUrl}/invoices/${invoice.id}`);
    await page.getByText('Will charge').waitFor();
    await screenshot(page, 'autopay-03-invoice-explainer-1440');

    await page.getByRole('link', { exact: true, name: 'AutoPay' }).click();
    await page.getByRole('heading', { level: 1, name: 'AutoPay' }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page
      .getByRole('dialog', { name: 'Run AutoPay now' })
      .getByRole('button', { name: 'Run AutoPay' })
      .click();
    await page.getByText('Invoices checked').waitFor({ timeout: 60_000 });
    await screenshot(page, 'autopay-04-run-finished-1440');

    const approvals = page.getByRole('table', { name: 'Payments waiting for approval' });
    const row = approvals.getByRole('row', { name: new RegExp(invoice.name) }).first();
    await row.waitFor();
    const [pending]: { id: string; number: string }[] = await t.dataSource.query(
      `SELECT p.id, 'PAY-' || lpad(p.sequence::text, 6, '0') AS number
         FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
        WHERE a.invoice_id = $1 AND p.status = 'pending_approval'`,
      [invoice.id],
    );
    expect(pending).toBeDefined();
    await approvals.getByLabel(`Select payment ${pending.number}`).check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    const confirm = page.getByRole('dialog', { name: 'Approve 1 payment' });
    await screenshot(page, 'autopay-05-approve-confirm-1440');
    await confirm.getByRole('button', { name: /Approve and charge/ }).click();
    await page.getByText('1 payment approved').waitFor();
    await screenshot(page, 'autopay-06-approved-1440');
    const [after]: { status: string }[] = await t.dataSource.query(
      'SELECT status FROM payments WHERE id = $1',
      [pending.id],
    );
    expect(['succeeded', 'processing']).toContain(after.status);
    // charged: the calendar lists the payment on today, no longer as a forecast
    await page.goto(`${baseUrl}/organizations/${invoice.organization_id}/payments-calendar`);
    await calendarDay(page)
      .getByRole('link', { name: new RegExp(pending.number) })
      .waitFor();
    expect(
      await calendarDay(page)
        .getByRole('link', { name: `AutoPay ${invoice.number}` })
        .count(),
    ).toBe(0);
    await screenshot(page, 'autopay-06b-calendar-charged-1440');
    await browser.close();

    browser = await openBrowser(PHONE);
    const phone = browser.page;
    await signIn(phone, baseUrl);
    await phone.goto(`${baseUrl}/organizations/${invoice.organization_id}/autopay`);
    await phone.getByRole('list', { name: /AutoPay rules, in the order/ }).waitFor();
    await expectNoSidewaysScroll(phone, 'rules at 390');
    await screenshot(phone, 'autopay-07-rules-390');
    await phone.getByRole('button', { name: 'Change rule 1' }).click();
    await phone.getByRole('form', { name: 'Change AutoPay rule' }).waitFor();
    await screenshot(phone, 'autopay-08-rule-form-390');
    await phone.keyboard.press('Escape');
    await phone.goto(`${baseUrl}/autopay`);
    await phone.getByRole('table', { name: 'AutoPay runs' }).getByRole('row').nth(1).waitFor();
    await expectNoSidewaysScroll(phone, 'AutoPay page at 390');
    await screenshot(phone, 'autopay-09-page-390');
    await phone.goto(`${baseUrl}/invoices/${invoice.id}`);
    await phone.getByRole('heading', { level: 2, name: 'AutoPay' }).waitFor();
    await expectNoSidewaysScroll(phone, 'invoice at 390');
    await screenshot(phone, 'autopay-10-invoice-390');
  });
});
