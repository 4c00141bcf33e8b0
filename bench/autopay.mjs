#!/usr/bin/env node
// One AutoPay run over 10,000 organizations, each with a rule, a card and one invoice due today,
// against the sandbox gateway throttled to Stripe's test-mode limit (25 charges/s: 8 calls in
// flight, 320 ms a call), then to live mode's (100/s: 32 in flight, 320 ms) with a fresh invoice
// each. Stripe answers a charge in a few hundred milliseconds and limits requests per second, so
// a realistic latency with enough calls in flight to reach the limit models it; 40 ms at one call
// in flight (--latency 40 --concurrency 1,4) measures the event loop's jitter more than the run. Prints the run's wall time against the floor (charges ÷ rate), duplicate charges
// and misses (both must be 0), and that a second run the same day charges nothing.
//   npm run build:api && node bench/autopay.mjs [--orgs N] [--latency MS] [--concurrency T,L] [--only test|live]
// Uses DATABASE_URL's server (database settle_bench_autopay) and REDIS_URL when set, embedded
// ones otherwise. The database is emptied at the start of each run.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from '@settle/embedded';
import pg from 'pg';

import {
  adminApi,
  BENCH_ENCRYPTION_KEY,
  benchInfrastructure,
  emptyDatabase,
  numberOption,
  pool,
} from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ORGANIZATIONS = numberOption('--orgs', 10_000);
const LATENCY_MS = numberOption('--latency', 320);
const DATABASE = 'settle_bench_autopay';
const concurrencyFlag = process.argv.indexOf('--concurrency');
const [TEST_MODE_CONCURRENCY, LIVE_MODE_CONCURRENCY] =
  concurrencyFlag === -1 ? [8, 32] : process.argv[concurrencyFlag + 1].split(',').map(Number);
const onlyFlag = process.argv.indexOf('--only');
const ONLY = onlyFlag === -1 ? null : process.argv[onlyFlag + 1];
const PHASES = [
  { concurrency: TEST_MODE_CONCURRENCY, label: 'test mode', name: 'test', target: 1.1 },
  { concurrency: LIVE_MODE_CONCURRENCY, label: 'live mode', name: 'live', target: 1.25 },
].filter((phase) => ONLY === null || phase.name === ONLY);
if (PHASES.length === 0) throw new Error('--only takes test or live');

const stops = [];

/** An API process and a worker process with this gateway concurrency; stop() ends both. */
async function startSettle(databaseUrl, redisUrl, concurrency) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_POOL_SIZE: '30',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PAYMENTS_GATEWAY_CONCURRENCY: String(concurrency),
    PORT: String(port),
    QUEUE_PREFIX: `settle-bench-autopay-${Date.now()}`,
    REDIS_URL: redisUrl,
    SETTLE_DEMO_DATA: 'true',
    SETTLE_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    SETTLE_MIGRATE_ON_START: 'true',
    SETTLE_SERVE_WEB: 'false',
  };
  const children = [];
  let stopping = false;
  const start = (role) => {
    const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/src/main.js')], {
      cwd: join(ROOT, 'apps/api'),
      env: { ...env, SETTLE_ROLE: role },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`Settle ${role} exited by itself (${signal ?? code})`);
    });
    children.push(child);
  };
  const stop = async () => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null,
      ),
    );
  };
  stops.push({ stop });
  start('api');
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) {
        start('worker');
        return { stop, url };
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Settle did not start');
}

async function seedOrganizations(api) {
  return pool(
    Array.from({ length: ORGANIZATIONS }, (_, i) => i),
    32,
    async (i) => {
      const org = await api('PUT', `/organizations/external/bench/ap-${i}`, {
        name: `AutoPay Bench ${i}`,
      });
      const method = await api('POST', `/organizations/${org.body.id}/payment-methods`, {
        token: 'pm_card_visa',
      });
      if (method.status !== 201) throw new Error(`payment method: ${method.status}`);
      const rule = await api('POST', `/organizations/${org.body.id}/autopay-rules`, {
        trigger: { days: 0, type: 'days_after_due' },
      });
      if (rule.status !== 201) throw new Error(`rule: ${rule.status} ${JSON.stringify(rule.body)}`);
      return org.body.id;
    },
  );
}

async function addInvoices(api, organizationIds, today, round) {
  const invoices = organizationIds.map((organizationId, i) => ({
    currency: 'USD',
    dueDate: today,
    externalId: `ap-${round}-${i}`,
    issueDate: today,
    number: `AP-${round}-${i}`,
    organizationId,
    source: 'bench',
    sourceBalance: 10_000,
    total: 10_000,
  }));
  for (let i = 0; i < invoices.length; i += 1000) {
    const response = await api('POST', '/invoices/bulk', { invoices: invoices.slice(i, i + 1000) });
    if (response.status !== 200) throw new Error(`bulk invoices: ${response.status}`);
  }
}

async function runAutopay(api) {
  const started = await api('POST', '/autopay/runs', {});
  if (started.status !== 202)
    throw new Error(`run: ${started.status} ${JSON.stringify(started.body)}`);
  for (;;) {
    const run = (await api('GET', `/autopay/runs/${started.body.id}`)).body;
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, DATABASE, stops);
  await emptyDatabase(ROOT, databaseUrl);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  stops.push({ stop: () => db.end() });
  const rows = [];
  let organizationIds = null;
  for (const [round, phase] of PHASES.entries()) {
    const settle = await startSettle(databaseUrl, redisUrl, phase.concurrency);
    const api = await adminApi(settle.url);
    const settings = await api('PUT', '/settings/payments', {
      convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
      gateway: 'sandbox',
      sandbox: { achSettlementHours: 96, latencyMs: LATENCY_MS },
    });
    if (settings.status !== 200) throw new Error(`settings: ${settings.status}`);
    const { rows: tz } = await db.query(
      `SELECT coalesce((SELECT value->>'timeZone' FROM settings WHERE key = 'general'), 'America/Chicago') AS tz`,
    );
    const { rows: day } = await db.query(
      `SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today`,
      [tz[0].tz],
    );
    if (!organizationIds) {
      console.log(`Seeding ${ORGANIZATIONS} organizations, each with a card and a rule…`);
      organizationIds = await seedOrganizations(api);
    }
    await addInvoices(api, organizationIds, day[0].today, round);
    // Settle caches settings for 5 s per process: let the latency setting reach the worker.
    await new Promise((r) => setTimeout(r, 5_500));
    const rate = phase.concurrency / (LATENCY_MS / 1000);
    console.log(
      `Run ${round + 1} (${phase.label}): ${ORGANIZATIONS} invoices due, ${rate}/s gateway`,
    );
    const chargesBefore = (await db.query('SELECT count(*)::int AS n FROM sandbox_charges')).rows[0]
      .n;
    const run = await runAutopay(api);
    const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
    const again = await runAutopay(api);
    const { rows: counts } = await db.query(
      `SELECT (SELECT count(*)::int FROM sandbox_charges) - $1::int AS charges,
              (SELECT count(*)::int FROM payments WHERE origin = 'autopay' AND autopay_run_date = $2
                 AND status = 'succeeded' AND autopay_invoice_id IN
                   (SELECT id FROM invoices WHERE external_id LIKE $3)) AS paid,
              (SELECT count(*)::int FROM invoices WHERE external_id LIKE $3 AND open_balance > 0) AS unpaid`,
      [chargesBefore, day[0].today, `ap-${round}-%`],
    );
    const floor = ORGANIZATIONS / rate;
    rows.push({
      phase: phase.label,
      'charges/s cap': rate,
      charged: run.counts.charged,
      'wall s': seconds.toFixed(1),
      'floor s': floor.toFixed(1),
      ratio: (seconds / floor).toFixed(2),
      target: `≤ ${phase.target}`,
      duplicates: counts[0].charges - counts[0].paid,
      misses: counts[0].unpaid,
      'second run charged': again.counts.charged,
      met:
        seconds / floor <= phase.target &&
        counts[0].charges === counts[0].paid &&
        counts[0].unpaid === 0 &&
        again.counts.charged === 0
          ? 'yes'
          : 'NO',
    });
    await settle.stop();
  }
  console.table(rows);
  console.log(
    'Floor = invoices ÷ the gateway rate (concurrency ÷ latency). duplicates: sandbox charges beyond ' +
      'the succeeded AutoPay payments; misses: invoices still open after the run.',
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const s of stops.reverse()) await s.stop().catch(() => {});
  });
