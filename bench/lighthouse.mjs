#!/usr/bin/env node
// Lighthouse scores of the admin overview, signed in as the demo admin, in Debian's chromium:
// the desktop preset (the target: performance ≥ 90, accessibility ≥ 95) and the mobile preset.
// With --portal: the customer portal's dashboard, signed in as the demo contact; the target is
// on the mobile preset there (customers open it from an email, often on a phone).
//   npm run build && node bench/lighthouse.mjs [--portal]
// Starts its own Settle process (production mode, demo data, serving the SPAs) against
// DATABASE_URL's server (database settle_bench_lighthouse) and REDIS_URL when set, embedded
// ones otherwise. Reports land in test-results/lighthouse/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

import { benchInfrastructure, signInAsDemoAdmin, startSettle } from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATABASE = 'settle_bench_lighthouse';
const REPORTS = join(ROOT, 'test-results/lighthouse');
const TARGETS = { accessibility: 95, performance: 90 };
/** Lighthouse's scores move a few points between runs; the median of three is what we report. */
const RUNS = 3;

const PORTAL = process.argv.includes('--portal');
const PAGE = PORTAL ? 'portal-dashboard' : 'overview';

const stops = [];

/** The demo contact's portal session cookie (README: demo@example.com / settle-demo). */
async function signInAsDemoContact(url) {
  const response = await fetch(`${url}/api/v1/portal/auth/login`, {
    body: JSON.stringify({ email: 'demo@example.com', password: 'settle-demo' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  });
  if (response.status !== 200) throw new Error(`portal sign-in: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; ') };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function audit(url, cookie, preset) {
  const chrome = await chromeLauncher.launch({
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  stops.push({ stop: async () => chrome.kill() });
  try {
    const flags = { extraHeaders: { Cookie: cookie }, logLevel: 'error', port: chrome.port };
    const config = preset === 'desktop' ? desktopConfig : undefined;
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error('lighthouse returned nothing');
    const { categories, audits } = result.lhr;
    return {
      accessibility: Math.round(categories.accessibility.score * 100),
      failedAccessibility: categories.accessibility.auditRefs
        .filter(
          (ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1,
        )
        .map((ref) => ref.id),
      lcpMs: Math.round(audits['largest-contentful-paint'].numericValue),
      performance: Math.round(categories.performance.score * 100),
      lhr: result.lhr,
      report: result.report,
      tbtMs: Math.round(audits['total-blocking-time'].numericValue),
    };
  } finally {
    await chrome.kill();
  }
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, DATABASE, stops);
  const settle = await startSettle(ROOT, stops, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SETTLE_SERVE_WEB: 'true',
  });
  const { cookie } = PORTAL ? await signInAsDemoContact(settle) : await signInAsDemoAdmin(settle);
  const pageUrl = PORTAL ? `${settle}/portal/` : `${settle}/`;
  mkdirSync(REPORTS, { recursive: true });
  const rows = [];
  for (const preset of ['desktop', 'mobile']) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(pageUrl, cookie, preset));
    writeFileSync(join(REPORTS, `${PAGE}-${preset}.html`), runs.at(-1).report);
    writeFileSync(join(REPORTS, `${PAGE}-${preset}.json`), JSON.stringify(runs.at(-1).lhr));
    const failed = [...new Set(runs.flatMap((r) => r.failedAccessibility))];
    rows.push({
      preset,
      performance: median(runs.map((r) => r.performance)),
      accessibility: median(runs.map((r) => r.accessibility)),
      'TBT ms': median(runs.map((r) => r.tbtMs)),
      'LCP ms': median(runs.map((r) => r.lcpMs)),
      'a11y audits failing': failed.join(', ') || '—',
    });
  }
  console.log(`Lighthouse ${RUNS} runs per preset, median, ${PAGE} (${pageUrl})`);
  console.table(rows);
  const judged = PORTAL ? rows[1] : rows[0];
  const met =
    judged.performance >= TARGETS.performance && judged.accessibility >= TARGETS.accessibility;
  console.log(
    `Target (${judged.preset}): performance ≥ ${TARGETS.performance}, accessibility ≥ ${TARGETS.accessibility}: ${met ? 'met' : 'NOT met'}`,
  );
  console.log(`Reports: ${REPORTS}/${PAGE}-{desktop,mobile}.{html,json}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const s of stops.reverse()) await s.stop().catch(() => {});
  });
