import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';

import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { AccountingSyncService } from '../../src/modules/payments';
import { SettingsService } from '../../src/modules/settings';
import { apiKey } from '../utils/ar-factories';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(180_000);

const PHONE = { height: 844, width: 390 };
const DESKTOP = { height: 900, width: 1440 };

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

describe('journey: payments failing to sync (seed 004), on a phone and on a 1440 px screen', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;
  const failing: { id: string; number: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const session = await loginAs(t, 'admin');
    const bearer = await apiKey(t, session.cookie, session.csrf, 'admin');
    await t.dataSource.transaction((manager) =>
      t.app.get(SettingsService).setAccountingPushActive(manager, true),
    );
    // Two card payments on demo invoices, refused by accounting: a credit memo, a deleted invoice.
    const invoices: { id: string; organization_id: string }[] = await t.dataSource.query(
      `SELECT i.id, i.organization_id FROM invoices i
        WHERE i.status = 'open' AND i.open_balance >= 5000 ORDER BY i.number LIMIT 2`,
    );
    for (const invoice of invoices) {
      const method = await t.http
        .post(`/api/v1/organizations/${invoice.organization_id}/payment-methods`)
        .set('authorization', bearer)
        .send({ token: 'pm_card_visa' })
        .expect(201);
      const paid = await t.http
        .post('/api/v1/payments')
        .set('authorization', bearer)
        .set('idempotency-key', randomUUID())
        .send({
          allocations: [{ amount: 5000, invoiceId: invoice.id }],
          organizationId: invoice.organization_id,
          paymentMethodId: method.body.id,
        })
        .expect(201);
      failing.push({ id: paid.body.id, number: paid.body.number });
    }
    const sync = t.app.get(AccountingSyncService);
    await sync.claimAccountingPushes(10);
    await sync.recordAccountingPush(failing[0].id, {
      cause: 'credit_memo_applied',
      error: 'The amount applied (50.00) exceeds the balance of the invoice (0.00).',
      kind: 'failed',
      retryable: false,
    });
    await sync.recordAccountingPush(failing[1].id, {
      cause: 'invoice_deleted',
      error: 'Object Not Found: Something you’re trying to use has been made inactive.',
      kind: 'failed',
      retryable: false,
    });
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('resolves them from the Overview on a 1440 px screen: Retry, Dismiss Syncing, Hide', async () => {
    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await signIn(page, baseUrl);
    const card = page.getByRole('region', { exact: true, name: 'Payments failing to sync' });
    await card.getByText('Resolve Now').waitFor();
    expect(await card.getByTestId('attention-Payments failing to sync').textContent()).toBe('2');
    await screenshot(page, 'accounting-sync-01-overview-1440');
    await card.getByRole('link', { name: 'Resolve Now' }).click();
    const table = page.getByRole('table', { name: 'Payments' });
    const row = table.getByRole('row', { name: new RegExp(failing[0].number) });
    await row.getByText('What to do: Un-apply the credit memo', { exact: false }).waitFor();
    await expectNoSidewaysScroll(page, 'failing list 1440');
    await screenshot(page, 'accounting-sync-02-failing-1440');

    await row.getByRole('button', { name: `Actions for ${failing[0].number}` }).click();
    await page.getByRole('menuitem', { name: 'Retry' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await page.getByText(`${failing[0].number} is waiting to sync to accounting again.`).waitFor();

    const other = table.getByRole('row', { name: new RegExp(failing[1].number) });
    await other.getByRole('button', { name: `Actions for ${failing[1].number}` }).click();
    await page.getByRole('menuitem', { name: 'Dismiss Syncing' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Dismiss Syncing' }).click();
    await page.getByText(`Settle no longer sends ${failing[1].number} to accounting.`).waitFor();
    await screenshot(page, 'accounting-sync-03-resolved-1440');
    const [row1] = await t.dataSource.query(
      `SELECT accounting_sync_status AS status FROM payments WHERE id = $1`,
      [failing[1].id],
    );
    expect(row1.status).toBe('dismissed');
  });

  it('reads a failing payment and hides it from the portal on a 390 px phone', async () => {
    await t.app.get(AccountingSyncService).claimAccountingPushes(10);
    await t.app.get(AccountingSyncService).recordAccountingPush(failing[0].id, {
      cause: 'credit_memo_applied',
      error: 'The amount applied (50.00) exceeds the balance of the invoice (0.00).',
      kind: 'failed',
      retryable: false,
    });
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, baseUrl);
    await page.getByRole('region', { exact: true, name: 'Payments failing to sync' }).waitFor();
    await expectNoSidewaysScroll(page, 'overview 390');
    await page.goto(`${baseUrl}/payments?accountingSync=failed`);
    const row = page
      .getByRole('table', { name: 'Payments' })
      .getByRole('row', { name: new RegExp(failing[0].number) });
    await row.waitFor();
    await expectNoSidewaysScroll(page, 'failing list 390');
    await screenshot(page, 'accounting-sync-04-failing-390');

    await page.goto(`${baseUrl}/payments/${failing[0].id}`);
    const sync = page.getByRole('region', { name: 'Accounting sync' });
    await sync.getByRole('list', { name: 'Accounting sync history' }).waitFor();
    await expectNoSidewaysScroll(page, 'payment detail 390');
    await sync.getByRole('button', { name: `Actions for ${failing[0].number}` }).click();
    await page.getByRole('menuitem', { name: 'Hide from portal' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Hide' }).click();
    await page.getByText(`${failing[0].number} is hidden from the customer portal.`).waitFor();
    await sync.getByText('Hidden from the customer portal').waitFor();
    await screenshot(page, 'accounting-sync-05-detail-390');
  });
});
