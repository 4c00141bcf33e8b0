import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { BrowserContext, chromium, Page } from 'playwright-core';

export const SCREENSHOTS = resolve(__dirname, '../../../../test-results/screenshots');

export interface Browser {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's chromium, headless, with the flags this closed network needs (a laptop screen by default). */
export async function openBrowser(
  viewport: { width: number; height: number } = { height: 860, width: 1360 },
): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'settle-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    close: async () => {
      await context.close();
      rmSync(userDataDir, { force: true, recursive: true });
    },
    context,
    page,
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // from the top: a full-page shot of a scrolled page draws the sticky top bar mid-page
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ fullPage: true, path: join(SCREENSHOTS, `${name}.png`) });
}

/** The page is as wide as the screen: nothing makes it scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const { innerWidth, scrollWidth } = await page.evaluate<{
    innerWidth: number;
    scrollWidth: number;
  }>('({ innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth })');
  expect({ fits: scrollWidth <= innerWidth, where }).toEqual({ fits: true, where });
}
