import { DataSource } from 'typeorm';

export type RowCounts = Record<string, number>;

/**
 * Exact row counts of every table in one round trip (pg_stat estimates would miss a single
 * stray insert), for tests that prove a refused request wrote nothing.
 */
export async function rowCounter(dataSource: DataSource): Promise<() => Promise<RowCounts>> {
  const tables: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
  );
  const sql = `SELECT ${tables
    .map((r) => `(SELECT count(*) FROM "${r.tablename}")::int AS "${r.tablename}"`)
    .join(', ')}`;
  return async () => (await dataSource.query(sql))[0];
}

/** The tables whose counts differ, as `table (before -> after)`. */
export function changedTables(before: RowCounts, after: RowCounts): string[] {
  return Object.keys(after)
    .filter((table) => after[table] !== before[table])
    .map((table) => `${table} (${before[table]} -> ${after[table]})`);
}
