import { AddressInfo } from 'node:net';

import { eventually, startFakeQuickBooks, type FakeQuickBooks } from '@settle/testing';
import { Locator, Page } from 'playwright-core';

import { AccountingPushService } from '../../src/modules/integrations/accounting-push.service';
import { apiKey } from '../utils/ar-factories';
import { addMethod, pay } from '../utils/payment-factories';
import { connectQuickBooks } from '../utils/quickbooks';
import { createTestApp, createUser, loginAs, TestApp, TEST_PASSWORD } from '../utils/test-app';
import { Browser, expectNoSidewaysScroll, openBrowser, screenshot } from './browser';

jest.setTimeout(180_000);

const PHONE = { height: 844, width: 390 };
const DESKTOP = { height: 900, width: 1440 };

interface Paid {
  id: string;
  number: string;
}

/**
 * Seed 004, Payments Failing to Sync, in the browser: three card payments pushed to QuickBooks
 * (the fake), one synced, one refused because its invoice was deleted and recreated (610), one
 * because a credit memo was applied after it. The Overview counts the two and Resolve Now lists
 * them with QuickBooks' words and the cause in staff words; Dismiss Syncing and Hide from portal
 * settle the deleted one; un-applying the credit memo lets the other sync by itself.
 *
 * QuickBooks is connected through the API (authorize → the fake's consent → callback): this
 * journey is about what happens after; the e2e sync-quickbooks covers the sign-in itself.
 */
describe('journey: payments failing to sync to QuickBooks (seed 004, issue 15)', () => {
  let t: TestApp;
  let fake: FakeQuickBooks;
  let baseUrl: string;
  let browser: Browser | undefined;
  let email: string;
  let admin: string;
  let billing: string;
  let integrationId: string;
  /** Paid and pushed: QuickBooks took it. */
  let synced: Paid;
  /** Its invoice deleted and recreated in QuickBooks before the push (610). */
  let deleted: Paid;
  /** A credit memo applied to its invoice before the push. */
  let credited: Paid;

  const invoice = (id: string, docNumber: string, amount: number) =>
    fake.add('Invoice', {
      Balance: amount,
      CustomerRef: { value: '1' },
      DocNumber: docNumber,
      DueDate: '2026-12-31',
      Id: id,
      TotalAmt: amount,
      TxnDate: '2026-11-01',
    });

  const sync = async () => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send({})
      .expect(202);
    await eventually(async () => {
      const run = await t.http
        .get(`/api/v1/sync-runs/${started.body.id}`)
        .set('authorization', admin);
      expect(run.body.status).toBe('succeeded');
    }, 30_000);
  };

  const syncState = async (paymentId: string): Promise<string> =>
    (await t.http.get(`/api/v1/payments/${paymentId}`).set('authorization', billing).expect(200))
      .body.accountingSync.status;

  beforeAll(async () => {
    fake = await startFakeQuickBooks({ now: new Date(), realmId: '9130349' });
    fake.add('Customer', { CompanyName: 'Harbor Dental', DisplayName: 'Harbor Dental', Id: '1' });
    invoice('1001', 'INV-1001', 250);
    invoice('1002', 'INV-1002', 480);
    invoice('1003', 'INV-1003', 1200);
    invoice('1004', 'INV-1004', 75.5);

    t = await createTestApp({
      QBO_API_BASE: fake.url,
      QBO_CLIENT_ID: fake.clientId,
      QBO_CLIENT_SECRET: fake.clientSecret,
      QBO_OAUTH_BASE: fake.url,
      SETTLE_SERVE_WEB: 'true',
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    ({ email } = await createUser(t, 'admin', 'admin@settle.test'));
    const session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');

    // Connect QuickBooks: authorize, the fake's consent answers straight back, the callback.
    integrationId = await connectQuickBooks(t, admin, session.cookie);
    await sync();

    const organizationId: string = (
      await t.dataSource.query(
        `SELECT organization_id FROM organization_links WHERE source = 'quickbooks' AND external_id = '1'`,
      )
    )[0].organization_id;
    const invoices: { id: string; external_id: string }[] = await t.dataSource.query(
      `SELECT id, coalesce(accounting_external_id, external_id) AS external_id FROM invoices
        WHERE source = 'quickbooks' OR accounting_source = 'quickbooks'`,
    );
    const settleInvoice = (qboId: string) => invoices.find((i) => i.external_id === qboId)!.id;
    const methodId = (await addMethod(t, admin, organizationId, 'pm_card_visa')).id;

    // Three card payments, each the whole of one invoice.
    const payInFull = async (qboId: string, amount: number): Promise<Paid> => {
      const response = await pay(t, billing, {
        allocations: [{ amount, invoiceId: settleInvoice(qboId) }],
        organizationId,
        paymentMethodId: methodId,
      });
      expect(response.status).toBe(201);
      expect(response.body.status).toBe('succeeded');
      return { id: response.body.id, number: response.body.number };
    };
    synced = await payInFull('1001', 25_000);
    deleted = await payInFull('1002', 48_000);
    credited = await payInFull('1003', 120_000);

    // Meanwhile in QuickBooks: INV-1002 deleted and recreated; a credit memo applied to INV-1003.
    fake.remove('Invoice', '1002');
    invoice('1902', 'INV-1002', 480);
    fake.add('CreditMemo', { Balance: 0, CustomerRef: { value: '1' }, Id: '501', TotalAmt: 300 });
    fake.edit('Invoice', '1003', {
      Balance: 900,
      LinkedTxn: [{ TxnId: '501', TxnType: 'CreditMemo' }],
    });

    expect(await t.app.get(AccountingPushService).pushDue()).toEqual({
      failed: 2,
      retrying: 0,
      synced: 1,
    });
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

  const failingCard = (page: Page) =>
    page.getByRole('region', { exact: true, name: 'Payments failing to sync' });
  const paymentsTable = (page: Page) => page.getByRole('table', { name: 'Payments' });
  const rowOf = (page: Page, paid: Paid): Locator =>
    paymentsTable(page)
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: paid.number }) });
  /** The Overview's last part to draw: the chart's chunk loaded and its bars drawn (no motion). */
  const chartDrawn = (page: Page) =>
    page
      .locator('figure[aria-label^="Highest balances"] .recharts-bar-rectangle')
      .first()
      .waitFor();
  const toasts = (page: Page) => page.locator('.ui-toasts');

  it('Overview → Resolve Now → the failing list with causes → Dismiss Syncing, Hide from portal; at 1440 px', async () => {
    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    // recharts draws its bars at once, not growing from zero, for the pictures
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, '/');

    // Overview: "2 Payments failing to sync" with Resolve Now
    const card = failingCard(page);
    await card.getByRole('link', { name: 'Resolve Now' }).waitFor();
    expect(await card.getByTestId('attention-Payments failing to sync').textContent()).toBe('2');
    expect(await card.textContent()).toContain('Accounting refused these payments');
    await chartDrawn(page);
    await screenshot(page, 'qbo-sync-01-overview-failing-1440');

    await card.getByRole('link', { name: 'Resolve Now' }).click();
    await page.waitForURL(`${baseUrl}/payments?accountingSync=failed`);
    await rowOf(page, deleted).waitFor();
    await rowOf(page, credited).waitFor();
    // header + the two failing; the synced one is not listed
    expect(await paymentsTable(page).getByRole('row').count()).toBe(1 + 2);
    expect(await page.getByLabel('Sync').inputValue()).toBe('failed');

    // each shows QuickBooks' own error, the cause in words and what to do
    const deletedRow = await rowOf(page, deleted).textContent();
    expect(deletedRow).toContain('Failing');
    expect(deletedRow).toContain('Invoice deleted.');
    expect(deletedRow).toMatch(/Accounting said: .*610/);
    expect(deletedRow).toContain('deleted and recreated');
    expect(deletedRow).toContain(
      'What to do: Recreate the received payment in accounting against the current invoice.',
    );
    expect(deletedRow).toContain('then Dismiss Syncing');
    const creditedRow = await rowOf(page, credited).textContent();
    expect(creditedRow).toContain('Credit memo applied.');
    expect(creditedRow).toMatch(/Accounting said: .*credit memo/);
    expect(creditedRow).toContain('What to do: Un-apply the credit memo in accounting');
    await screenshot(page, 'qbo-sync-02-failing-list-1440');
    await expectNoSidewaysScroll(page, 'failing list at 1440');

    // Dismiss Syncing the deleted one (recorded by hand in QuickBooks)
    const deletedActions = rowOf(page, deleted).getByRole('button', {
      name: `Actions for ${deleted.number}`,
    });
    await deletedActions.click();
    const menu = page.getByRole('menu');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Retry',
      'Dismiss Syncing',
      'Hide from portal',
    ]);
    await screenshot(page, 'qbo-sync-03-row-menu-1440');
    // the picture scrolled to the top; the menu stays by its button, so scroll back to it
    await deletedActions.scrollIntoViewIfNeeded();
    await menu.getByRole('menuitem', { name: 'Dismiss Syncing' }).click();
    const dismissDialog = page.getByRole('dialog', { name: 'Dismiss syncing' });
    await dismissDialog.waitFor();
    expect(await dismissDialog.textContent()).toContain(
      `Stop sending ${deleted.number} to accounting for good?`,
    );
    await screenshot(page, 'qbo-sync-04-dismiss-confirm-1440');
    await dismissDialog.getByRole('button', { name: 'Dismiss Syncing' }).click();
    await toasts(page)
      .getByText(`Settle no longer sends ${deleted.number} to accounting.`)
      .waitFor();
    await dismissDialog.waitFor({ state: 'hidden' });
    // it leaves the failing list; the credit memo's stays
    await rowOf(page, deleted).waitFor({ state: 'detached' });
    await rowOf(page, credited).waitFor();
    expect(await paymentsTable(page).getByRole('row').count()).toBe(1 + 1);
    await screenshot(page, 'qbo-sync-05-dismissed-toast-1440');
    expect(await syncState(deleted.id)).toBe('dismissed');

    // its detail says dismissed; hide it from the portal there
    await page.goto(`${baseUrl}/payments/${deleted.id}`);
    const syncCard = page.getByRole('region', { name: 'Accounting sync' });
    await syncCard.locator('[data-accounting-sync="dismissed"]').waitFor();
    expect(await syncCard.locator('[data-accounting-sync]').textContent()).toBe('Dismissed');
    const history = syncCard.getByRole('list', { name: 'Accounting sync history' });
    await history.waitFor();
    expect(await history.textContent()).toMatch(/dismiss/i);
    await syncCard.getByRole('button', { name: `Actions for ${deleted.number}` }).click();
    // dismissed: nothing left to retry or dismiss
    expect(await page.getByRole('menu').getByRole('menuitem').allTextContents()).toEqual([
      'Hide from portal',
    ]);
    await page.getByRole('menuitem', { name: 'Hide from portal' }).click();
    const hideDialog = page.getByRole('dialog', { name: 'Hide from portal' });
    expect(await hideDialog.textContent()).toContain(
      `Hide ${deleted.number} from Harbor Dental's customer portal?`,
    );
    await screenshot(page, 'qbo-sync-06-hide-confirm-1440');
    await hideDialog.getByRole('button', { name: 'Hide', exact: true }).click();
    await toasts(page).getByText(`${deleted.number} is hidden from the customer portal.`).waitFor();
    await syncCard.getByText('Hidden from the customer portal').waitFor();
    await screenshot(page, 'qbo-sync-07-dismissed-hidden-detail-1440');
    await expectNoSidewaysScroll(page, 'payment detail at 1440');
  });

  it('shows the failing list and its menu at 390 px without sideways scrolling', async () => {
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, '/payments?accountingSync=failed');
    await rowOf(page, credited).waitFor();
    expect(await paymentsTable(page).getByRole('row').count()).toBe(1 + 1);
    expect(await rowOf(page, credited).textContent()).toContain('Credit memo applied.');
    await screenshot(page, 'qbo-sync-08-failing-list-390');
    await expectNoSidewaysScroll(page, 'failing list at 390');

    const actions = rowOf(page, credited).getByRole('button', {
      name: `Actions for ${credited.number}`,
    });
    await actions.scrollIntoViewIfNeeded();
    // the cause and what to do wrap in their column, clear of the menu's button
    const problem = (await rowOf(page, credited)
      .locator('.app-accounting-sync-problem')
      .boundingBox())!;
    const button = (await actions.boundingBox())!;
    expect(problem.x + problem.width).toBeLessThanOrEqual(button.x);
    expect(problem.width).toBeGreaterThan(180);
    await actions.click();
    const menu = page.getByRole('menu');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Retry',
      'Dismiss Syncing',
      'Hide from portal',
    ]);
    await expectNoSidewaysScroll(page, 'failing list with its menu open at 390');
    await screenshot(page, 'qbo-sync-09-menu-390');
  });

  it('un-applying the credit memo in QuickBooks lets the payment sync by itself; the Overview clears; at 1440 px', async () => {
    expect(await syncState(credited.id)).toBe('failed');
    fake.edit('Invoice', '1003', { Balance: 1200, LinkedTxn: [] });
    await sync();
    await t.app.get(AccountingPushService).pushDue();
    await eventually(async () => expect(await syncState(credited.id)).toBe('synced'), 20_000);
    expect(fake.get('Invoice', '1003')!.Balance).toBe(0);
    expect(await syncState(synced.id)).toBe('synced');

    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    // recharts draws its bars at once, not growing from zero, for the pictures
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, `/payments/${credited.id}`);
    const syncCard = page.getByRole('region', { name: 'Accounting sync' });
    await syncCard.locator('[data-accounting-sync="synced"]').waitFor();
    expect(await syncCard.textContent()).not.toContain('Credit memo applied.');
    await screenshot(page, 'qbo-sync-10-credit-memo-synced-1440');

    await page.goto(`${baseUrl}/payments?accountingSync=failed`);
    await page.getByText('No payments are failing to sync to accounting.').waitFor();
    await screenshot(page, 'qbo-sync-11-failing-list-empty-1440');

    await page.goto(`${baseUrl}/`);
    const card = failingCard(page);
    await card.getByText('All clear.').waitFor();
    expect(await card.getByRole('link', { name: 'Resolve Now' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Many payments failing to sync' }).count()).toBe(
      0,
    );
    await chartDrawn(page);
    await screenshot(page, 'qbo-sync-12-overview-clear-1440');
  });
});
