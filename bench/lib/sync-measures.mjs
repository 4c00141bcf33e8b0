// What bench/sync.mjs measures of a sync, for ConnectWise and QuickBooks alike.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Tables a sync writes for its data; sync_runs and integrations hold its own bookkeeping. */
export const DATA_TABLES = [
  'external_entities',
  'organizations',
  'organization_links',
  'organization_balances',
  'contacts',
  'contact_memberships',
  'invoices',
  'credits',
];
const INVOICE_COLUMNS =
  'organization_id, number, issue_date, due_date, terms, po_number, currency, total, ' +
  'source_balance, open_balance, over_allocated, status, source, external_id, pdf_url';

/** The next transaction id: rows whose xmin is at or after it were written after this point. */
export async function writeMark(db) {
  const { rows } = await db.query('SELECT txid_current()::bigint % 4294967296 AS xid');
  return Number(rows[0].xid);
}

/**
 * Row versions in the data tables written since the mark: each insert and each update leaves
 * one (exact and immediate, unlike the statistics views, which a backend flushes lazily).
 */
export async function rowsWrittenSince(db, mark) {
  let total = 0;
  for (const table of DATA_TABLES) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE xmin::text::bigint > $1`,
      [mark],
    );
    total += rows[0].n;
  }
  return total;
}

/** Seconds to COPY the source's synced invoice rows (under another source) into invoices. */
export function copyInvoicesSeconds(databaseUrl, source) {
  const file = join(tmpdir(), `settle-bench-sync-${source}-${process.pid}.csv`);
  const select = INVOICE_COLUMNS.replace('source,', "'bench-copy',");
  execFileSync('psql', [
    databaseUrl,
    '-qc',
    `\\copy (SELECT ${select} FROM invoices WHERE source = '${source}') TO '${file}' CSV`,
  ]);
  const started = performance.now();
  execFileSync('psql', [
    databaseUrl,
    '-qc',
    `\\copy invoices (${INVOICE_COLUMNS}) FROM '${file}' CSV`,
  ]);
  const seconds = (performance.now() - started) / 1000;
  execFileSync('psql', [databaseUrl, '-qc', "DELETE FROM invoices WHERE source = 'bench-copy'"]);
  rmSync(file, { force: true });
  return seconds;
}

/** CPU seconds (user + system) a process has used so far (Linux /proc), 0 once it is gone. */
export function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by each Postgres backend serving the bench database (but ours). */
export async function backendsCpu(db) {
  const { rows } = await db.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return new Map(rows.map(({ pid }) => [pid, cpuOf(pid)]));
}
