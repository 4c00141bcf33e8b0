// bench/sync.mjs --source quickbooks: the QuickBooks Online case of issue 15.
// 1. Pull: a first sync of N invoices (and customers) from the fake QuickBooks by query paging
//    (STARTPOSITION/MAXRESULTS 1000), then an immediate incremental (CDC) re-sync that must write
//    nothing, then a CDC pull of 5% edited invoices (CDC answers 1,000 objects at most, so the
//    adapter pages by narrowing its window). Same figures as part 1: total time (≤ 15 s), the
//    write stage against COPY of the same rows (≥ 0.5×), rows written by the re-sync (0), RSS.
// 2. Push: P card payments pushed to the fake throttled to 10 concurrent requests with a fixed
//    latency: wall time against the floor P × latency / 10 (target ≤ 1.2×), and duplicates in
//    QuickBooks (payments sharing a reference; target 0). --payments 0 skips the push.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

import pg from 'pg';

import { loadFakeQuickBooks } from './fake-connectwise.mjs';
import {
  backendsCpu,
  copyInvoicesSeconds,
  cpuOf,
  rowsWrittenSince,
  writeMark,
} from './sync-measures.mjs';
import {
  adminApi,
  benchInfrastructure,
  emptyDatabase,
  numberOption,
  pool,
  signInAsDemoAdmin,
  startSettle,
} from './settle-bench.mjs';

const INVOICES = numberOption('--invoices', 100_000);
const CUSTOMERS = numberOption('--companies', 1_000);
const PAGE = numberOption('--page', 1_000);
const PAYMENTS = numberOption('--payments', 10_000);
// QuickBooks Online answers a write in a few hundred milliseconds; 100 ms keeps the run short.
const LATENCY_MS = numberOption('--latency', 100);
const DATABASE = 'settle_bench_sync_qbo';
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Signs the fake QuickBooks in as an admin would: authorize → consent → callback. */
async function connect(url, integrationId) {
  const { cookie } = await signInAsDemoAdmin(url);
  const authorize = await fetch(`${url}/api/v1/integrations/${integrationId}/oauth/authorize`, {
    headers: { cookie },
    redirect: 'manual',
  });
  const consent = await fetch(authorize.headers.get('location'), { redirect: 'manual' });
  const back = new URL(consent.headers.get('location'));
  const done = await fetch(`${url}${back.pathname}${back.search}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  const landing = done.headers.get('location') ?? '';
  if (!landing.includes('quickbooks=connected')) throw new Error(`connect: ${landing}`);
}

async function runEnded(api, id) {
  for (;;) {
    const run = (await api('GET', `/sync-runs/${id}`)).body;
    if (run.status === 'succeeded') return run;
    if (run.status === 'failed') throw new Error(`sync failed: ${run.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function syncNow(api, integrationId, full) {
  const started = await api('POST', `/integrations/${integrationId}/sync-runs`, { full });
  if (started.status !== 202) throw new Error(`sync: ${started.status}`);
  return runEnded(api, started.body.id);
}

export async function runQuickBooksBench(root, stops) {
  const { databaseUrl, redisUrl } = await benchInfrastructure(root, DATABASE, stops);
  await emptyDatabase(root, databaseUrl);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  stops.push({ stop: () => db.end() });

  const { startFakeQuickBooks } = await loadFakeQuickBooks(root);
  const fake = await startFakeQuickBooks({ maxConcurrent: 10, now: new Date() });
  stops.push({ stop: () => fake.close() });
  console.log(`Seeding the fake QuickBooks: ${CUSTOMERS} customers, ${INVOICES} invoices…`);
  for (let i = 1; i <= CUSTOMERS; i++)
    fake.add('Customer', { DisplayName: `Bench Customer ${i}`, Id: String(i) });
  for (let i = 1; i <= INVOICES; i++) {
    const total = 100 + (i % 97);
    fake.add('Invoice', {
      Balance: total,
      CustomerRef: { value: String(((i - 1) % CUSTOMERS) + 1) },
      DocNumber: `Q-${i}`,
      DueDate: '2026-12-31',
      Id: String(i),
      TotalAmt: total,
      TxnDate: '2026-11-01',
    });
  }

  let settle;
  const env = {
    DATABASE_URL: databaseUrl,
    QBO_API_BASE: fake.url,
    QBO_CLIENT_ID: fake.clientId,
    QBO_CLIENT_SECRET: fake.clientSecret,
    QBO_OAUTH_BASE: fake.url,
    REDIS_URL: redisUrl,
    SYNC_PAGE_SIZE: String(PAGE),
  };
  const url = await startSettle(root, stops, env, (child) => (settle = child));
  const pid = settle.pid;
  const api = await adminApi(url);
  const created = await api('POST', '/integrations', {
    kind: 'quickbooks',
    name: 'QuickBooks (bench)',
    schedule: 'off',
    settings: {},
  });
  if (created.status !== 201) throw new Error(`integration: ${created.status}`);
  const integrationId = created.body.id;

  const idle = rssOf(pid);
  const samples = [];
  const sampler = setInterval(() => samples.push(rssOf(pid)), 100);
  stops.push({ stop: async () => clearInterval(sampler) });
  const loadBefore = loadavg()[0];
  console.log('Connecting (OAuth) — the first sync starts on its own…');
  // Work done, which moves less than times on a shared machine: Settle's CPU, the database
  // backends' (those alive at the end; a connection opened during the run counts whole) and this
  // process's, where the fake QuickBooks answers.
  const settleCpuBefore = cpuOf(pid);
  const backendsBefore = await backendsCpu(db);
  const benchCpuBefore = process.cpuUsage();
  await connect(url, integrationId);
  const runs = (await api('GET', `/sync-runs?integrationId=${integrationId}`)).body.data;
  const first = await runEnded(api, runs[0].id);
  const settleCpu = cpuOf(pid) - settleCpuBefore;
  let databaseCpu = 0;
  for (const [backend, cpu] of await backendsCpu(db))
    databaseCpu += cpu - (backendsBefore.get(backend) ?? 0);
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const fakeCpu = (benchCpu.user + benchCpu.system) / 1e6;
  const firstPeak = Math.max(...samples);

  const mark = await writeMark(db);
  console.log('Immediate incremental (CDC) re-sync…');
  const again = await syncNow(api, integrationId, false);
  const writtenByResync = await rowsWrittenSince(db, mark);

  const edits = Math.floor(INVOICES / 20);
  for (let i = 1; i <= edits; i++) {
    const id = String(i * 20);
    fake.edit('Invoice', id, { Balance: fake.get('Invoice', id).Balance - 1 });
  }
  console.log(`CDC pull of ${edits} edited invoices…`);
  const cdc = await syncNow(api, integrationId, false);
  clearInterval(sampler);

  const count = (
    await db.query("SELECT count(*)::int AS n FROM invoices WHERE source = 'quickbooks'")
  ).rows[0].n;
  const copy = copyInvoicesSeconds(databaseUrl, 'quickbooks');
  const seconds = (run) => (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const writeRate = first.counts.created / (first.timings.writeMs / 1000);
  console.table([
    {
      invoices: count,
      'first sync s': seconds(first).toFixed(1),
      'target s': '≤ 15',
      'write rows/s': Math.round(writeRate),
      'COPY rows/s': Math.round(count / copy),
      'write/COPY': (writeRate / (count / copy)).toFixed(2),
      'fetch ms': first.timings.fetchMs,
      'write ms': first.timings.writeMs,
      'CPU s Settle/DB/fake QBO': `${settleCpu.toFixed(1)}/${databaseCpu.toFixed(1)}/${fakeCpu.toFixed(1)}`,
      're-sync (CDC) s': seconds(again).toFixed(1),
      're-sync rows written': writtenByResync,
      [`CDC of ${edits} edits s`]: seconds(cdc).toFixed(1),
      'CDC updated': cdc.counts.updated,
    },
  ]);
  console.table([
    {
      'RSS idle MB': idle.toFixed(0),
      'RSS peak first sync MB': firstPeak.toFixed(0),
      'RSS peak overall MB': Math.max(...samples).toFixed(0),
      'load before': loadBefore.toFixed(2),
      'load after': loadavg()[0].toFixed(2),
    },
  ]);

  // --payments 0: the pull alone (the push's part takes minutes).
  if (PAYMENTS === 0) return;
  // The push is measured on its own: payments are taken by an API-only process (no workers, so
  // nothing pushes them yet), then a full process starts and its push job sends them all.
  await stopSettle(settle);
  const apiOnly = await startSettle(
    root,
    stops,
    { ...env, SETTLE_ROLE: 'api' },
    (child) => (settle = child),
  );
  await takePayments(await adminApi(apiOnly), db);
  await stopSettle(settle);
  fake.company.latencyMs = LATENCY_MS;
  const before = fake.requests.length;
  await startSettle(root, stops, env);
  await measurePush(db, fake, before);
}

async function stopSettle(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** P card payments, each on its own invoice, taken through the API. */
async function takePayments(api, db) {
  const organizations = (
    await db.query(
      `SELECT l.organization_id AS id, array_agg(i.id ORDER BY i.number) AS invoices
         FROM organization_links l JOIN invoices i ON i.organization_id = l.organization_id
        WHERE l.source = 'quickbooks' AND i.source = 'quickbooks' AND i.number LIKE 'Q-%' AND i.status = 'open'
        GROUP BY l.organization_id ORDER BY l.organization_id LIMIT 100`,
    )
  ).rows;
  const perOrganization = Math.ceil(PAYMENTS / organizations.length);
  const work = [];
  for (const organization of organizations) {
    const method = await api('POST', `/organizations/${organization.id}/payment-methods`, {
      token: 'pm_card_visa',
    });
    if (method.status !== 201) throw new Error(`method: ${method.status}`);
    for (const invoiceId of organization.invoices.slice(0, perOrganization))
      if (work.length < PAYMENTS)
        work.push({ invoiceId, methodId: method.body.id, organizationId: organization.id });
  }
  console.log(`Taking ${work.length} card payments…`);
  const setup = performance.now();
  await pool(work, 16, async ({ invoiceId, methodId, organizationId }) => {
    const paid = await api(
      'POST',
      '/payments',
      { allocations: [{ amount: 100, invoiceId }], organizationId, paymentMethodId: methodId },
      { 'idempotency-key': `bench-${invoiceId}` },
    );
    if (paid.status !== 201)
      throw new Error(`payment: ${paid.status} ${JSON.stringify(paid.body)}`);
  });
  console.log(`…taken in ${((performance.now() - setup) / 1000).toFixed(1)} s.`);
  return work.length;
}

/** Waits for the push job to send every waiting payment; prints wall time against the floor. */
async function measurePush(db, fake, before) {
  const expected = (
    await db.query(
      "SELECT count(*)::int AS n FROM payments WHERE accounting_sync_status = 'pending'",
    )
  ).rows[0].n;
  console.log(`Pushing ${expected} payments (the job runs within its minute)…`);
  const synced = async () =>
    (
      await db.query(
        "SELECT count(*) FILTER (WHERE accounting_sync_status = 'synced')::int AS synced, count(*) FILTER (WHERE accounting_sync_status = 'failed')::int AS failed FROM payments",
      )
    ).rows[0];
  let state = await synced();
  while (state.synced + state.failed < expected) {
    await new Promise((r) => setTimeout(r, 200));
    state = await synced();
  }
  const recordedAt = Date.now();
  const requests = fake.requests.slice(before).filter((r) => r.path.includes('/v3/company/'));
  const posts = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/payment'));
  const wall =
    (Math.max(...requests.map((r) => r.at)) + LATENCY_MS - Math.min(...posts.map((r) => r.at))) /
    1000;
  const floor = (expected * LATENCY_MS) / 10 / 1000;
  const references = fake.all('Payment').map((p) => p.PaymentRefNum);
  console.table([
    {
      payments: expected,
      synced: state.synced,
      failed: state.failed,
      'push wall s': wall.toFixed(2),
      'floor s (P × latency ÷ 10)': floor.toFixed(2),
      'wall/floor': (wall / floor).toFixed(2),
      'all recorded s': ((recordedAt - Math.min(...posts.map((r) => r.at))) / 1000).toFixed(1),
      target: '≤ 1.2',
      'POST /payment': posts.length,
      'other requests': requests.length - posts.length,
      duplicates: references.length - new Set(references).size,
    },
  ]);
  const start = Math.min(...posts.map((r) => r.at));
  const perSecond = [];
  for (const r of posts)
    perSecond[Math.floor((r.at - start) / 1000)] =
      (perSecond[Math.floor((r.at - start) / 1000)] ?? 0) + 1;
  console.log(`POST /payment each second: ${Array.from(perSecond, (n) => n ?? 0).join(' ')}`);
  const failures = await db.query(
    "SELECT accounting_sync_cause AS cause, accounting_sync_error AS error FROM payments WHERE accounting_sync_status = 'failed' LIMIT 5",
  );
  for (const { cause, error } of failures.rows) console.log(`failed (${cause}): ${error}`);
  console.log(
    `push wall: from the first POST /payment to the last request's answer (latency ${LATENCY_MS} ms, ` +
      'at most 10 requests at once in the fake, as in QuickBooks). Duplicates: QuickBooks payments ' +
      'sharing a payment reference (Settle sends one per payment).',
  );
}
