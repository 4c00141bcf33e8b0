import { DataSource } from 'typeorm';

export interface LargeSeedOptions {
  organizations: number;
  invoices: number;
  /** Share of invoices still open (the rest are paid); open ones are spread over the aging buckets. */
  openShare?: number;
  log?: (line: string) => void;
}

export interface LargeSeedResult {
  organizations: number;
  invoices: number;
  seconds: number;
}

const BATCH = 200_000;

/**
 * Fills a database with generated A/R for load tests: organizations, then invoices in batches
 * generated inside PostgreSQL (generate_series), then the per-organization balances in one pass.
 * Row-by-row inserts would take an hour at this size; this takes about a minute. Whether an
 * invoice is open is a multiplicative hash of its number (mod 2^32, so that it does not follow
 * the organization), so every organization has some open invoices.
 */
export async function seedLarge(
  dataSource: DataSource,
  options: LargeSeedOptions,
): Promise<LargeSeedResult> {
  const log = options.log ?? (() => undefined);
  const openShare = options.openShare ?? 0.2;
  const started = performance.now();
  const runId = Date.now().toString(36);

  await dataSource.query(
    `INSERT INTO organizations (name, city, region, country, status)
     SELECT 'Load ' || $1 || ' ' || lpad(g::text, 6, '0') || ' ' ||
            (ARRAY['Consulting','Dental','Logistics','Law','Design','Farms','Clinic','Builders'])[1 + g % 8],
            (ARRAY['Des Moines','Fargo','Omaha','Ames','Sioux Falls'])[1 + g % 5], 'IA', 'US', 'active'
       FROM generate_series(1, $2::int) g`,
    [runId, options.organizations],
  );
  log(`organizations: ${options.organizations} in ${seconds(started)} s`);

  await dataSource.query(
    `CREATE TEMP TABLE seed_orgs AS
     SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organizations WHERE name LIKE 'Load ' || $1 || ' %'`,
    [runId],
  );
  for (let from = 1; from <= options.invoices; from += BATCH) {
    const to = Math.min(options.invoices, from + BATCH - 1);
    await dataSource.query(
      `INSERT INTO invoices (organization_id, number, issue_date, due_date, terms, currency, total,
                             source_balance, open_balance, status, source, external_id)
       SELECT o.id, 'L' || g, d.due - 30, d.due, 'Net 30', 'USD', t.total,
              CASE WHEN t.open THEN t.total ELSE 0 END, CASE WHEN t.open THEN t.total ELSE 0 END,
              CASE WHEN t.open THEN 'open' ELSE 'paid' END, 'load', $5 || '-' || g
         FROM generate_series($1::int, $2::int) g
         JOIN seed_orgs o ON o.n = g % $3::int
         CROSS JOIN LATERAL (SELECT (current_date - (g % 400) + 30)::date AS due) d
         CROSS JOIN LATERAL (SELECT 5000 + (g::bigint * 7919) % 500000 AS total, (g::bigint * 2654435761) % 4294967296 % 1000 < $4::int AS open) t`,
      [from, to, options.organizations, Math.round(openShare * 1000), runId],
    );
    log(`invoices: ${to} in ${seconds(started)} s`);
  }
  await dataSource.query('DROP TABLE seed_orgs');

  await dataSource.query('DELETE FROM organization_balances');
  await dataSource.query(
    `INSERT INTO organization_balances (organization_id, currency, balance, past_due, open_invoices, oldest_due_date,
                                        current, days1to30, days31to60, days61to90, days90plus, as_of)
     SELECT organization_id, currency, sum(open_balance),
            coalesce(sum(open_balance) FILTER (WHERE due_date < current_date), 0), count(*), min(due_date),
            coalesce(sum(open_balance) FILTER (WHERE due_date >= current_date), 0),
            coalesce(sum(open_balance) FILTER (WHERE due_date < current_date AND due_date >= current_date - 30), 0),
            coalesce(sum(open_balance) FILTER (WHERE due_date < current_date - 30 AND due_date >= current_date - 60), 0),
            coalesce(sum(open_balance) FILTER (WHERE due_date < current_date - 60 AND due_date >= current_date - 90), 0),
            coalesce(sum(open_balance) FILTER (WHERE due_date < current_date - 90), 0),
            current_date
       FROM invoices WHERE status = 'open' AND open_balance > 0
      GROUP BY organization_id, currency`,
  );
  // VACUUM too: it sets the visibility map, without which index-only scans read the heap.
  await dataSource.query('VACUUM ANALYZE organizations, invoices, organization_balances');
  log(`balances and VACUUM ANALYZE done in ${seconds(started)} s`);
  return {
    invoices: options.invoices,
    organizations: options.organizations,
    seconds: Number(seconds(started)),
  };
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}
