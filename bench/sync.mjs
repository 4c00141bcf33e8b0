#!/usr/bin/env node
// A first ConnectWise sync of 100,000 invoices (and 1,000 companies) from the fake ConnectWise
// server in pages of 1,000, then an immediate full re-sync. Prints the first run's total time
// (target ≤ 15 s on 2 cores), its write stage's rows/s against COPY of the same invoice rows
// into the same table (target ≥ 0.5×), the rows the re-sync wrote (target 0: it reads
// everything again, and nothing differs), and the Settle process's RSS sampled through both runs
// (peak should stay flat: pages stream, nothing is held). The machine's load average is printed
// with the figures, since a shared machine's load moves them a lot.
// The write stage is the wall time during which any page was being written: invoice pages are
// written two at a time (each its own transaction), so their overlap is counted once. The fake
// ConnectWise server runs in this (the bench's) process, not in Settle's: its RSS is reported
// apart from Settle's.
//   npm run build:api && node bench/sync.mjs [--invoices N] [--companies N] [--page N]
// With --source quickbooks, the QuickBooks case of issue 15 (bench/lib/quickbooks-bench.mjs):
// the same pull figures by query and CDC paging, then [--payments N] pushed to the fake throttled
// to 10 concurrent requests of [--latency ms].
// Uses DATABASE_URL's server (database settle_bench_sync) and REDIS_URL when set, embedded ones
// otherwise; needs psql on the PATH for the COPY comparison. The database is emptied first.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { loadFakeConnectWise } from './lib/fake-connectwise.mjs';
import { runQuickBooksBench } from './lib/quickbooks-bench.mjs';
import {
  backendsCpu,
  copyInvoicesSeconds,
  cpuOf,
  DATA_TABLES,
  rowsWrittenSince,
  writeMark,
} from './lib/sync-measures.mjs';
import {
  adminApi,
  benchInfrastructure,
  emptyDatabase,
  numberOption,
  startSettle,
} from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INVOICES = numberOption('--invoices', 100_000);
const COMPANIES = numberOption('--companies', 1_000);
const PAGE = numberOption('--page', 1_000);
const DATABASE = 'settle_bench_sync';

const stops = [];

/** The process's resident set now and its peak so far, in MB (Linux /proc). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

async function runSync(api, integrationId, full) {
  const started = await api('POST', `/integrations/${integrationId}/sync-runs`, { full });
  if (started.status !== 202)
    throw new Error(`sync: ${started.status} ${JSON.stringify(started.body)}`);
  for (;;) {
    const run = (await api('GET', `/sync-runs/${started.body.id}`)).body;
    if (run.status === 'succeeded') return run;
    if (run.status === 'failed') throw new Error(`sync failed: ${run.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, DATABASE, stops);
  await emptyDatabase(ROOT, databaseUrl);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  stops.push({ stop: () => db.end() });

  const { startFakeConnectWise } = await loadFakeConnectWise(ROOT);
  const fake = await startFakeConnectWise({ companyId: 'bench' });
  stops.push({ stop: () => fake.close() });
  console.log(`Seeding the fake ConnectWise: ${COMPANIES} companies, ${INVOICES} invoices…`);
  for (let i = 0; i < COMPANIES; i++) fake.add('companies', { name: `Bench Company ${i}` });
  for (let i = 0; i < INVOICES; i++) {
    const company = (i % COMPANIES) + 1;
    fake.add('invoices', {
      balance: (i % 7) * 10.25,
      company: { id: company, identifier: `B${company}`, name: `Bench Company ${company - 1}` },
      total: 100 + (i % 97),
    });
  }

  let pid = 0;
  const url = await startSettle(
    ROOT,
    stops,
    { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, SYNC_PAGE_SIZE: String(PAGE) },
    (child) => (pid = child.pid),
  );
  const api = await adminApi(url);
  const created = await api('POST', '/integrations', {
    credentials: { privateKey: fake.privateKey },
    kind: 'connectwise',
    name: 'ConnectWise (bench)',
    schedule: 'off',
    settings: {
      clientId: 'settle-bench',
      companyId: 'bench',
      publicKey: fake.publicKey,
      site: fake.url,
    },
  });
  if (created.status !== 201) throw new Error(`integration: ${created.status}`);
  const integrationId = created.body.id;

  const idle = memoryOf(pid);
  const started = performance.now();
  /** RSS every 100 ms through both runs: [seconds since the first sync started, MB]. */
  const samples = [];
  let benchPeak = 0;
  const sampler = setInterval(() => {
    samples.push([(performance.now() - started) / 1000, memoryOf(pid).rss]);
    benchPeak = Math.max(benchPeak, memoryOf(process.pid).rss);
  }, 100);
  stops.push({ stop: async () => clearInterval(sampler) });
  const loadBefore = loadavg()[0];

  console.log('First sync…');
  const settleCpuBefore = cpuOf(pid);
  const backendsBefore = await backendsCpu(db);
  const first = await runSync(api, integrationId, true);
  // Work done, unlike times, moves little with the machine's load: Settle's CPU and that of the
  // database's backends (those alive at the end; a connection opened during the run counts whole).
  const settleCpu = cpuOf(pid) - settleCpuBefore;
  let databaseCpu = 0;
  for (const [backend, cpu] of await backendsCpu(db))
    databaseCpu += cpu - (backendsBefore.get(backend) ?? 0);
  const firstEnd = (performance.now() - started) / 1000;
  const mark = await writeMark(db);
  console.log('Immediate full re-sync…');
  const again = await runSync(api, integrationId, true);
  const writtenByResync = await rowsWrittenSince(db, mark);
  clearInterval(sampler);
  const loadAfter = loadavg()[0];
  const peakOf = (from, to) =>
    Math.max(...samples.filter(([t]) => t >= from && t < to).map(([, rss]) => rss));

  const { rows } = await db.query(
    "SELECT count(*)::int AS n FROM invoices WHERE source = 'connectwise'",
  );
  const copySeconds = copyInvoicesSeconds(databaseUrl, 'connectwise');
  const seconds = (iso) => Date.parse(iso) / 1000;
  const total = seconds(first.finishedAt) - seconds(first.startedAt);
  const records = first.counts.created;
  const writeRate = records / (first.timings.writeMs / 1000);
  const copyRate = rows[0].n / copySeconds;
  console.table([
    {
      invoices: rows[0].n,
      'first sync s': total.toFixed(1),
      'target s': '≤ 15',
      'fetch ms': first.timings.fetchMs,
      'write ms': first.timings.writeMs,
      'write rows/s': Math.round(writeRate),
      'COPY rows/s': Math.round(copyRate),
      'write/COPY': (writeRate / copyRate).toFixed(2),
      'CPU s Settle/DB': `${settleCpu.toFixed(1)}/${databaseCpu.toFixed(1)}`,
      're-sync s': (seconds(again.finishedAt) - seconds(again.startedAt)).toFixed(1),
      're-sync rows written': writtenByResync,
      're-sync counts': `${again.counts.created}c ${again.counts.updated}u ${again.counts.deleted}d`,
    },
  ]);
  const end = samples.at(-1)?.[1] ?? idle.rss;
  console.table([
    {
      'RSS idle MB': idle.rss.toFixed(0),
      'RSS peak, first sync MB': peakOf(0, firstEnd).toFixed(0),
      'RSS peak, re-sync MB': peakOf(firstEnd, Infinity).toFixed(0),
      'RSS end MB': end.toFixed(0),
      'VmHWM MB': memoryOf(pid).peak.toFixed(0),
      'bench + fake CW RSS peak MB': benchPeak.toFixed(0),
      'load before': loadBefore.toFixed(2),
      'load after': loadAfter.toFixed(2),
    },
  ]);
  // One figure a second (the highest of its ten samples), so a climb with the rows shows.
  const perSecond = [];
  for (const [t, rss] of samples)
    perSecond[Math.floor(t)] = Math.max(perSecond[Math.floor(t)] ?? 0, rss);
  console.log(
    `RSS MB each second (first sync ends at ${firstEnd.toFixed(1)} s): ` +
      Array.from(perSecond, (rss) => (rss ?? 0).toFixed(0)).join(' '),
  );
  console.log(
    `write rows/s counts records (${records}); each invoice record is two table rows ` +
      `(external entity and invoice), so the write stage puts ${Math.round(
        (records + rows[0].n) / (first.timings.writeMs / 1000),
      )} table rows/s.`,
  );
  console.log(
    'write rows/s: records the first sync created (external entities, each projected into an ' +
      'organization or invoice in the same page transaction) ÷ its write stage; COPY rows/s: the same ' +
      'invoice rows COPYed into invoices by psql. Rows written: row versions inserted or updated in the ' +
      `data tables (${DATA_TABLES.join(', ')}) during the re-sync.`,
  );
}

const source = process.argv[process.argv.indexOf('--source') + 1];
(process.argv.includes('--source') && source === 'quickbooks'
  ? runQuickBooksBench(ROOT, stops)
  : main()
)
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const s of stops.reverse()) await s.stop().catch(() => {});
  });
