#!/usr/bin/env node
// Starts embedded Postgres and Redis the way the launcher does, for a test in another process to
// kill their servers (jest cannot load this ESM package itself). Writes one JSON object per line
// on stdout: each log line as { log }, then { postgres, redis } with ports and PID files; stops
// both when stdin closes, then writes { stopped: true }.
// Usage: node supervision-driver.mjs <work dir>
import { join, resolve } from 'node:path';

import { startEmbeddedPostgres, startEmbeddedRedis } from '../src/index.mjs';

const dir = resolve(process.argv[2] ?? '.tmp/supervision');
const emit = (/** @type {unknown} */ value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const log = (/** @type {string} */ line) => emit({ log: line });

const postgres = await startEmbeddedPostgres({
  dataDir: join(dir, 'postgres'),
  database: 'postgres',
  persistent: false,
  log,
});
const redis = await startEmbeddedRedis({ dir: join(dir, 'redis'), log });
emit({
  postgres: { port: postgres.port, pidFile: join(dir, 'postgres', 'postmaster.pid') },
  redis: { port: redis.port, pidFile: join(dir, 'redis', 'redis.pid') },
});

process.stdin.resume();
process.stdin.once('close', async () => {
  await redis.stop();
  await postgres.stop();
  emit({ stopped: true });
});
