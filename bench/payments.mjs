#!/usr/bin/env node
// 2,000 payments through the API and the payments queue against the sandbox gateway with 50 ms
// of latency per call, at the configured gateway concurrency. Prints payments/s against the
// floor (concurrency ÷ latency), the SQL statements each payment cost, and counts duplicate
// charges and lost payments (both must be 0).
//   npm run build:api && node bench/payments.mjs [--payments N] [--concurrency C] [--latency MS]
// Uses DATABASE_URL's server (database settle_bench_payments) and REDIS_URL when set, embedded
// ones otherwise. The database is emptied at the start of each run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
const PAYMENTS = numberOption('--payments', 2_000);
// 4 is what two cores sustain with the API and the worker on one machine; see the README.
const CONCURRENCY = numberOption('--concurrency', 4);
const LATENCY_MS = numberOption('--latency', 50);
const HTTP_CLIENTS = 32;
const ORGANIZATIONS = 200;
const TARGET_RATIO = 0.8;
/**
 * Above a live Stripe account's 100 requests/s: past this the gateway, not Settle, is the limit,
 * so a floor higher than this (many gateway calls at once) only asks for this much.
 */
const ENOUGH_PER_SECOND = 110;
const DATABASE = 'settle_bench_payments';

const stops = [];
/** The Settle processes, which count the SQL statements they send (bench/lib/count-queries.cjs). */
const counted = [];

/**
 * One API process and one worker process (SETTLE_ROLE api / worker), as design.md scales out:
 * the API takes the payments, the worker charges them.
 */
async function startSettle(databaseUrl, redisUrl) {
  const port = await freePort();
  // BENCH_NODE_ARGS="--prof" profiles the Settle processes (node --prof-process isolate-*.log).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const env = {
    ...process.env,
    DATABASE_POOL_SIZE: process.env.BENCH_POOL ?? '30',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PAYMENTS_GATEWAY_CONCURRENCY: String(CONCURRENCY),
    PORT: String(port),
    QUEUE_PREFIX: `settle-bench-${Date.now()}`,
    REDIS_URL: redisUrl,
    SETTLE_DEMO_DATA: 'true',
    SETTLE_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    SETTLE_MIGRATE_ON_START: 'true',
    SETTLE_SERVE_WEB: 'false',
  };
  const start = (role) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        join(ROOT, 'bench/lib/count-queries.cjs'),
        ...nodeArgs,
        join(ROOT, 'apps/api/dist/src/main.js'),
      ],
      {
        cwd: join(ROOT, 'apps/api'),
        env: { ...env, SETTLE_ROLE: role },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      },
    );
    counted.push(child);
    stops.push({ stop: async () => void child.kill('SIGTERM') });
  };
  start('api');
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) {
        start('worker');
        return url;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Settle did not start');
}

/** SQL statements the Settle processes have sent so far, summed over all of them. */
async function statementsSoFar() {
  const counts = await Promise.all(
    counted.map(
      (child) =>
        new Promise((resolve) => {
          child.once('message', (message) => resolve(message.statements));
          child.send('statements');
        }),
    ),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

async function seedPayers(api, today) {
  const perOrg = Math.ceil(PAYMENTS / ORGANIZATIONS);
  const orgs = await pool(
    Array.from({ length: ORGANIZATIONS }, (_, i) => i),
    16,
    async (i) => {
      const org = await api('PUT', `/organizations/external/bench/org-${i}`, {
        name: `Bench Payer ${i}`,
      });
      const method = await api('POST', `/organizations/${org.body.id}/payment-methods`, {
        token: 'pm_card_visa',
      });
      if (method.status !== 201) throw new Error(`payment method: ${method.status}`);
      return { id: org.body.id, methodId: method.body.id };
    },
  );
  const invoices = orgs.flatMap((org, o) =>
    Array.from({ length: perOrg }, (_, k) => ({
      currency: 'USD',
      dueDate: today,
      externalId: `inv-${o}-${k}`,
      issueDate: today,
      number: `B-${o}-${k}`,
      organizationId: org.id,
      source: 'bench',
      sourceBalance: 10_000,
      total: 10_000,
    })),
  );
  const ids = [];
  for (let i = 0; i < invoices.length; i += 1000) {
    const batch = invoices.slice(i, i + 1000);
    const response = await api('POST', '/invoices/bulk', { invoices: batch });
    if (response.status !== 200)
      throw new Error(`bulk invoices: ${response.status} ${JSON.stringify(response.body)}`);
    ids.push(...response.body.invoices.map((r) => r.id));
  }
  return invoices.slice(0, PAYMENTS).map((invoice, i) => ({
    invoiceId: ids[i],
    methodId: orgs.find((o) => o.id === invoice.organizationId).methodId,
    organizationId: invoice.organizationId,
  }));
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, DATABASE, stops);
  await emptyDatabase(ROOT, databaseUrl);
  const url = await startSettle(databaseUrl, redisUrl);
  const api = await adminApi(url);
  const settings = await api('PUT', '/settings/payments', {
    convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
    gateway: 'sandbox',
    sandbox: { achSettlementHours: 96, latencyMs: LATENCY_MS },
  });
  if (settings.status !== 200) throw new Error(`settings: ${settings.status}`);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  stops.push({ stop: () => db.end() });
  const [{ today }] = (
    await db.query(`SELECT to_char(now() AT TIME ZONE 'America/Chicago', 'YYYY-MM-DD') AS today`)
  ).rows;
  const { rows: general } = await db.query(
    `SELECT value->>'timeZone' AS tz FROM settings WHERE key = 'general'`,
  );
  const timeZone = general[0]?.tz ?? 'America/Chicago';
  const [{ mspToday }] = (
    await db.query(`SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS "mspToday"`, [timeZone])
  ).rows;
  console.log(`Seeding ${ORGANIZATIONS} organizations with a card each and ${PAYMENTS} invoices…`);
  const work = await seedPayers(api, mspToday ?? today);
  // Settle caches settings for 5 s per process: let the latency setting reach the worker.
  await new Promise((r) => setTimeout(r, 5_500));

  console.log(
    `Paying ${PAYMENTS} invoices: POST /payments (scheduledFor today, so the queue charges them), ` +
      `${HTTP_CLIENTS} HTTP clients, gateway latency ${LATENCY_MS} ms, gateway concurrency ${CONCURRENCY}\n`,
  );
  const statementsBefore = await statementsSoFar();
  const started = performance.now();
  const created = await pool(work, HTTP_CLIENTS, async (w) => {
    const response = await api(
      'POST',
      '/payments',
      {
        allocations: [{ amount: 10_000, invoiceId: w.invoiceId }],
        organizationId: w.organizationId,
        paymentMethodId: w.methodId,
        scheduledFor: mspToday,
      },
      { 'idempotency-key': randomUUID() },
    );
    return response.status === 201 ? response.body.id : null;
  });
  const accepted = performance.now() - started;
  const acceptedIds = created.filter(Boolean);
  let succeeded = 0;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
              count(*) FILTER (WHERE status IN ('scheduled', 'processing'))::int AS waiting
         FROM payments`,
    );
    succeeded = rows[0].succeeded;
    if (rows[0].waiting === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsed = performance.now() - started;
  // Includes the run's few sweeps and settlement checks, which are not per payment.
  const statements = (await statementsSoFar()) - statementsBefore;
  const { rows: charges } = await db.query(
    `SELECT count(*)::int AS charges,
            count(DISTINCT substring(idempotency_key FROM '^settle-payment-(.*)-[0-9]+$'))::int AS payments
       FROM sandbox_charges`,
  );
  const { rows: stored } = await db.query(`SELECT count(*)::int AS n FROM payments`);
  const throughput = (succeeded / elapsed) * 1000;
  const floor = CONCURRENCY / (LATENCY_MS / 1000);
  const target = Math.min(TARGET_RATIO * floor, ENOUGH_PER_SECOND);
  const duplicates = charges[0].charges - charges[0].payments;
  const lost = acceptedIds.length - succeeded + (PAYMENTS - stored[0].n);
  console.table([
    {
      'payments accepted (201)': acceptedIds.length,
      succeeded,
      'API accept s': (accepted / 1000).toFixed(2),
      'total s': (elapsed / 1000).toFixed(2),
      'payments/s': throughput.toFixed(1),
      'floor/s': floor.toFixed(1),
      ratio: (throughput / floor).toFixed(2),
      'SQL/payment': (statements / Math.max(succeeded, 1)).toFixed(1),
      duplicates,
      lost,
      'target/s': target.toFixed(1),
      met: throughput >= target && duplicates === 0 && lost === 0 ? 'yes' : 'NO',
    },
  ]);
  console.log(
    `Floor = concurrency ÷ latency = ${CONCURRENCY} ÷ ${LATENCY_MS / 1000} s. Target: ${TARGET_RATIO} × floor, at most ${ENOUGH_PER_SECOND}/s; duplicates 0, lost 0.\n` +
      'SQL/payment: statements both Settle processes sent during the run (BEGIN/COMMIT included), per payment.',
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
