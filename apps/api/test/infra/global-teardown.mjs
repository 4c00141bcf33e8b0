import pg from 'pg';

/** Drops every database this run created, then stops embedded servers it started. */
export default async function globalTeardown() {
  const runId = process.env.SETTLE_TEST_RUN_ID;
  const client = new pg.Client({ connectionString: adminUrl(process.env.DATABASE_URL) });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `settle_test_${runId}_%`,
    ]);
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  for (const server of (globalThis.__SETTLE_TEST_INFRA__ ?? []).reverse()) await server.stop();
}

function adminUrl(url) {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}
