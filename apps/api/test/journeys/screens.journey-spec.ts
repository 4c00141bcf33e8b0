import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';

import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { daysFromToday } from '../utils/ar-factories';
import { createTestApp, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(180_000);

describe('journey: payment settings, installments, the aging report and the audit log in words', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await openBrowser({ height: 900, width: 1440 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sets a 3% fee, splits two invoices into three monthly payments, and reads it all back', async () => {
    const { page } = browser;
    await signIn(page, baseUrl);

    // Settings → Payments: the fee, saved and described in the toast
    await page.goto(`${baseUrl}/settings/payments`);
    await page.getByLabel('Charge a convenience fee on card payments').check();
    await page.getByLabel('Fee (% of the amount)').fill('3');
    await page.getByLabel('Largest fee (USD)').fill('10');
    await page.getByLabel('ACH settlement window (hours)').fill('48');
    await screenshot(page, 'screens-01-payment-settings');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(
        'Convenience fee: off → 3% on card payments, capped at $10.00. ACH settlement window: 96 → 48 hours.',
      )
      .waitFor();
    await screenshot(page, 'screens-02-payment-settings-saved');
    const info = (await page.evaluate(() =>
      fetch('/api/v1/payment-gateway', { credentials: 'include' }).then((r) => r.json()),
    )) as { convenienceFee: unknown };
    expect(info.convenienceFee).toEqual({ capMinor: 1000, enabled: true, percentBasisPoints: 300 });

    // Open Invoices → Pay in installments → review → confirm
    const [org] = await t.dataSource.query(
      `SELECT o.id FROM organizations o JOIN invoices i ON i.organization_id = o.id
        JOIN payment_methods m ON m.organization_id = o.id AND m.status = 'active' AND m.type = 'card'
        WHERE i.status = 'open' AND i.open_balance > 0 AND NOT o.convenience_fee_waived
        GROUP BY o.id HAVING count(DISTINCT i.id) >= 2 ORDER BY o.name LIMIT 1`,
    );
    const invoices: { id: string; number: string; open_balance: string }[] =
      await t.dataSource.query(
        `SELECT id, number, open_balance FROM invoices
          WHERE organization_id = $1 AND status = 'open' AND open_balance > 0
          ORDER BY due_date, number LIMIT 2`,
        [org.id],
      );
    const total = invoices.reduce((sum, i) => sum + Number(i.open_balance), 0);
    await page.goto(`${baseUrl}/organizations/${org.id}/open-invoices`);
    for (const invoice of invoices)
      await page.getByLabel(`Select invoice ${invoice.number}`).check();
    await page.getByRole('button', { name: 'Pay in installments' }).click();
    await page.getByLabel('Number of installments').fill('3');
    await page.getByLabel('Every').selectOption('month');
    // from tomorrow: a first installment dated today would be charged at once
    await page.getByLabel('First installment on').fill(daysFromToday(1));
    const card = page.locator('input[type="radio"]:not([disabled])').first();
    await card.check();
    await screenshot(page, 'screens-03-installments-plan');
    await page.getByRole('button', { name: 'Review the schedule' }).click();
    const schedule = page.getByRole('table', { name: 'Installment schedule' });
    await schedule.waitFor();
    expect(await schedule.locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'screens-04-installments-review');
    const reviewed = {
      amount: await page.getByTestId('plan-amount').innerText(),
      fee: await page.getByTestId('plan-fee').innerText(),
    };
    // nothing is booked before Confirm
    const before: number = (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM payments WHERE organization_id = $1 AND installment_plan_id IS NOT NULL`,
        [org.id],
      )
    )[0].n;
    expect(before).toBe(0);
    await page.getByRole('button', { name: 'Confirm 3 installments' }).click();
    await page.getByRole('heading', { name: 'Installments scheduled' }).waitFor();
    await screenshot(page, 'screens-05-installments-scheduled');

    const booked: { status: string; amount: string; fee: string; installment_number: number }[] =
      await t.dataSource.query(
        `SELECT status, amount, fee, installment_number FROM payments
          WHERE organization_id = $1 AND installment_plan_id IS NOT NULL ORDER BY installment_number`,
        [org.id],
      );
    expect(booked.map((p) => [p.status, p.installment_number])).toEqual([
      ['scheduled', 1],
      ['scheduled', 2],
      ['scheduled', 3],
    ]);
    expect(booked.reduce((sum, p) => sum + Number(p.amount), 0)).toBe(total);
    // the review showed what the API booked: the same split and the same 3% card fee
    const usd = (minor: number) =>
      new Intl.NumberFormat('en-US', { currency: 'USD', style: 'currency' }).format(minor / 100);
    expect(reviewed).toEqual({
      amount: usd(total),
      fee: usd(booked.reduce((sum, p) => sum + Number(p.fee), 0)),
    });
    expect(booked.every((p) => Number(p.fee) > 0)).toBe(true);
    const created = page.getByRole('table', { name: 'Scheduled installments' });
    expect(await created.getByRole('link', { name: /^PAY-/ }).count()).toBe(3);

    // Reports: the aging totals as of the MSP's day
    await page.getByRole('navigation').getByRole('link', { exact: true, name: 'Reports' }).click();
    await page.getByText(/Open balances as of .* by days past due\./).waitFor();
    await page
      .getByRole('figure', { name: /Aging chart/ })
      .locator('.recharts-surface')
      .waitFor();
    const byOrganization = page.getByRole('table', { name: 'Organizations by aging bucket' });
    await byOrganization.getByRole('link').first().waitFor();
    await screenshot(page, 'screens-06-reports-aging');
    // Download CSV: streamed by the page (with its progress), then handed to the browser as a file
    const [csvResponse, download] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/reports/aging/export'),
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csvResponse.status()).toBe(200);
    expect(csvResponse.headers()['content-type']).toMatch(/^text\/csv/);
    expect(csvResponse.headers()['content-disposition']).toMatch(
      /attachment; filename="?aging-\d{4}-\d{2}-\d{2}\.csv/,
    );
    expect(download.suggestedFilename()).toMatch(/^aging-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvText = readFileSync((await download.path())!, 'utf8');
    expect(csvText.split('\n').length).toBeGreaterThan(2);

    // The audit log in words
    await page.goto(`${baseUrl}/settings/audit-log`);
    await page.getByText('Changed the payment settings').first().waitFor();
    await page
      .getByText(/^Scheduled payment PAY-/)
      .first()
      .waitFor();
    expect(await page.getByText('settings.payments_updated').count()).toBe(0);
    await screenshot(page, 'screens-07-audit-log');
  });

  it('fits a 390 px phone: payment settings, the installment review, reports and the audit log', async () => {
    await browser.close();
    browser = await openBrowser({ height: 844, width: 390 });
    const { page } = browser;
    await signIn(page, baseUrl);

    await page.goto(`${baseUrl}/settings/payments`);
    await page.getByLabel('Fee (% of the amount)').waitFor();
    await expectNoSidewaysScroll(page, '/settings/payments');
    await screenshot(page, 'screens-phone-01-payment-settings');

    const [org] = await t.dataSource.query(
      `SELECT o.id FROM organizations o JOIN invoices i ON i.organization_id = o.id
        JOIN payment_methods m ON m.organization_id = o.id AND m.status = 'active'
        WHERE i.status = 'open' AND i.open_balance > 0
        GROUP BY o.id HAVING count(DISTINCT i.id) >= 2 ORDER BY o.name DESC LIMIT 1`,
    );
    const ids: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM invoices WHERE organization_id = $1 AND status = 'open' AND open_balance > 0
        ORDER BY due_date LIMIT 2`,
      [org.id],
    );
    await page.goto(
      `${baseUrl}/organizations/${org.id}/installments?invoices=${ids.map((i) => i.id).join(',')}`,
    );
    await page.getByLabel('Number of installments').fill('6');
    await page.getByLabel('First installment on').fill(daysFromToday(1));
    await expectNoSidewaysScroll(page, 'installments plan');
    await page.getByRole('button', { name: 'Review the schedule' }).click();
    await page.getByRole('table', { name: 'Installment schedule' }).waitFor();
    await screenshot(page, 'screens-phone-02-installments-review');
    await expectNoSidewaysScroll(page, 'installments review');

    for (const path of ['/reports', '/settings/audit-log', '/invoices?overAllocated=true']) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expectNoSidewaysScroll(page, path);
    }
    await page.goto(`${baseUrl}/reports`);
    await page
      .getByRole('figure', { name: /Aging chart/ })
      .locator('.recharts-surface')
      .waitFor();
    await screenshot(page, 'screens-phone-03-reports');
  });
});

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill('admin@settle.test');
  await page.getByLabel('Password').fill('settle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

/** The page is as wide as the screen: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const { innerWidth, scrollWidth } = await page.evaluate<{
    innerWidth: number;
    scrollWidth: number;
  }>('({ innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth })');
  expect({ where, fits: scrollWidth <= innerWidth, scrollWidth }).toEqual({
    where,
    fits: true,
    scrollWidth,
  });
}
