// What every benchmark needs: a database and Redis (the machine's, or embedded ones), and a
// signed-in demo admin.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  startEmbeddedRedis,
  withDatabase,
} from '@settle/embedded';

/**
 * DATABASE_URL's server and REDIS_URL when set, embedded ones under .tmp/ otherwise.
 * @param {string} root
 * @param {string} database
 * @param {{ stop: () => Promise<void> }[]} stops what to stop when the benchmark ends
 */
export async function benchInfrastructure(root, database, stops) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: join(root, '.tmp/bench-postgres'),
      database,
      log: () => {},
    });
    stops.push(embedded);
    adminUrl = embedded.adminUrl;
  }
  await ensureDatabase(adminUrl, database);
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startEmbeddedRedis({ dir: join(root, '.tmp/bench-redis'), log: () => {} });
    stops.push(redis);
    redisUrl = redis.url;
  }
  return { databaseUrl: withDatabase(adminUrl, database), redisUrl };
}

/**
 * Signs in as the demo admin.
 * @param {string} url
 * @returns {Promise<{ cookie: string; csrf: string }>}
 */
export async function signInAsDemoAdmin(url) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    body: JSON.stringify({ email: 'admin@settle.test', password: 'settle-demo' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('settle_csrf=')).split('=')[1];
  return { cookie: cookies.join('; '), csrf };
}

/** Settle runs with NODE_ENV=production in benchmarks, which needs a sealing key. */
export const BENCH_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * One Settle process (API and workers, production mode, demo data) on a free port; resolves
 * with its URL once it answers /health/ready.
 * @param {string} root
 * @param {{ stop: () => Promise<void> }[]} stops
 * @param {Record<string, string>} env DATABASE_URL, REDIS_URL and any overrides
 * @param {(child: import('node:child_process').ChildProcess) => void} [onSpawn] e.g. to read its RSS
 */
export async function startSettle(root, stops, env, onSpawn) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/src/main.js')], {
    cwd: join(root, 'apps/api'),
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PORT: String(port),
      QUEUE_PREFIX: `settle-bench-${Date.now()}`,
      SETTLE_DEMO_DATA: 'true',
      SETTLE_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
      SETTLE_MIGRATE_ON_START: 'true',
      SETTLE_SERVE_WEB: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  stops.push({ stop: async () => void child.kill('SIGTERM') });
  onSpawn?.(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return url;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Settle did not start');
}

/**
 * Migrates `databaseUrl` and empties every table, for benchmarks that start from nothing.
 * Needs the compiled API (npm run build:api).
 * @param {string} root
 * @param {string} databaseUrl
 */
export async function emptyDatabase(root, databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  const require = createRequire(import.meta.url);
  const dataSource = await require(
    join(root, 'apps/api/dist/src/database/data-source.js'),
  ).default.initialize();
  try {
    await require(join(root, 'apps/api/dist/src/database/migrate.js')).runMigrationsLocked(
      dataSource,
    );
    const tables = await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The demo admin's API: `api(method, path, body?, extraHeaders?)` → `{ status, body }`.
 * @param {string} url
 */
export async function adminApi(url) {
  const { cookie, csrf } = await signInAsDemoAdmin(url);
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
  return async (method, path, body, extra = {}) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...headers, ...extra },
      method,
    });
    const text = await res.text();
    return { body: text ? JSON.parse(text) : null, status: res.status };
  };
}

/**
 * Runs `work` over `items` with at most `width` in flight; the results in the items' order.
 * @template T, R
 * @param {T[]} items
 * @param {number} width
 * @param {(item: T, index: number) => Promise<R>} work
 * @returns {Promise<R[]>}
 */
export async function pool(items, width, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

/**
 * Migrates and seeds (npm run seed:large's data) unless an earlier run already left as much.
 * @param {string} root
 * @param {string} databaseUrl
 * @param {{ organizations: number, invoices: number }} size
 */
export async function seedLargeOnce(root, databaseUrl, { organizations, invoices }) {
  const require = createRequire(import.meta.url);
  process.env.DATABASE_URL = databaseUrl;
  const dataSource = await require(
    join(root, 'apps/api/dist/src/database/data-source.js'),
  ).default.initialize();
  try {
    await require(join(root, 'apps/api/dist/src/database/migrate.js')).runMigrationsLocked(
      dataSource,
    );
    const [have] = await dataSource.query(
      `SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM invoices)::int AS invoices`,
    );
    if (have.orgs >= organizations && have.invoices >= invoices) {
      console.log(
        `Data: ${have.orgs} organizations, ${have.invoices} invoices (kept from an earlier run)`,
      );
      return;
    }
    await dataSource.query(
      'TRUNCATE organizations, invoices, organization_balances, credits, contact_memberships CASCADE',
    );
    const { seedLarge } = require(join(root, 'apps/api/dist/src/database/seed-large.js'));
    const result = await seedLarge(dataSource, { invoices, organizations });
    console.log(
      `Seeded ${result.organizations} organizations and ${result.invoices} invoices in ${result.seconds} s`,
    );
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A numeric command-line option: `--invoices 1000` → 1000; the fallback when absent.
 * @param {string} flag
 * @param {number} fallback
 */
export function numberOption(flag, fallback) {
  const index = process.argv.indexOf(flag);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
