import { AddressInfo } from 'node:net';

import { readFile } from 'node:fs/promises';

import { startTestSmtpServer, TestSmtpServer } from '@settle/testing';
import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { apiKey, daysFromToday } from '../utils/ar-factories';
import { pay } from '../utils/payment-factories';
import { accessProfileIds, addContact, PORTAL_PASSWORD } from '../utils/portal-factories';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(180_000);

const PHONE = { height: 844, width: 390 };

/** The page is as wide as the screen: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { innerWidth, scrollWidth } = await page.evaluate<{
    innerWidth: number;
    scrollWidth: number;
  }>('({ innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth })');
  expect({ fits: scrollWidth <= innerWidth, where }).toEqual({ fits: true, where });
}

describe('journey: a customer contact on a phone accepts the emailed invitation and pays two invoices, one in part', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    // the catcher every email goes to, as `npm start`'s embedded one does
    smtp = await startTestSmtpServer();
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '200',
      SETTLE_SERVE_WEB: 'true',
      SMTP_URL: smtp.url,
    });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await openBrowser(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  /** The first message to `address` whose subject matches, once the catcher has it. */
  async function mailTo(address: string, subject: RegExp) {
    for (let waited = 0; ; waited += 200) {
      const found = smtp.messages.find(
        (m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''),
      );
      if (found) return found;
      if (waited > 20_000) throw new Error(`No email to ${address} matching ${subject}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('invitation from the catcher → balance → two invoices, one partly → quote → confirm → receipt → history → reschedule → statement', async () => {
    const [org] = await t.dataSource.query(
      `SELECT o.id, o.name FROM organizations o JOIN invoices i ON i.organization_id = o.id
        WHERE i.status = 'open' AND i.open_balance > 10000
          AND EXISTS (SELECT 1 FROM payment_methods m WHERE m.organization_id = o.id)
        GROUP BY o.id HAVING count(*) >= 2 ORDER BY o.name LIMIT 1`,
    );
    const invoices: { id: string; number: string; open_balance: string }[] =
      await t.dataSource.query(
        `SELECT id, number, open_balance FROM invoices
          WHERE organization_id = $1 AND status = 'open' AND open_balance > 10000
          ORDER BY due_date, number LIMIT 2`,
        [org.id],
      );
    const [first, second] = invoices;
    const admin = await loginAs(t, 'admin');
    const bearer = await apiKey(t, admin.cookie, admin.csrf);
    const profiles = await accessProfileIds(t, bearer);
    const contact = await addContact(t, bearer, org.id, profiles['Billing Admin']);
    // staff invite the contact; the invitation arrives in the catcher with its link
    await t.http
      .post(`/api/v1/organizations/${org.id}/contacts/${contact.id}/welcome`)
      .set('authorization', bearer)
      .expect(202);
    const invitation = await mailTo(contact.email, /billing portal for/);
    const link = /https?:\/\/\S+\/accept-invitation\?token=[^\s>"]+/.exec(
      invitation.parsed.text ?? '',
    )?.[0];
    expect(link).toBeDefined();
    // the link names the configured public address; this test's server listens elsewhere
    const { pathname, search } = new URL(link!);

    const { page } = browser;
    // someone without a login asks for one from the sign-in page; staff are emailed
    await page.goto(`${baseUrl}/portal/login`);
    await page.getByRole('link', { name: 'Request access' }).click();
    const requestForm = page.getByRole('form', { name: 'Request access' });
    await requestForm.getByLabel('Your name').fill('Sam Rivera');
    await requestForm.getByLabel('Email').fill('sam@newcustomer.example');
    await requestForm.getByLabel('Company').fill(org.name);
    await requestForm.getByLabel('Message (optional)').fill('I took over accounts payable.');
    await requestForm.getByRole('button', { name: 'Request access' }).click();
    await page.getByText('Your request was sent to the billing team.', { exact: false }).waitFor();
    await expectNoSidewaysScroll(page, 'request access');
    await screenshot(page, 'portal-pay-00a-request-access');
    const [adminAddress] = await t.dataSource.query(
      `SELECT email FROM users WHERE role = 'admin' AND NOT disabled ORDER BY email LIMIT 1`,
    );
    const staffNote = await mailTo(adminAddress.email, /^Sam Rivera asks for portal access/);
    expect(staffNote.parsed.text).toContain('sam@newcustomer.example');

    await page.goto(`${baseUrl}${pathname}${search}`);
    await page.getByLabel('New password').fill(PORTAL_PASSWORD);
    await page.getByLabel('Confirm password').fill(PORTAL_PASSWORD);
    await expectNoSidewaysScroll(page, 'accept invitation');
    await screenshot(page, 'portal-pay-00-accept-invitation');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Balance' }).waitFor();
    await page
      .getByRole('list', { name: 'Recent payments' })
      .or(page.getByText('No payments yet'))
      .waitFor();
    await expectNoSidewaysScroll(page, 'balance');
    await screenshot(page, 'portal-pay-01-balance');

    await page.getByRole('link', { exact: true, name: 'Open Invoices' }).click();
    await page.getByLabel(`Pay invoice ${first.number}`).check();
    await page.getByLabel(`Pay invoice ${second.number}`).check();
    await page.getByLabel(`Amount to pay on invoice ${second.number}`).fill('50.25');
    await expectNoSidewaysScroll(page, 'open invoices');
    await screenshot(page, 'portal-pay-02-open-invoices-selected');
    await page.getByRole('button', { exact: true, name: 'Pay' }).click();

    await page.getByRole('radio', { name: /Company Visa/ }).check();
    await expectNoSidewaysScroll(page, 'pay details');
    await screenshot(page, 'portal-pay-03-pay-details');
    await page.getByRole('button', { name: 'Review payment' }).click();
    await page.getByRole('heading', { name: 'Confirm your payment' }).waitFor();
    await expectNoSidewaysScroll(page, 'pay summary');
    await screenshot(page, 'portal-pay-04-pay-summary');
    await page
      .getByRole('button', { name: /^(Pay|Confirm)/ })
      .last()
      .click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await expectNoSidewaysScroll(page, 'pay result');
    await screenshot(page, 'portal-pay-05-paid');

    const balances = Object.fromEntries(
      (
        await t.dataSource.query('SELECT number, open_balance FROM invoices WHERE id = ANY($1)', [
          invoices.map((i) => i.id),
        ])
      ).map((r: { number: string; open_balance: string }) => [r.number, Number(r.open_balance)]),
    );
    expect(balances).toEqual({
      [first.number]: 0,
      [second.number]: Number(second.open_balance) - 5025,
    });

    await page.getByRole('link', { name: 'View payment' }).click();
    await page.getByRole('list', { name: 'Allocations' }).waitFor();
    // the receipt went to the contact who paid: in the catcher, and listed on the payment
    const receipt = await mailTo(contact.email, /^Receipt for payment/);
    const receipts = page.getByRole('list', { name: 'Receipts' });
    await receipts.getByText(new RegExp(`^Emailed to ${contact.email} on `)).waitFor();
    await expectNoSidewaysScroll(page, 'payment detail');
    await screenshot(page, 'portal-pay-06-payment-detail');
    await receipts.getByRole('button', { name: 'View receipt' }).first().click();
    const receiptFrame = page.frameLocator(`iframe[title="Receipt: ${receipt.parsed.subject}"]`);
    await receiptFrame.getByText(first.number).first().waitFor();
    await expectNoSidewaysScroll(page, 'receipt');
    await screenshot(page, 'portal-pay-06b-receipt');
    await page
      .getByRole('dialog', { name: 'Receipt' })
      .getByRole('button', { name: 'Close' })
      .click();
    await page.getByRole('dialog', { name: 'Receipt' }).waitFor({ state: 'hidden' });

    await page.getByRole('link', { exact: true, name: 'History' }).click();
    await page.getByRole('list', { name: 'Payments' }).waitFor();
    await expectNoSidewaysScroll(page, 'history');
    await screenshot(page, 'portal-pay-07-history');

    // the partly paid invoice is still open, with what is left to pay
    await page.getByRole('link', { exact: true, name: 'Open Invoices' }).click();
    await page.getByRole('link', { name: `Invoice ${second.number}` }).click();
    await page.getByRole('heading', { name: `Invoice ${second.number}` }).waitFor();
    await page.getByRole('link', { name: /^Pay \$/ }).waitFor();
    await expectNoSidewaysScroll(page, 'invoice detail');
    await screenshot(page, 'portal-pay-08-invoice-detail');

    await page.getByRole('link', { exact: true, name: 'Payment Methods' }).click();
    await page.getByRole('list', { name: 'Payment methods' }).waitFor();
    await screenshot(page, 'portal-pay-09-payment-methods');

    // a bank account added from the sandbox's test methods, then made the default
    await page.getByRole('button', { name: 'Add payment method' }).click();
    const addDialog = page.getByRole('dialog', { name: 'Add a payment method' });
    await addDialog.getByLabel('Test method').selectOption({ label: 'Bank account (settles)' });
    await addDialog.getByLabel('Name (optional)').fill('Payroll account');
    await expectNoSidewaysScroll(page, 'add payment method');
    await screenshot(page, 'portal-pay-12-add-payment-method');
    await addDialog.getByRole('button', { name: 'Add method' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Payroll account' }).waitFor();
    await page.getByRole('button', { name: 'Make Payroll account the default' }).click();
    await page.getByText('Payroll account is now the default').waitFor();
    await expectNoSidewaysScroll(page, 'payment methods after adding');
    await screenshot(page, 'portal-pay-13-payment-method-added');
    const [added] = await t.dataSource.query(
      `SELECT type, is_default FROM payment_methods WHERE organization_id = $1 AND friendly_name = 'Payroll account'`,
      [org.id],
    );
    expect(added).toEqual({ is_default: true, type: 'us_bank_account' });

    // a payment staff scheduled for the contact: moved to another day, then cancelled
    const [card] = await t.dataSource.query(
      `SELECT id FROM payment_methods WHERE organization_id = $1 AND type = 'card' AND status = 'active' AND removed_at IS NULL LIMIT 1`,
      [org.id],
    );
    const scheduled = await pay(t, bearer, {
      allocations: [{ amount: 1_000, invoiceId: second.id }],
      organizationId: org.id,
      paymentMethodId: card.id,
      scheduledFor: daysFromToday(5),
    }).expect(201);
    await page.goto(`${baseUrl}/portal/history/${scheduled.body.id}`);
    await page.getByRole('button', { name: 'Change date' }).click();
    const moveDialog = page.getByRole('dialog', { name: 'Change the payment date' });
    await moveDialog.getByLabel('New date').fill(daysFromToday(9));
    await moveDialog.getByRole('button', { name: 'Move payment' }).click();
    await page.getByText(/^Payment moved to/).waitFor();
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    const cancelDialog = page.getByRole('dialog', { name: 'Cancel this payment?' });
    await cancelDialog.getByLabel('Reason (optional)').fill('Paying by check');
    await expectNoSidewaysScroll(page, 'cancel scheduled payment');
    await screenshot(page, 'portal-pay-14-cancel-scheduled');
    await cancelDialog.getByRole('button', { name: 'Cancel payment' }).click();
    await page.getByText('The payment was cancelled. Nothing was charged.').waitFor();
    await expectNoSidewaysScroll(page, 'cancelled payment');
    await screenshot(page, 'portal-pay-15-cancelled');
    const [cancelled] = await t.dataSource.query(
      'SELECT status, scheduled_for::text AS "scheduledFor" FROM payments WHERE id = $1',
      [scheduled.body.id],
    );
    expect(cancelled).toEqual({ scheduledFor: daysFromToday(9), status: 'cancelled' });

    // the statement of what is still open, as a PDF file
    await page.getByRole('link', { exact: true, name: 'Statements' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download statement (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoSidewaysScroll(page, 'statements');
    await screenshot(page, 'portal-pay-14b-statements');

    // AutoPay: a rule the contact adds, in plain words
    await page.getByRole('link', { exact: true, name: 'AutoPay' }).click();
    await page.getByRole('button', { name: 'Add AutoPay rule' }).click();
    const ruleDialog = page.getByRole('dialog', { name: 'Add an AutoPay rule' });
    await ruleDialog.getByLabel('Days').fill('-3');
    await ruleDialog.getByLabel('Most per invoice (optional)').fill('2500');
    await expectNoSidewaysScroll(page, 'add AutoPay rule');
    await screenshot(page, 'portal-pay-16-add-autopay-rule');
    await ruleDialog.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText(/Pays each invoice 3 days before it is due/).waitFor();
    await expectNoSidewaysScroll(page, 'AutoPay rules');
    await screenshot(page, 'portal-pay-17-autopay');

    // signed out, then in again with the password chosen from the invitation
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to pay your invoices' }).waitFor();
    await page.getByLabel('Email').fill(contact.email);
    await page.getByLabel('Password').fill(PORTAL_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Balance' }).waitFor();

    await page.setViewportSize({ height: 900, width: 1440 });
    await page.getByRole('link', { exact: true, name: 'Balance' }).click();
    await page.getByRole('list', { name: 'Recent payments' }).waitFor();
    await expectNoSidewaysScroll(page, 'balance at 1440');
    await screenshot(page, 'portal-pay-10-balance-desktop');
    await page.getByRole('link', { exact: true, name: 'Open Invoices' }).click();
    await page.getByRole('list', { name: 'Open invoices' }).waitFor();
    await expectNoSidewaysScroll(page, 'open invoices at 1440');
    await screenshot(page, 'portal-pay-11-open-invoices-desktop');
    await page.getByRole('link', { exact: true, name: 'Payment Methods' }).click();
    await page.getByRole('list', { name: 'Payment methods' }).waitFor();
    await expectNoSidewaysScroll(page, 'payment methods at 1440');
    await screenshot(page, 'portal-pay-18-payment-methods-desktop');
    await page.getByRole('link', { exact: true, name: 'AutoPay' }).click();
    await page.getByRole('list', { name: 'AutoPay rules' }).waitFor();
    await expectNoSidewaysScroll(page, 'AutoPay at 1440');
    await screenshot(page, 'portal-pay-19-autopay-desktop');
  });
});
