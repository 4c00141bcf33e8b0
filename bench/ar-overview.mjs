#!/usr/bin/env node
// GET /api/v1/reports/ar-overview on 10,000 organizations and 1,000,000 invoices, against the
// same SQL run straight through pg, in one run. Seeds its own database (kept for re-runs).
//   npm run build:api && node bench/ar-overview.mjs [--orgs N] [--invoices N] [--requests N]
// Uses DATABASE_URL's server (database settle_bench) and REDIS_URL when set, embedded ones otherwise.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import {
  benchInfrastructure,
  numberOption,
  seedLargeOnce,
  signInAsDemoAdmin,
  startSettle,
} from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ORGS = numberOption('--orgs', 10_000);
const INVOICES = numberOption('--invoices', 1_000_000);
const REQUESTS = numberOption('--requests', 300);
const TARGET_P95_MS = 50;
const TARGET_RATIO = 3;

const stops = [];

/** One Settle API process, as a user would run it. */
function startSettleApi(databaseUrl, redisUrl) {
  return startSettle(ROOT, stops, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
  });
}

async function timeRuns(run) {
  for (let i = 0; i < 20; i++) await run(); // warm-up: JIT, pools, PostgreSQL caches
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, 'settle_bench', stops);
  await seedLargeOnce(ROOT, databaseUrl, { invoices: INVOICES, organizations: ORGS });
  const url = await startSettleApi(databaseUrl, redisUrl);
  const { cookie } = await signInAsDemoAdmin(url);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  stops.push({ stop: () => pool.end() });
  const { arOverviewQueries } = require(
    join(ROOT, 'apps/api/dist/src/modules/reports/reports.repository.js'),
  );

  const cases = [
    {
      name: 'first page, sorted by balance',
      query: '?sort=-balance&pageSize=10',
      sql: { limit: 10, offset: 0, sort: ['balance', 'DESC'] },
    },
    {
      name: "name search 'Logistics'",
      query: '?q=Logistics&sort=-balance&pageSize=10',
      sql: { limit: 10, offset: 0, q: 'Logistics', sort: ['balance', 'DESC'] },
    },
  ];
  console.log(`\n${REQUESTS} sequential requests each, after 20 warm-up requests\n`);
  const rows = [];
  for (const c of cases) {
    const api = await timeRuns(async () => {
      const response = await fetch(`${url}/api/v1/reports/ar-overview${c.query}`, {
        headers: { cookie },
      });
      if (!response.ok) throw new Error(`ar-overview answered ${response.status}`);
      await response.json();
    });
    const queries = arOverviewQueries({ currency: 'USD', ...c.sql });
    const sql = await timeRuns(() =>
      Promise.all(Object.values(queries).map((q) => pool.query(q.text, q.values))),
    );
    rows.push({
      case: c.name,
      'API p50 ms': api.p50.toFixed(1),
      'API p95 ms': api.p95.toFixed(1),
      'SQL p50 ms': sql.p50.toFixed(1),
      'SQL p95 ms': sql.p95.toFixed(1),
      'p95 ratio': (api.p95 / sql.p95).toFixed(2),
      met: api.p95 <= TARGET_P95_MS && api.p95 / sql.p95 <= TARGET_RATIO ? 'yes' : 'NO',
    });
  }
  console.table(rows);
  console.log(`Targets: API p95 ≤ ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× the direct SQL p95.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const s of stops.reverse()) await s.stop().catch(() => {});
  });
