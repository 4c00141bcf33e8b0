#!/usr/bin/env node
// HTTP overhead of Settle compared with a bare fastify app on the same machine, so the result says
// something about our code rather than about the hardware. Needs a running Settle (`npm start`).
//   node bench/http.mjs            SETTLE_URL=http://localhost:3000 by default
import { spawn } from 'node:child_process';
import { once } from 'node:events';

import autocannon from 'autocannon';

// autocannon does not fall back from ::1 to 127.0.0.1 as fetch does, and Settle listens on IPv4.
const SETTLE_URL = (process.env.SETTLE_URL ?? 'http://localhost:3000')
  .replace(/\/$/, '')
  .replace('//localhost', '//127.0.0.1');
const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
const TARGET_HEALTH_RATIO = 0.5;

/**
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @param {number} [duration]
 */
function run(url, headers = {}, duration = DURATION_S) {
  return autocannon({ url, connections: CONNECTIONS, duration, headers });
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

async function settleSessionCookie() {
  try {
    await fetch(`${SETTLE_URL}/health`, { signal: AbortSignal.timeout(3000) });
  } catch {
    console.error(
      `Settle is not reachable at ${SETTLE_URL}. Run \`npm start\` first (or set SETTLE_URL).`,
    );
    process.exit(1);
  }
  const response = await fetch(`${SETTLE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@settle.test', password: 'settle-demo' }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('settle_session='));
  if (!response.ok || !cookie) {
    console.error(
      `Login as admin@settle.test failed (HTTP ${response.status}); is the demo data loaded?`,
    );
    process.exit(1);
  }
  return cookie;
}

/**
 * The bare server runs in its own process, like Settle does, so neither shares a thread with
 * autocannon and the ratio compares like with like.
 */
async function startBareFastify() {
  const script = `
    const app = require('fastify')();
    app.get('/', async () => ({ ok: true }));
    app.listen({ host: '127.0.0.1', port: 0 }).then((url) => console.log(url));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout, 'data');
  return { url: String(chunk).trim(), stop: () => child.kill() };
}

async function main() {
  const cookie = await settleSessionCookie();
  const bare = await startBareFastify();
  const bareUrl = bare.url;

  console.log(
    `autocannon -c ${CONNECTIONS} -d ${DURATION_S} (after ${WARMUP_S} s warm-up), loopback\n`,
  );
  /** @type {[string, autocannon.Result][]} */
  const results = [];
  try {
    results.push(['bare fastify GET /', await measure(`${bareUrl}/`)]);
  } finally {
    bare.stop();
  }
  results.push(['Settle GET /health', await measure(`${SETTLE_URL}/health`)]);
  results.push([
    'Settle GET /api/v1/auth/me',
    await measure(`${SETTLE_URL}/api/v1/auth/me`, { cookie }),
  ]);

  const rows = results.map(([name, r]) => ({
    endpoint: name,
    'req/s (mean)': Math.round(r.requests.average),
    'p50 ms': r.latency.p50,
    'p97.5 ms': r.latency.p97_5,
    'p99 ms': r.latency.p99,
  }));
  console.table(rows);

  const bareRps = results[0][1].requests.average;
  const healthRatio = results[1][1].requests.average / bareRps;
  const meRatio = results[2][1].requests.average / bareRps;
  console.log(`/health ÷ bare:   ${healthRatio.toFixed(2)}`);
  console.log(`/auth/me ÷ bare:  ${meRatio.toFixed(2)}`);
  const met = healthRatio >= TARGET_HEALTH_RATIO;
  console.log(`Target /health ≥ ${TARGET_HEALTH_RATIO}× bare: ${met ? 'met' : 'NOT met'}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
