import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { eventually, startTestSmtpServer, TestSmtpServer } from '@settle/testing';
import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { apiKey } from '../utils/ar-factories';
import { pay } from '../utils/payment-factories';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot, SCREENSHOTS } from './browser';

jest.setTimeout(180_000);

const DESKTOP = { height: 900, width: 1440 };

/**
 * Issue 11's journey: a payment's receipt, delivered over SMTP, appears in the payment's and the
 * contact's email history with its trail; the account summary's statement PDF renders (its first
 * page drawn by pdftoppm, as a reader's PDF viewer would).
 */
describe('journey: a receipt in the email histories, and the statement PDF', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let baseUrl: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '200',
      SETTLE_SERVE_WEB: 'true',
      SMTP_URL: smtp.url,
    });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('pays an invoice → the receipt in the payment’s and the contact’s history, with its trail → the statement PDF', async () => {
    // an organization whose default notification contact receives account emails, with a card
    const [target]: {
      organization_id: string;
      contact_id: string;
      email: string;
      first_name: string;
      last_name: string;
      invoice_id: string;
      open_balance: string;
      method_id: string;
    }[] = await t.dataSource.query(
      `SELECT o.id AS organization_id, c.id AS contact_id, c.email, c.first_name, c.last_name,
              i.id AS invoice_id, i.open_balance, m.id AS method_id
         FROM organizations o
         JOIN contact_memberships cm ON cm.organization_id = o.id AND cm.is_default_notification
         JOIN access_profiles ap ON ap.id = cm.access_profile_id AND ap.receives_account_emails
         JOIN contacts c ON c.id = cm.contact_id
         JOIN invoices i ON i.organization_id = o.id AND i.status = 'open' AND i.open_balance > 0
         JOIN payment_methods m ON m.organization_id = o.id AND m.type = 'card'
              AND m.status = 'active' AND m.removed_at IS NULL
        ORDER BY o.name, i.number LIMIT 1`,
    );
    expect(target).toBeDefined();
    const admin = await loginAs(t, 'admin');
    const bearer = await apiKey(t, admin.cookie, admin.csrf);
    const paid = await pay(t, bearer, {
      allocations: [{ amount: Number(target.open_balance), invoiceId: target.invoice_id }],
      organizationId: target.organization_id,
      paymentMethodId: target.method_id,
    }).expect(201);
    // delivered over SMTP to the contact
    await eventually(
      () =>
        expect(
          smtp.messages.some(
            (m) =>
              m.envelope.to.includes(target.email) &&
              m.parsed.subject === `Receipt for payment ${paid.body.number}`,
          ),
        ).toBe(true),
      20_000,
    );

    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await signIn(page, baseUrl);

    // the payment's Emails card lists the receipt; it opens on its trail and the rendered email
    await page.goto(`${baseUrl}/payments/${paid.body.id}`);
    const receiptRow = page
      .getByRole('table', { name: 'Emails' })
      .getByRole('link', { name: new RegExp(`Receipt for payment ${paid.body.number}`) });
    await receiptRow.first().waitFor();
    await screenshot(page, 'email-receipts-01-payment-emails');
    await receiptRow.first().click();
    const events = page.getByRole('list', { name: 'Events' });
    await events.getByText('Accepted by the mail server').waitFor();
    await page
      .frameLocator('iframe[title="Email content"]')
      .getByText(paid.body.number)
      .first()
      .waitFor();
    await screenshot(page, 'email-receipts-02-receipt-page');
    // the receipt itself, as the contact's mail client shows it (a full-page shot of the page
    // may catch the sandboxed frame before it paints)
    await page
      .locator('iframe[title="Email content"]')
      .screenshot({ path: join(SCREENSHOTS, 'email-receipts-02b-rendered-receipt.png') });

    // the contact's Email menu → View Email History lists the same receipt
    await page.goto(`${baseUrl}/organizations/${target.organization_id}/contacts`);
    await page
      .getByRole('button', { name: `Email ${target.first_name} ${target.last_name}` })
      .click();
    await page.getByRole('menuitem', { name: 'View Email History' }).click();
    await page
      .getByRole('table', { name: 'Emails' })
      .getByRole('link', { name: new RegExp(`Receipt for payment ${paid.body.number}`) })
      .first()
      .waitFor();
    await screenshot(page, 'email-receipts-03-contact-history');

    // the account summary's statement: a PDF whose first page draws
    const summary = await t.http
      .post(`/api/v1/organizations/${target.organization_id}/account-summary`)
      .set('authorization', bearer)
      .send({ contactIds: [target.contact_id] })
      .expect(202);
    const emailId = summary.body.emails[0].id as string;
    const attachment = await t.http
      .get(`/api/v1/emails/${emailId}/attachments/0`)
      .set('authorization', bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(attachment.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'settle-statement-'));
    try {
      const pdf = join(dir, 'statement.pdf');
      writeFileSync(pdf, attachment.body as Buffer);
      const page1 = join(SCREENSHOTS, 'email-receipts-04-statement-page1');
      await promisify(execFile)('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        page1,
      ]);
      const png = readFileSync(`${page1}.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(`${page1}.png`).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { force: true, recursive: true });
    }
  });
});

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill('admin@settle.test');
  await page.getByLabel('Password').fill('settle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}
