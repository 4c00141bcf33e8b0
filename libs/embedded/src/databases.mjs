import { randomBytes } from 'node:crypto';

import pg from 'pg';

/**
 * Runs `fn` with a short-lived connection; kept tiny on purpose because these helpers only issue
 * CREATE/DROP DATABASE, which cannot run inside a transaction or pool-managed session anyway.
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Returns `url` with its database name replaced.
 * @param {string} url
 * @param {string} database
 */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Creates `database` unless it already exists.
 * @param {string} adminUrl  a URL whose user may CREATE DATABASE
 * @param {string} database
 * @returns {Promise<boolean>} whether it was created
 */
export async function ensureDatabase(adminUrl, database) {
  return withClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  });
}

/**
 * Creates an empty, uniquely named database on the server of `adminUrl`, for tests and for the
 * migration drift check, so they never touch the developer's data.
 * @param {string} adminUrl
 * @returns {Promise<{ name: string, url: string }>}
 */
export async function createTestDatabase(adminUrl) {
  const name = `settle_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );
  return { name, url: withDatabase(adminUrl, name) };
}

/**
 * Drops a database even while connections (a leaked pool in a failed test) are still open.
 * @param {string} adminUrl  must point at a different database than `name`
 * @param {string} name
 */
export async function dropDatabase(adminUrl, name) {
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
