#!/usr/bin/env node
// HTTP overhead of Settle against floors measured on the same machine, so the result says
// something about our code rather than about the hardware:
//   - bare fastify answering GET / (the floor of /health);
//   - bare fastify running the same one session query through pg and answering who it is (the
//     floor of an authenticated read such as GET /api/v1/auth/me).
//   npm run build:api && node bench/http.mjs
// Starts its own Settle API process (production mode, demo data) against DATABASE_URL's server
// (database settle_bench_http) and REDIS_URL when set, embedded ones otherwise.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';

import { benchInfrastructure, signInAsDemoAdmin, startSettle } from './lib/settle-bench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATABASE = 'settle_bench_http';
const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
/** Connections of Settle's pool and of the floor's: the same, so the floors compare. */
const POOL_SIZE = 10;
const TARGET_HEALTH_RATIO = 0.5;
const TARGET_ME_RATIO = 0.5;

const stops = [];

/**
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @param {number} [duration]
 */
function run(url, headers = {}, duration = DURATION_S) {
  return autocannon({ connections: CONNECTIONS, duration, headers, url });
}

/**
 * A warm-up run first, so JIT compilation and connection pools do not count against either side.
 * @param {string} url
 * @param {Record<string, string>} [headers]
 */
async function measure(url, headers) {
  await run(url, headers, WARMUP_S);
  const result = await run(url, headers);
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) console.warn(`  ! ${url}: ${failed} failed requests of ${result.requests.total}`);
  return result;
}

/**
 * A server in its own process, like Settle, so that none shares a thread with autocannon.
 * @param {string} script prints the URL it listens on
 * @param {Record<string, string>} [env]
 */
async function startChild(script, env = {}) {
  const child = spawn(process.execPath, ['-e', script], {
    cwd: join(ROOT, 'apps/api'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  stops.push({ stop: async () => void child.kill() });
  const [chunk] = await once(child.stdout, 'data');
  return String(chunk).trim();
}

const BARE_FASTIFY = `
  const app = require('fastify')();
  app.get('/', async () => ({ ok: true }));
  app.listen({ host: '127.0.0.1', port: 0 }).then((url) => console.log(url));
`;

/** What Settle does for an authenticated read, and nothing else: the session query, then JSON. */
const SESSION_QUERY_FASTIFY = `
  const { createHash } = require('node:crypto');
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: ${POOL_SIZE} });
  const app = require('fastify')();
  app.get('/', async (request, reply) => {
    const token = /settle_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '';
    const { rows } = await pool.query(
      \`SELECT s.id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.email, u.name, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled\`,
      [createHash('sha256').update(token).digest('hex')],
    );
    if (!rows.length) return reply.status(401).send({ status: 401 });
    const user = rows[0];
    return { email: user.email, id: user.user_id, kind: 'user', name: user.name, role: user.role };
  });
  app.listen({ host: '127.0.0.1', port: 0 }).then((url) => console.log(url));
`;

/** One Settle API process (no queue workers), as a user would run it. */
function startSettleApi(databaseUrl, redisUrl) {
  return startSettle(ROOT, stops, {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    QUEUE_PREFIX: `settle-bench-http-${Date.now()}`,
    SETTLE_ROLE: 'api',
    REDIS_URL: redisUrl,
  });
}

async function main() {
  const { databaseUrl, redisUrl } = await benchInfrastructure(ROOT, DATABASE, stops);
  const settle = await startSettleApi(databaseUrl, redisUrl);
  const { cookie } = await signInAsDemoAdmin(settle);
  const session = { cookie: cookie.split('; ').find((c) => c.startsWith('settle_session=')) };

  console.log(
    `autocannon -c ${CONNECTIONS} -d ${DURATION_S} (after ${WARMUP_S} s warm-up), loopback; pools of ${POOL_SIZE} connections\n`,
  );
  const bare = await startChild(BARE_FASTIFY);
  const sessionFloor = await startChild(SESSION_QUERY_FASTIFY, { DATABASE_URL: databaseUrl });
  /** @type {[string, autocannon.Result][]} */
  const results = [
    ['bare fastify GET /', await measure(`${bare}/`)],
    ['fastify + pg session query', await measure(`${sessionFloor}/`, session)],
    ['Settle GET /health', await measure(`${settle}/health`)],
    ['Settle GET /api/v1/auth/me', await measure(`${settle}/api/v1/auth/me`, session)],
  ];

  console.table(
    results.map(([name, r]) => ({
      endpoint: name,
      'req/s (mean)': Math.round(r.requests.average),
      'p50 ms': r.latency.p50,
      'p97.5 ms': r.latency.p97_5,
      'p99 ms': r.latency.p99,
    })),
  );
  const rps = (index) => results[index][1].requests.average;
  const healthRatio = rps(2) / rps(0);
  const meRatio = rps(3) / rps(1);
  console.log(`/health ÷ bare fastify:             ${healthRatio.toFixed(2)}`);
  console.log(`/auth/me ÷ fastify + session query: ${meRatio.toFixed(2)}`);
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log(
    `Targets: /health ≥ ${TARGET_HEALTH_RATIO}× its floor (${verdict(healthRatio >= TARGET_HEALTH_RATIO)}); ` +
      `/auth/me ≥ ${TARGET_ME_RATIO}× its floor (${verdict(meRatio >= TARGET_ME_RATIO)})`,
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const s of stops.reverse()) await s.stop().catch(() => {});
  });
