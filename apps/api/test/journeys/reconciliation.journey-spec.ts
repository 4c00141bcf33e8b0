import { AddressInfo } from 'node:net';

import {
  eventually,
  startFakeQuickBooks,
  startFakeStripe,
  type FakeQuickBooks,
  type FakeStripe,
} from '@settle/testing';
import { Page } from 'playwright-core';

import { AccountingPushService } from '../../src/modules/integrations/accounting-push.service';
import { apiKey } from '../utils/ar-factories';
import { addMethod, fakeStripeSettings, pay } from '../utils/payment-factories';
import { connectQuickBooks } from '../utils/quickbooks';
import { createTestApp, createUser, loginAs, TestApp, TEST_PASSWORD } from '../utils/test-app';
import { Browser, expectNoSidewaysScroll, openBrowser, screenshot } from './browser';

jest.setTimeout(240_000);

const PHONE = { height: 844, width: 390 };
const DESKTOP = { height: 900, width: 1440 };

/**
 * Issue 15, reconciliation, in the browser: QuickBooks (the fake) connected, Stripe (the fake)
 * as the gateway, three card payments pushed to QuickBooks. A first run finds everything
 * matching; then someone edits a payment's amount in QuickBooks and charges the customer
 * directly in Stripe, and the next run lists both differences, explained, with what to do.
 */
describe('journey: reconciliation of Settle, QuickBooks and Stripe (issue 15)', () => {
  let t: TestApp;
  let qbo: FakeQuickBooks;
  let stripe: FakeStripe;
  let baseUrl: string;
  let browser: Browser | undefined;
  let email: string;
  let admin: string;
  let billing: string;
  let organizationId: string;
  let paymentNumbers: string[];

  const invoice = (id: string, docNumber: string, amount: number) =>
    qbo.add('Invoice', {
      Balance: amount,
      CustomerRef: { value: '1' },
      DocNumber: docNumber,
      DueDate: '2026-12-31',
      Id: id,
      TotalAmt: amount,
      TxnDate: '2026-11-01',
    });

  const sync = async (integrationId: string) => {
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

  /** A form-encoded call to the fake Stripe with the secret key, as the dashboard's API would. */
  const stripeCall = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${stripe.url}${path}`, {
      body: new URLSearchParams(form),
      headers: {
        authorization: `Bearer ${stripe.apiKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      method: 'POST',
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string };
  };

  beforeAll(async () => {
    qbo = await startFakeQuickBooks({ now: new Date(), realmId: '9130349' });
    qbo.add('Customer', { CompanyName: 'Harbor Dental', DisplayName: 'Harbor Dental', Id: '1' });
    invoice('1001', 'INV-1001', 250);
    invoice('1002', 'INV-1002', 480);
    invoice('1003', 'INV-1003', 1200);
    stripe = await startFakeStripe();

    t = await createTestApp({
      QBO_API_BASE: qbo.url,
      QBO_CLIENT_ID: qbo.clientId,
      QBO_CLIENT_SECRET: qbo.clientSecret,
      QBO_OAUTH_BASE: qbo.url,
      SETTLE_SERVE_WEB: 'true',
      STRIPE_API_BASE: stripe.url,
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    stripe.setWebhookUrl(`${baseUrl}/api/v1/webhooks/stripe`);
    ({ email } = await createUser(t, 'admin', 'admin@settle.test'));
    const session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
    await t.http
      .put('/api/v1/settings/payments')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send(fakeStripeSettings(stripe))
      .expect(200);

    const integrationId = await connectQuickBooks(t, admin, session.cookie);
    await sync(integrationId);

    organizationId = (
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

    paymentNumbers = [];
    for (const [qboId, amount] of [
      ['1001', 25_000],
      ['1002', 48_000],
      ['1003', 120_000],
    ] as const) {
      const response = await pay(t, billing, {
        allocations: [{ amount, invoiceId: settleInvoice(qboId) }],
        organizationId,
        paymentMethodId: methodId,
      });
      expect(response.status).toBe(201);
      expect(response.body.status).toBe('succeeded');
      paymentNumbers.push(response.body.number);
    }
    expect(await t.app.get(AccountingPushService).pushDue()).toEqual({
      failed: 0,
      retrying: 0,
      synced: 3,
    });
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await t?.close();
    await qbo?.close();
    await stripe?.close();
  });

  async function signIn(page: Page, path: string): Promise<void> {
    await page.goto(`${baseUrl}/login?redirectTo=${encodeURIComponent(path)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
  }

  /** The run shown has ended (completed or failed). */
  async function waitForRun(page: Page): Promise<void> {
    await page.waitForURL(/\?run=/);
    await page
      .getByRole('region', { name: 'Reconciliation results' })
      .locator('.ui-badge--success, .ui-badge--danger')
      .first()
      .waitFor({ timeout: 60_000 });
  }

  /** This month, every organization: Run reconciliation, then wait for the run to finish. */
  async function runThisMonth(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'This month' }).click();
    await page.getByRole('button', { name: 'Run reconciliation' }).click();
    await waitForRun(page);
  }

  it('a first run finds everything matching; at 1440 px', async () => {
    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, '/reconciliation');
    await page.getByRole('heading', { level: 1, name: 'Reconciliation' }).waitFor();
    await page.getByText('No reconciliation has been run yet').waitFor();
    await screenshot(page, 'reconciliation-01-start-1440');

    await runThisMonth(page);
    await page
      .getByText(
        /^Everything matches: 3 payments, \$1,930\.00, in Settle, QuickBooks and the gateway\.$/,
      )
      .waitFor();
    const settle = page.locator('.ui-stat-tile', { hasText: 'Settle' });
    expect(await settle.textContent()).toContain('$1,930.00');
    expect(await page.locator('.ui-stat-tile', { hasText: 'QuickBooks' }).textContent()).toContain(
      '$1,930.00',
    );
    await screenshot(page, 'reconciliation-02-all-match-1440');
    await expectNoSidewaysScroll(page, 'all matching at 1440');
  });

  it('explains a payment edited in QuickBooks and a charge made straight in Stripe; at 1440 px', async () => {
    // someone edits the first payment in QuickBooks: $250.00 becomes $200.00
    const first = qbo.all('Payment').find((p) => p.TotalAmt === 250)!;
    qbo.edit('Payment', first.Id, { TotalAmt: 200 });
    // and someone charges Harbor Dental $75.00 in the Stripe dashboard
    const customer: string = (
      await t.dataSource.query(
        `SELECT external_id FROM organization_links WHERE organization_id = $1 AND source = 'stripe'`,
        [organizationId],
      )
    )[0].external_id;
    const method = await stripeCall('/v1/payment_methods/pm_card_visa/attach', { customer });
    await stripeCall('/v1/payment_intents', {
      amount: '7500',
      confirm: 'true',
      currency: 'usd',
      customer,
      off_session: 'true',
      payment_method: method.id,
    });

    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, '/reconciliation');
    // Stripe answers the charges list slowly this once: the run is seen at its gateway stage
    stripe.injectFault({ method: 'GET', path: /^\/v1\/charges$/ }, { hangMs: 5_000 });
    await page.getByRole('button', { name: 'This month' }).click();
    await page.getByRole('button', { name: 'Run reconciliation' }).click();
    const stages = page.getByRole('list', { name: 'Progress' });
    await stages.locator('[data-state="current"]', { hasText: 'Stripe charges' }).waitFor();
    expect(await stages.locator('[data-state="done"]').allTextContents()).toEqual([
      '✓Settle’s paymentsDone',
      '✓QuickBooks paymentsDone',
    ]);
    await screenshot(page, 'reconciliation-03a-progress-1440');
    await waitForRun(page);

    const list = page.getByRole('list', { name: 'Differences' });
    await list.waitFor();
    const edited = list.locator('[data-kind="amount_differs_in_accounting"]');
    const outside = list.locator('[data-kind="charge_only_at_gateway"]');
    expect(await list.getByRole('listitem').count()).toBe(2);
    const editedText = await edited.textContent();
    expect(editedText).toContain(paymentNumbers[0]);
    expect(await edited.getByLabel('Amounts').textContent()).toBe(
      'Settle$250.00QuickBooks$200.00Stripe$250.00',
    );
    expect(editedText).toContain('What to do:');
    expect(await outside.getByLabel('Amounts').textContent()).toBe(
      'Settle—QuickBooks—Stripe$75.00',
    );
    expect(await outside.textContent()).toContain('What to do:');
    await page
      .locator('figure[aria-label^="Differences by kind"] .recharts-bar-rectangle')
      .first()
      .waitFor();
    await screenshot(page, 'reconciliation-03-differences-1440');
    await expectNoSidewaysScroll(page, 'differences at 1440');

    // the organization's row narrows the list to it
    await page
      .getByRole('table', { name: 'Organizations in this reconciliation' })
      .getByRole('button', { name: 'Harbor Dental' })
      .click();
    await page.getByText('Showing the differences of').waitFor();
    await screenshot(page, 'reconciliation-04-one-organization-1440');
  });

  it('shows the same run on a phone, cards and differences stacked; at 390 px', async () => {
    const runs = await t.http
      .get('/api/v1/reconciliation/runs')
      .set('authorization', billing)
      .expect(200);
    const latest = runs.body.data[0].id as string;
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, `/reconciliation?run=${latest}`);
    await page.getByRole('list', { name: 'Differences' }).waitFor();
    await page
      .locator('figure[aria-label^="Differences by kind"] .recharts-bar-rectangle')
      .first()
      .waitFor();
    await screenshot(page, 'reconciliation-05-differences-390');
    await expectNoSidewaysScroll(page, 'differences at 390');

    // from the organization's page, Reconcile opens the screen with it chosen
    await page.goto(`${baseUrl}/organizations/${organizationId}`);
    await page.getByRole('link', { name: 'Reconcile' }).click();
    await page.waitForURL(`${baseUrl}/reconciliation?organizationId=${organizationId}`);
    await page.getByText('Harbor Dental', { exact: true }).first().waitFor();
    await screenshot(page, 'reconciliation-06-organization-preselected-390');
    await expectNoSidewaysScroll(page, 'run form at 390');
  });
});
