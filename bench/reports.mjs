#!/usr/bin/env node
// The aging report on 10,000 organizations and 1,000,000 invoices (npm run seed:large's data):
// GET /api/v1/reports/aging/organizations p95 as the admin app asks for it (today and a past day,
// sorted and paged), and the CSV of every organization (GET /api/v1/reports/aging/export): time
// to the last byte, and the API process's peak RSS sampled while it streams.
//   npm run build:api && node bench/reports.mjs [--orgs N] [--invoices N] [--requests N]
// Uses DATABASE_URL's server (database settle_bench_reports, kept for re-runs) and REDIS_URL when
// set, embedded ones otherwise.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  benchInfrastructure,
  numberOption,
  seedLargeOnce,
  signInAsDemoAdmin,
  startSettle,
} from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ORGS = numberOption('--orgs', 10_000);
const INVOICES = numberOption('--invoices', 1_000_000);
const REQUESTS = numberOption('--requests', 50);
const TARGET_P95_MS = 200;
const TARGET_CSV_MS = 1000;

const stops = [];

/** Resident set size of a process, in MiB, from /proc (Linux). */
function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function timeRuns(run) {
  for (let i = 0; i < 5; i++) await run(i); // warm-up: JIT, pools, PostgreSQL caches
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** A past MSP day, `days` before the server's today (the demo MSP's zone is close enough). */
function daysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Downloads a CSV, sampling the API's RSS every 10 ms while it streams. */
async function download(url, cookie, pid) {
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 10);
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  let firstByte = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    if (!firstByte) firstByte = performance.now() - started;
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const lastByte = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, rssMiB(pid));
  return { before, bytes, firstByte, lastByte, peak, rows: lines - 1 };
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, 'settle_bench_reports', stops);
  const seeding = performance.now();
  await seedLargeOnce(ROOT, databaseUrl, { invoices: INVOICES, organizations: ORGS });
  console.log(`Data ready in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  let pid = 0;
  const url = await startSettle(
    ROOT,
    stops,
    { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
    (child) => (pid = child.pid),
  );
  const { cookie } = await signInAsDemoAdmin(url);
  const past = daysAgo(45);

  // What the admin app's Reports page asks for: the first page by total, other sorts, a search,
  // a later page, each today and on a past day.
  const queries = [
    'page=1&pageSize=25&sort=-total',
    'page=1&pageSize=25&sort=name',
    'page=1&pageSize=25&sort=-days90plus',
    'page=40&pageSize=25&sort=-total',
    'page=1&pageSize=25&sort=-total&q=Logistics',
  ];
  const cases = [
    { asOf: '', name: 'aging by organization, today' },
    { asOf: `&asOf=${past}`, name: `aging by organization, as of ${past}` },
  ];
  console.log(`\n${REQUESTS} sequential requests per case (after 5 warm-up), cycling through:`);
  for (const q of queries) console.log(`  ?${q}`);
  const rows = [];
  for (const c of cases) {
    const samples = await timeRuns(async (i) => {
      const response = await fetch(
        `${url}/api/v1/reports/aging/organizations?${queries[i % queries.length]}${c.asOf}`,
        { headers: { cookie } },
      );
      if (!response.ok) throw new Error(`aging answered ${response.status}`);
      await response.json();
    });
    const p95 = percentile(samples, 0.95);
    rows.push({
      case: c.name,
      'p50 ms': percentile(samples, 0.5).toFixed(1),
      'p95 ms': p95.toFixed(1),
      'max ms': Math.max(...samples).toFixed(1),
      met: p95 <= TARGET_P95_MS ? 'yes' : 'NO',
    });
  }
  console.table(rows);

  // The other reports, as their tabs first ask for them (the seed has no payments, so those
  // read empty tables; the monthly figures sum every invoice).
  const others = [
    ['monthly, 12 months', `monthly?from=${daysAgo(335)}&to=${daysAgo(0)}`],
    ['transactions, 30 days', `transactions?from=${daysAgo(30)}&to=${daysAgo(0)}&pageSize=25`],
    ['autopay-enrolment', 'autopay-enrolment?pageSize=25'],
    ['payment-methods, expiring', 'payment-methods?kind=expiring&pageSize=25'],
    ['portal-logins, 30 days', `portal-logins?from=${daysAgo(30)}&to=${daysAgo(0)}&pageSize=25`],
  ];
  const otherRows = [];
  for (const [name, path] of others) {
    const samples = await timeRuns(async () => {
      const response = await fetch(`${url}/api/v1/reports/${path}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      await response.json();
    });
    otherRows.push({
      case: name,
      'p50 ms': percentile(samples, 0.5).toFixed(1),
      'p95 ms': percentile(samples, 0.95).toFixed(1),
    });
  }
  console.table(otherRows);

  const csvRows = [];
  for (const [name, query] of [
    ['aging CSV, today', ''],
    [`aging CSV, as of ${past}`, `?asOf=${past}`],
  ]) {
    await download(`${url}/api/v1/reports/aging/export${query}`, cookie, pid); // warm-up
    const d = await download(`${url}/api/v1/reports/aging/export${query}`, cookie, pid);
    csvRows.push({
      case: name,
      rows: d.rows,
      KiB: (d.bytes / 1024).toFixed(0),
      'first byte ms': d.firstByte.toFixed(1),
      'last byte ms': d.lastByte.toFixed(1),
      'RSS before MiB': d.before.toFixed(1),
      'RSS peak MiB': d.peak.toFixed(1),
      'growth MiB': (d.peak - d.before).toFixed(1),
      met: d.lastByte <= TARGET_CSV_MS ? 'yes' : 'NO',
    });
  }
  console.table(csvRows);
  console.log(
    `Targets: p95 ≤ ${TARGET_P95_MS} ms; the CSV of all organizations ≤ ${TARGET_CSV_MS} ms with flat memory (RSS growth well below the file's size).`,
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
