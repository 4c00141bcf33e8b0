import { AddressInfo } from 'node:net';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(120_000);

describe('journey: pay an invoice in full; it leaves Open Invoices and waits for accounting', () => {
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

  it('open invoices → pay one in full with a stored card → gone from the list and the count → its page says paid, waiting for accounting', async () => {
    const [org] = await t.dataSource.query(
      `SELECT o.id, o.name FROM organizations o JOIN invoices i ON i.organization_id = o.id
        WHERE i.status = 'open' AND i.open_balance > 0
        GROUP BY o.id HAVING count(*) >= 2 ORDER BY o.name LIMIT 1`,
    );
    const [invoice]: {
      id: string;
      number: string;
      open_balance: string;
      source_balance: string;
    }[] = await t.dataSource.query(
      `SELECT id, number, open_balance, source_balance FROM invoices
        WHERE organization_id = $1 AND status = 'open' AND open_balance > 0
        ORDER BY due_date, number LIMIT 1`,
      [org.id],
    );
    const openCount = async (): Promise<number> =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM invoices
            WHERE organization_id = $1 AND status = 'open' AND open_balance > 0`,
          [org.id],
        )
      )[0].n;
    const before = await openCount();
    const dollars = (minor: string | number) =>
      `$${(Number(minor) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

    const { page } = browser;
    await page.setViewportSize({ height: 900, width: 1440 });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill('admin@settle.test');
    await page.getByLabel('Password').fill('settle-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    // The menu's count and the list's rows agree before the payment.
    await page.goto(`${baseUrl}/organizations/${org.id}/open-invoices`);
    const menu = page.getByRole('navigation', { name: 'Organization sections' });
    const list = page.getByRole('table', { name: 'Open Invoices' });
    await menu.getByRole('link', { name: `Open Invoices (${before})` }).waitFor();
    await list.getByLabel(`Select invoice ${invoice.number}`).waitFor();
    expect(await list.getByRole('checkbox', { name: /^Select invoice / }).count()).toBe(before);

    await list.getByLabel(`Select invoice ${invoice.number}`).check();
    await screenshot(page, 'invoices-01-open-invoices-selected');
    await page.getByRole('button', { name: 'Pay selected' }).click();

    // The amount starts at the whole open balance: pay it in full.
    const amount = page.getByLabel(`Amount for ${invoice.number}`);
    await amount.waitFor();
    expect(await amount.inputValue()).toBe((Number(invoice.open_balance) / 100).toFixed(2));
    await page.getByLabel('Company Visa').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByRole('heading', { name: 'Payment confirmed' }).waitFor();
    await screenshot(page, 'invoices-02-payment-confirmed');

    const [after] = await t.dataSource.query(
      'SELECT status, open_balance, source_balance FROM invoices WHERE id = $1',
      [invoice.id],
    );
    expect({ ...after, open_balance: Number(after.open_balance) }).toEqual({
      open_balance: 0,
      source_balance: invoice.source_balance,
      status: 'open',
    });
    const [payment] = await t.dataSource.query(
      `SELECT p.id, 'PAY-' || lpad(p.sequence::text, 6, '0') AS number, p.status
         FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
        WHERE a.invoice_id = $1`,
      [invoice.id],
    );
    expect(payment.status).toBe('succeeded');

    // Gone from Open Invoices, and the count went down with it.
    await page.getByRole('link', { name: 'Back to open invoices' }).click();
    await menu.getByRole('link', { name: `Open Invoices (${before - 1})` }).waitFor();
    await list
      .getByRole('checkbox', { name: /^Select invoice / })
      .first()
      .waitFor();
    expect(await list.getByRole('checkbox', { name: /^Select invoice / }).count()).toBe(before - 1);
    expect(await list.getByText(invoice.number, { exact: true }).count()).toBe(0);
    await screenshot(page, 'invoices-03-open-invoices-after');

    // Invoice History still has it, and opens its page.
    await menu.getByRole('link', { name: 'Invoice History' }).click();
    const history = page.getByRole('table', { name: 'Invoice History' });
    const row = history.getByRole('row').filter({ hasText: invoice.number });
    await row.getByText('Paid — waiting for accounting').waitFor();
    await row.getByRole('link', { exact: true, name: invoice.number }).click();

    const heading = page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` });
    await heading.waitFor();
    await heading.getByText('Paid — waiting for accounting').waitFor();
    expect(await heading.getByText('Past due').count()).toBe(0);
    await page.getByTestId('invoice-open-balance').getByText('$0.00').waitFor();
    await page
      .getByTestId('invoice-source-balance')
      .getByText(dollars(invoice.source_balance))
      .waitFor();
    const applied = page.getByRole('table', { name: 'Payments applied' });
    const paymentRow = applied.getByRole('row').filter({ hasText: payment.number });
    await paymentRow.getByText('Succeeded').waitFor();
    await paymentRow.getByText(dollars(invoice.open_balance)).waitFor();
    expect(await paymentRow.getByRole('link', { name: payment.number }).getAttribute('href')).toBe(
      `/payments/${payment.id}`,
    );
    expect(await page.getByRole('link', { name: /^Pay invoice/ }).count()).toBe(0);
    // the timeline tells of the payment, with a link to it
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByRole('link', { name: payment.number }).first().waitFor();
    await screenshot(page, 'invoices-04-detail-1440');

    await page.setViewportSize({ height: 844, width: 390 });
    await page.reload();
    await heading.getByText('Paid — waiting for accounting').waitFor();
    await timeline.getByRole('link', { name: payment.number }).first().waitFor();
    await page.waitForLoadState('networkidle');
    // stacked on a phone: nothing makes the page scroll sideways
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await screenshot(page, 'invoices-05-detail-390');
  });
});
