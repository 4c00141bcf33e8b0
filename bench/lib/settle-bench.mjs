// What every benchmark needs: a database and Redis (the machine's, or embedded ones), and a
// signed-in demo admin.
import { spawn } from 'node:child_process';
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
 */
export async function startSettle(root, stops, env) {
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
