#!/usr/bin/env node
// 2,000 account summaries: each renders a statement PDF and is delivered over SMTP to the local
// mail catcher that `npm start` uses, by one Settle process (API and workers, production mode).
// Prints statements/s from the first request to the last message on disk, and the process's RSS.
//   npm run build:api && node bench/statements.mjs [--organizations N] [--invoices-per N]
// Uses DATABASE_URL's server (database settle_bench_statements) and REDIS_URL when set,
// embedded ones otherwise.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { startEmbeddedSmtp } from '@settle/embedded';
import pg from 'pg';

import {
  benchInfrastructure,
  numberOption,
  pool,
  signInAsDemoAdmin,
  startSettle,
} from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ORGANIZATIONS = numberOption('--organizations', 2_000);
const INVOICES_PER = numberOption('--invoices-per', 12);
const REQUEST_WIDTH = 8;
const TARGET_PER_SECOND = 20;
const MAIL_DIR = join(ROOT, '.tmp/bench-mail');

const stops = [];

async function session(url) {
  const { cookie, csrf } = await signInAsDemoAdmin(url);
  return async (method, path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      method,
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return parsed;
  };
}

const addDays = (iso, days) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Organizations with a billing contact who receives account emails, and open invoices. */
async function seed(api) {
  const profile = await api('POST', '/access-profiles', {
    name: `Bench billing ${Date.now()}`,
    permissions: {
      manageAutopay: false,
      managePaymentMethods: false,
      pay: true,
      receiveAccountEmails: true,
      viewCredits: false,
      viewInvoices: true,
      viewUnappliedPayments: false,
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  const run = Date.now().toString(36);
  const organizations = await pool(
    Array.from({ length: ORGANIZATIONS }, (_, i) => i),
    16,
    async (i) => {
      const org = await api('PUT', `/organizations/external/bench-${run}/org-${i}`, {
        name: `Statement Customer ${i}`,
      });
      await api('POST', `/organizations/${org.id}/contacts`, {
        accessProfileId: profile.id,
        email: `billing-${run}-${i}@example.com`,
        firstName: 'Billing',
        isDefaultNotification: true,
        lastName: `Contact ${i}`,
      });
      return org.id;
    },
  );
  const invoices = organizations.flatMap((organizationId, o) =>
    Array.from({ length: INVOICES_PER }, (_, k) => ({
      currency: 'USD',
      dueDate: addDays(today, 30 - k * 11),
      externalId: `inv-${run}-${o}-${k}`,
      issueDate: addDays(today, -k * 11),
      number: `S-${o}-${k}`,
      organizationId,
      source: 'bench',
      sourceBalance: 12_345 + k * 1000,
      total: 12_345 + k * 1000,
    })),
  );
  for (let i = 0; i < invoices.length; i += 1000)
    await api('POST', '/invoices/bulk', { invoices: invoices.slice(i, i + 1000) });
  return organizations;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const messagesOnDisk = () => readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).length;

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(
    ROOT,
    'settle_bench_statements',
    stops,
  );
  rmSync(MAIL_DIR, { force: true, recursive: true });
  const smtp = await startEmbeddedSmtp({ dir: MAIL_DIR });
  stops.push(smtp);
  let pid;
  const url = await startSettle(
    ROOT,
    stops,
    { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, SMTP_URL: smtp.url },
    (child) => (pid = child.pid),
  );
  const api = await session(url);

  const seeded = performance.now();
  const organizations = await seed(api);
  console.log(
    `Seeded ${organizations.length} organizations × ${INVOICES_PER} open invoices in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );
  const before = messagesOnDisk();
  const rssAtStart = rssMb(pid);
  const samples = [];
  const sampler = setInterval(() => samples.push({ at: performance.now(), mb: rssMb(pid) }), 100);

  const started = performance.now();
  await pool(organizations, REQUEST_WIDTH, (id) =>
    api('POST', `/organizations/${id}/account-summary`, {}),
  );
  const requested = performance.now();
  let delivered = messagesOnDisk() - before;
  let halfway = null;
  while (delivered < organizations.length) {
    await sleep(100);
    delivered = messagesOnDisk() - before;
    if (!halfway && delivered >= organizations.length / 2) halfway = rssMb(pid);
    if (performance.now() - started > 600_000)
      throw new Error(`only ${delivered} delivered in 10 min`);
  }
  const finished = performance.now();
  clearInterval(sampler);
  const peak = Math.max(...samples.map((s) => s.mb));
  const rssAtEnd = rssMb(pid);

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const [{ sent, failed, bytes }] = (
    await db.query(
      `SELECT count(*) FILTER (WHERE e.status = 'sent')::int AS sent,
              count(*) FILTER (WHERE e.status = 'failed')::int AS failed,
              coalesce(avg(a.size), 0)::int AS bytes
         FROM emails e LEFT JOIN email_attachments a ON a.email_id = e.id
        WHERE e.type = 'account_summary'`,
    )
  ).rows;
  await db.end();

  const seconds = (finished - started) / 1000;
  const rate = organizations.length / seconds;
  console.log(
    `Account summaries: ${organizations.length} requested in ${((requested - started) / 1000).toFixed(1)} s, all delivered in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  ${rate.toFixed(1)} statements/s (target ≥ ${TARGET_PER_SECOND}/s) ${rate >= TARGET_PER_SECOND ? 'OK' : 'BELOW TARGET'}`,
  );
  console.log(
    `  rows: ${sent} sent, ${failed} failed; statement PDF ${Math.round(bytes / 1024)} KB on average`,
  );
  console.log(
    `  Settle RSS: ${rssAtStart.toFixed(0)} MB before, ${halfway?.toFixed(0) ?? '-'} MB halfway, ${rssAtEnd.toFixed(0)} MB after, peak ${peak.toFixed(0)} MB`,
  );
}

try {
  await main();
} finally {
  for (const stop of stops.reverse()) await stop.stop().catch(() => {});
}
