import { AddressInfo } from 'node:net';

import { eventually } from '@settle/testing';

import { QueueStatusService } from '../../src/modules/system';
import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { Browser, openBrowser, screenshot } from './browser';

jest.setTimeout(120_000);

/**
 * Chromium reports every resource, script or style a Content-Security-Policy refuses on the
 * console; these journeys walk the apps and expect none of those reports.
 */
describe('journey: every page works under its Content-Security-Policy', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const reports: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    await t.app.get(DemoDataService).loadIfEmpty();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await openBrowser();
    browser.page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) {
        reports.push(`${browser.page.url()}: ${message.text()}`);
      }
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The reports made while `visit` ran, once the page has stopped loading. */
  async function reportsDuring(visit: () => Promise<void>): Promise<string[]> {
    reports.length = 0;
    await visit();
    await browser.page.waitForLoadState('networkidle');
    return reports.splice(0);
  }

  const heading = (name: string) => browser.page.getByRole('heading', { level: 1, name }).waitFor();

  it('admin app: sign in, overview, an organization, payments and settings without a report', async () => {
    const { page } = browser;
    const [org] = await t.dataSource.query(
      `SELECT o.id, o.name FROM organizations o JOIN invoices i ON i.organization_id = o.id
        WHERE i.status = 'open' ORDER BY o.name LIMIT 1`,
    );
    const seen = await reportsDuring(async () => {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Email').fill('admin@settle.test');
      await page.getByLabel('Password').fill('settle-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading('Overview');
      // The lazily loaded chart is the page's most style-heavy part.
      await page.getByText('Highest Balances').waitFor();
      await page.locator('.recharts-surface').first().waitFor();
      await page.goto(`${baseUrl}/organizations/${org.id}`);
      await heading(org.name);
      await page.goto(`${baseUrl}/organizations/${org.id}/open-invoices`);
      await page.getByRole('button', { name: 'Pay selected' }).waitFor();
      await page
        .getByRole('navigation')
        .getByRole('link', { exact: true, name: 'Payments' })
        .click();
      await heading('Payments');
      await page
        .getByRole('navigation')
        .getByRole('link', { exact: true, name: 'Settings' })
        .click();
      await heading('Settings');
      await screenshot(page, 'csp-01-admin-settings');
    });
    expect(seen).toEqual([]);
  });

  it('customer portal: no report', async () => {
    const { page } = browser;
    const seen = await reportsDuring(async () => {
      // signed out, the portal's home sends the visitor to its sign-in page
      await page.goto(`${baseUrl}/portal/`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(page, 'csp-02-portal-login');
    });
    expect(seen).toEqual([]);
  });

  it('reports an inline script, so that silence above means no violation', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/portal/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const seen = await reportsDuring(async () => {
      // A string: this project compiles without the DOM's types.
      const ran = await page.evaluate(`(() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.head.append(script);
        return window.inlineRan === true;
      })()`);
      expect(ran).toBe(false);
    });
    expect(seen).toEqual([expect.stringContaining("script-src 'self'")]);
  });

  it('Swagger UI and the queue board work under their own policy; the board pauses a queue', async () => {
    const { context, page } = browser;
    const signIn = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { email: 'admin@settle.test', password: 'settle-demo' },
    });
    expect(signIn.status()).toBe(200);
    const docs = await reportsDuring(async () => {
      await page.goto(`${baseUrl}/api/docs`);
      await page.getByRole('heading', { name: /Settle API/ }).waitFor();
      await page.getByText('/api/v1/auth/login', { exact: true }).waitFor();
    });
    expect(docs).toEqual([]);

    const emails = t.app
      .get(QueueStatusService)
      .all()
      .find((queue) => queue.name === 'emails')!;
    const board = await reportsDuring(async () => {
      await page.goto(`${baseUrl}/admin/queues/queue/emails`);
      await page.getByText('Settle queues').waitFor();
      // The board's own client sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN.
      for (const [action, paused] of [
        ['Pause', true],
        ['Resume', false],
      ] as const) {
        await page.locator('button[aria-haspopup="menu"]').click();
        await page.getByRole('menuitem', { name: action }).click();
        const answered = page.waitForResponse((response) => response.request().method() === 'PUT');
        await page.getByRole('button', { name: 'Confirm' }).click();
        const response = await answered;
        expect(response.request().headers()['x-xsrf-token']).toEqual(expect.any(String));
        expect(response.status()).toBe(200);
        await eventually(async () => expect(await emails.isPaused()).toBe(paused));
        if (paused) await screenshot(page, 'csp-03-queue-board-paused');
      }
    });
    // Its page comes without the Google Fonts link (self-hosted means offline): nothing to refuse.
    expect(board).toEqual([]);
  });
});
