import { AddressInfo } from 'node:net';

import { Page } from 'playwright-core';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(240_000);

const PHONE = { height: 844, width: 390 };
const DESKTOP = { height: 900, width: 1440 };

describe('journey: the email screens against the real API, at 1440 px and at 390 px', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;
  let org: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // an organization with open invoices and a default notification contact
    [org] = await t.dataSource.query(
      `SELECT o.id, o.name FROM organizations o
         JOIN invoices i ON i.organization_id = o.id AND i.status = 'open'
         JOIN contact_memberships cm ON cm.organization_id = o.id AND cm.is_default_notification
        GROUP BY o.id ORDER BY o.name LIMIT 1`,
    );
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends an account summary, reads it in the history, opens it, resends it, edits a template and ticks a staff notification', async () => {
    browser = await openBrowser(DESKTOP);
    const { page } = browser;
    await signIn(page, baseUrl);

    // the profile's EMAILING block (seed 002): send the account summary to the default contacts
    await page.goto(`${baseUrl}/organizations/${org.id}`);
    await page.getByRole('button', { name: 'Send Account Summary' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send account summary' });
    await dialog.getByRole('button', { name: /^Send to \d+ contacts?$/ }).click();
    const recipients = dialog.getByRole('list', { name: 'Account summary recipients' });
    await recipients.waitFor();
    await screenshot(page, 'emails-01-account-summary-sent');
    await dialog.getByRole('link', { name: 'View Email History' }).click();

    // the history, narrowed to the organization
    await page.getByText(`Showing emails of ${org.name}`).waitFor();
    const table = page.getByRole('table', { name: 'Emails' });
    await table.getByRole('cell', { name: 'Account summary', exact: true }).first().waitFor();
    await screenshot(page, 'emails-02-history');
    await table
      .getByRole('link', { name: new RegExp(`Account summary for ${org.name}`) })
      .first()
      .click();

    // one email: its trail, the sandboxed HTML, the text, the statement attached
    await page.getByRole('list', { name: 'Events' }).waitFor();
    const frame = page.locator('iframe[title="Email content"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('src')).toMatch(/^\/api\/v1\/emails\/[0-9a-f-]{36}\/html$/);
    // the frame renders the email (its own document, scripts and same-origin access refused)
    // with the email's inline styles, which its document's own policy allows
    const email = page.frameLocator('iframe[title="Email content"]');
    // (the preheader names it too, hidden by those styles)
    await email.getByText(org.name).filter({ visible: true }).first().waitFor();
    expect(
      // an expression (not a function), evaluated in the frame's document
      await email.locator('body').evaluate('getComputedStyle(document.body).backgroundColor'),
    ).toBe('rgb(243, 244, 246)');
    await page
      .getByRole('list', { name: 'Attachments' })
      .getByRole('link', { name: /^statement-.*\.pdf$/ })
      .first()
      .waitFor();
    await screenshot(page, 'emails-03-email');
    await page.getByRole('tab', { name: 'Text' }).click();
    await page.getByRole('tabpanel').getByText(org.name).first().waitFor();

    await page.getByRole('button', { name: 'Resend' }).click();
    const resend = page.getByRole('dialog', { name: 'Resend this email?' });
    await resend.getByRole('button', { name: 'Resend' }).click();
    const resent = page.getByRole('dialog', { name: 'Email resent' });
    await resent.waitFor();
    await screenshot(page, 'emails-04-resent');
    await resent.getByRole('link').first().click();
    await page.getByRole('link', { name: 'The earlier email' }).waitFor();

    // Settings → Email: a template's subject, previewed live by the API
    await page.goto(`${baseUrl}/settings/email`);
    await page.getByTestId('smtp-source').waitFor();
    await page.getByRole('button', { name: 'Edit Payment receipt' }).click();
    await page.getByLabel('Subject').fill('Thank you! Payment {paymentNumber} received');
    await page
      .getByTestId('preview-subject')
      .getByText(/^Thank you! Payment \S+ received$/)
      .waitFor();
    await screenshot(page, 'emails-05-template-preview');

    // Settings → Email → Staff notifications: a tick saved through the API
    const staff = page.getByRole('form', { name: 'Staff notifications' });
    await staff
      .getByRole('checkbox', { name: /^Access requests for / })
      .first()
      .check();
    await staff.getByRole('button', { name: 'Save notifications' }).click();
    await page.getByText('Staff notifications saved').waitFor();
    await screenshot(page, 'emails-06-staff-notifications');
  });

  it('fits a phone: history, one email, the profile, the contact menu and Settings → Email (staff notifications too)', async () => {
    browser = await openBrowser(PHONE);
    const { page } = browser;
    await signIn(page, baseUrl);
    const [email] = await t.dataSource.query(
      `SELECT id FROM emails WHERE organization_id = $1 ORDER BY created_at LIMIT 1`,
      [org.id],
    );

    await page.goto(`${baseUrl}/emails`);
    await page.getByRole('table', { name: 'Emails' }).getByRole('link').first().waitFor();
    await expectNoSidewaysScroll(page, 'emails');
    await screenshot(page, 'emails-phone-01-history');

    await page.goto(`${baseUrl}/emails/${email.id}`);
    await page.getByRole('list', { name: 'Events' }).waitFor();
    await expectNoSidewaysScroll(page, 'one email');
    await screenshot(page, 'emails-phone-02-email');
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.getByRole('dialog', { name: 'Resend this email?' }).waitFor();
    await expectNoSidewaysScroll(page, 'resend dialog');
    await screenshot(page, 'emails-phone-03-resend');
    await page.keyboard.press('Escape');

    await page.goto(`${baseUrl}/organizations/${org.id}`);
    await page.getByRole('button', { name: 'Send Account Summary' }).click();
    await page
      .getByRole('dialog', { name: 'Send account summary' })
      .getByRole('checkbox')
      .first()
      .waitFor();
    await expectNoSidewaysScroll(page, 'account summary dialog');
    await screenshot(page, 'emails-phone-04-account-summary');
    await page.keyboard.press('Escape');

    await page.goto(`${baseUrl}/organizations/${org.id}/contacts`);
    await page
      .getByRole('button', { name: /^Email / })
      .first()
      .click();
    await page.getByRole('menu').waitFor();
    await expectNoSidewaysScroll(page, 'contact email menu');
    await screenshot(page, 'emails-phone-05-contact-menu');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Send welcome emails' }).click();
    await page
      .getByRole('dialog', { name: 'Send welcome emails' })
      .getByLabel('Access profile')
      .waitFor();
    await expectNoSidewaysScroll(page, 'mass welcome dialog');
    await screenshot(page, 'emails-phone-06-mass-welcome');
    await page.keyboard.press('Escape');

    await page.goto(`${baseUrl}/settings/email`);
    await page
      .getByRole('table', { name: 'Email templates' })
      .getByRole('button')
      .first()
      .waitFor();
    // the staff notifications table is wider than a phone: it scrolls inside its card
    const staffTable = page.getByRole('region', {
      name: 'Staff notifications, scrolls sideways',
    });
    await staffTable.getByRole('checkbox').first().waitFor();
    await expectNoSidewaysScroll(page, 'settings email');
    await screenshot(page, 'emails-phone-07-settings');
    await page.getByRole('button', { name: 'Edit Payment receipt' }).click();
    await page.getByTestId('preview-subject').waitFor();
    await expectNoSidewaysScroll(page, 'template editor');
    await screenshot(page, 'emails-phone-08-template');
    // its last columns, scrolled to inside the card
    expect(
      await staffTable.evaluate((el: { scrollLeft: number; scrollWidth: number }) => {
        el.scrollLeft = el.scrollWidth;
        return el.scrollLeft;
      }),
    ).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page, 'staff notifications scrolled');
    await screenshot(page, 'emails-phone-09-staff-notifications');
  });
});

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill('admin@settle.test');
  await page.getByLabel('Password').fill('settle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

/**
 * The page is as wide as the screen: nothing makes it scroll sideways. Each caller has already
 * waited for the content it measures; this waits for web fonts and two frames of layout rather
 * than for 'networkidle', which a screen that polls (a queued test email) may never reach.
 */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.evaluate(
    '(async () => { await document.fonts.ready; await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); })()',
  );
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
