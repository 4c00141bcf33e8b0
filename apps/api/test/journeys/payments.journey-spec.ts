import { AddressInfo } from 'node:net';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { daysFromToday } from '../utils/ar-factories';
import { createTestApp, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(120_000);

describe('journey: pay two invoices in part, schedule a third (seed 001)', () => {
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

  it('open invoices → pay selected with a stored card → schedule another → list and calendar', async () => {
    const [org] = await t.dataSource.query(
      `SELECT o.id, o.name FROM organizations o JOIN invoices i ON i.organization_id = o.id
        WHERE i.status = 'open' GROUP BY o.id HAVING count(*) >= 3 ORDER BY o.name LIMIT 1`,
    );
    const invoices: { id: string; number: string; open_balance: string }[] =
      await t.dataSource.query(
        `SELECT id, number, open_balance FROM invoices WHERE organization_id = $1 AND status = 'open'
        ORDER BY due_date, number LIMIT 3`,
        [org.id],
      );
    const [first, second, third] = invoices;
    const { page } = browser;
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill('admin@settle.test');
    await page.getByLabel('Password').fill('settle-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    await page.goto(`${baseUrl}/organizations/${org.id}/open-invoices`);
    await page.getByLabel(`Select invoice ${first.number}`).check();
    await page.getByLabel(`Select invoice ${second.number}`).check();
    await screenshot(page, 'pay-01-open-invoices-selected');
    await page.getByRole('button', { name: 'Pay selected' }).click();

    await page.getByLabel(`Amount for ${first.number}`).fill('100.00');
    await page.getByLabel(`Amount for ${second.number}`).fill('50.25');
    await page.getByLabel('Company Visa').check();
    await screenshot(page, 'pay-02-payment-details');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Confirm payment' }).waitFor();
    await page.getByText('$150.25').first().waitFor();
    await screenshot(page, 'pay-03-summary');
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByRole('heading', { name: 'Payment confirmed' }).waitFor();
    await screenshot(page, 'pay-04-confirmed');

    const balances = async () =>
      Object.fromEntries(
        (
          await t.dataSource.query('SELECT number, open_balance FROM invoices WHERE id = ANY($1)', [
            invoices.map((i) => i.id),
          ])
        ).map((r: { number: string; open_balance: string }) => [r.number, Number(r.open_balance)]),
      );
    expect(await balances()).toEqual({
      [first.number]: Number(first.open_balance) - 10000,
      [second.number]: Number(second.open_balance) - 5025,
      [third.number]: Number(third.open_balance),
    });

    const scheduledFor = daysFromToday(5);
    await page.goto(`${baseUrl}/organizations/${org.id}/open-invoices`);
    await page.getByLabel(`Select invoice ${third.number}`).check();
    await page.getByRole('button', { name: 'Pay selected' }).click();
    await page.getByLabel(`Amount for ${third.number}`).waitFor();
    await page.getByLabel('Company Visa').check();
    await page.getByLabel('Schedule payment').check();
    await page.getByLabel('Payment date').fill(scheduledFor);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByRole('heading', { name: 'Payment scheduled' }).waitFor();
    await screenshot(page, 'pay-05-scheduled');

    const payments: { number: string; status: string; scheduled_for: string | null }[] =
      await t.dataSource.query(
        `SELECT 'PAY-' || lpad(sequence::text, 6, '0') AS number, status, scheduled_for::text
           FROM payments WHERE organization_id = $1 ORDER BY sequence`,
        [org.id],
      );
    expect(payments.map((p) => [p.status, p.scheduled_for])).toEqual([
      ['succeeded', null],
      ['scheduled', scheduledFor],
    ]);

    await page.getByRole('link', { exact: true, name: 'Payments' }).click();
    for (const p of payments) await page.getByRole('link', { name: p.number }).waitFor();
    await screenshot(page, 'pay-06-payments-list');

    await page.getByRole('link', { exact: true, name: 'Overview' }).click();
    const calendar = page.getByRole('region', { name: 'Payments calendar' });
    await calendar.waitFor();
    await calendar
      .locator(`[data-date="${daysFromToday(0)}"]`)
      .getByText(payments[0].number)
      .waitFor();
    if (scheduledFor.slice(0, 7) !== daysFromToday(0).slice(0, 7))
      await calendar.getByRole('button', { name: 'Next month' }).click();
    await calendar.locator(`[data-date="${scheduledFor}"]`).getByText(payments[1].number).waitFor();
    await calendar.scrollIntoViewIfNeeded();
    await screenshot(page, 'pay-07-calendar');
  });
});
