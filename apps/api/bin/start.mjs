#!/usr/bin/env node
// `npm start`: builds whatever is stale, starts embedded Postgres and Redis unless DATABASE_URL /
// REDIS_URL point elsewhere, a mail catcher unless SMTP_URL does, and, for the demo, a fake
// ConnectWise Manage and a fake QuickBooks Online (each its own process) the demo MSP's
// integrations sync from; runs the API and stops everything again on Ctrl-C.
// `--watch` (npm run dev:api) keeps tsc and the API restarting on change.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import {
  reapStaleProcess,
  startEmbeddedPostgres,
  startEmbeddedRedis,
  startEmbeddedSmtp,
  supervise,
  terminate,
  tiedToParent,
} from '@settle/embedded';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const STATE_DIR = join(ROOT, '.settle');
const MAIL_DIR = join(STATE_DIR, 'mail');
const API_PID_FILE = join(STATE_DIR, 'api.pid');
const API_ENTRY = join(ROOT, 'apps/api/dist/src/main.js');
const API_TSCONFIG = 'apps/api/tsconfig.build.json';
const FAKE_CW_TSCONFIG = 'libs/testing/tsconfig.fake.json';
const FAKE_CW_BIN = join(ROOT, 'libs/testing/bin/fake-connectwise.mjs');
const FAKE_QBO_BIN = join(ROOT, 'libs/testing/bin/fake-quickbooks.mjs');
const SPAS = ['apps/admin-web', 'apps/portal-web'];
// Sources a SPA bundles besides its own folder (workspace libs are compiled in by vite).
const SHARED_WEB_SOURCES = ['libs/ui/src', 'libs/api-client/src', 'libs/domain/src'];
const HEALTH_TIMEOUT_MS = 180_000;
const API_STOP_GRACE_MS = 10_000;

const watch = process.argv.includes('--watch');
const port = process.env.PORT ?? '3000';
// The demo syncs from a fake ConnectWise unless there is no demo, or one was named already.
const demoConnectWise =
  (process.env.SETTLE_DEMO_DATA ?? 'true') === 'true' && !process.env.SETTLE_DEMO_CONNECTWISE;
// …and from a fake QuickBooks unless there is no demo, or a real Intuit app is configured.
const demoQuickBooks =
  (process.env.SETTLE_DEMO_DATA ?? 'true') === 'true' && !process.env.QBO_CLIENT_ID;
const startedAt = performance.now();
const require = createRequire(import.meta.url);

/** @type {{ stop(): Promise<void> } | undefined} */ let postgres;
/** @type {{ stop(): Promise<void> } | undefined} */ let redis;
/** @type {{ stop(): Promise<void> } | undefined} */ let smtp;
/** @type {import('node:child_process').ChildProcess | undefined} */ let api;
/** @type {import('node:child_process').ChildProcess | undefined} */ let fakeConnectWise;
/** @type {import('node:child_process').ChildProcess | undefined} */ let fakeQuickBooks;
/** @type {ReturnType<typeof supervise> | undefined} */ let apiSupervisor;
/** @type {NodeJS.ProcessEnv} */ let apiEnv = {};
/** @type {import('node:child_process').ChildProcess | undefined} */ let tscWatch;
/** @type {import('node:child_process').ChildProcess | undefined} */ let buildStep;
let shuttingDown = false;

// ---------------------------------------------------------------------------------------------
// Output: one line per step, so a normal start fits on a screen.

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} fn  may return a string to append to the line
 * @returns {Promise<T>}
 */
async function step(label, fn) {
  const began = performance.now();
  const result = await fn();
  const detail = typeof result === 'string' && result ? ` (${result})` : '';
  console.log(`  ✓ ${`${label}${detail}`.padEnd(52)} ${seconds(performance.now() - began)}`);
  return result;
}

/** @param {string} line */
const note = (line) => console.log(`    ${line}`);

// ---------------------------------------------------------------------------------------------
// Builds

/**
 * Runs a build command with its output captured: a successful build says nothing, a failed one
 * shows everything the tool printed.
 * @param {string} command
 * @param {string[]} args
 */
function runQuiet(command, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    buildStep = child;
    /** @type {Buffer[]} */
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      buildStep = undefined;
      if (code === 0) return resolveRun(undefined);
      process.stderr.write(Buffer.concat(output));
      reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

const tscArgs = () => [require.resolve('typescript/bin/tsc'), '-b', API_TSCONFIG];

/**
 * Newest modification time under the given paths (files or directories), ignoring build output.
 * @param {string[]} paths
 */
function newestMtime(paths) {
  let newest = 0;
  const visit = (/** @type {string} */ path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return; // optional inputs (e.g. a SPA without vite.config.ts yet)
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
      }
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const path of paths) visit(join(ROOT, path));
  return newest;
}

/** @param {string} spa  e.g. apps/admin-web */
async function buildSpaIfStale(spa) {
  // Lets the API start while a SPA is still being scaffolded; the API serves what exists.
  if (!existsSync(join(ROOT, spa, 'index.html'))) return 'skipped: no index.html yet';
  const builtAt = (() => {
    try {
      return statSync(join(ROOT, spa, 'dist/index.html')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => `${spa}/${p}`);
  if (builtAt && newestMtime([...inputs, ...SHARED_WEB_SOURCES]) <= builtAt) return 'up to date';
  const { name } = require(join(ROOT, spa, 'package.json'));
  await runQuiet('npm', ['run', 'build', '-w', name]);
  return builtAt ? 'rebuilt' : 'built';
}

// ---------------------------------------------------------------------------------------------
// Infrastructure and the API process

async function startInfrastructure() {
  /** @type {Record<string, string>} */
  const env = {};
  if (process.env.DATABASE_URL) {
    note('Postgres: using DATABASE_URL');
  } else {
    await step('postgres (embedded)', async () => {
      const started = await startEmbeddedPostgres({
        dataDir: join(STATE_DIR, 'postgres'),
        database: 'settle',
        log: note,
      });
      postgres = started;
      env.DATABASE_URL = started.url;
      return `port ${started.port}${started.initialised ? ', new cluster' : ''}`;
    });
  }
  if (process.env.REDIS_URL) {
    note('Redis: using REDIS_URL');
  } else {
    await step('redis (embedded)', async () => {
      const started = await startEmbeddedRedis({ dir: join(STATE_DIR, 'redis'), log: note });
      redis = started;
      env.REDIS_URL = started.url;
      return `port ${started.port}`;
    });
  }
  if (process.env.SMTP_URL) {
    note('Mail: using SMTP_URL');
  } else {
    await step('mail catcher (embedded)', async () => {
      const started = await startEmbeddedSmtp({ dir: MAIL_DIR });
      smtp = started;
      env.SMTP_URL = started.url;
      return `port ${started.port}`;
    });
  }
  if (demoConnectWise) {
    await step('fake ConnectWise (demo)', async () => {
      env.SETTLE_DEMO_CONNECTWISE = await startFakeConnectWise();
      return new URL(JSON.parse(env.SETTLE_DEMO_CONNECTWISE).site).host;
    });
  }
  if (demoQuickBooks) {
    await step('fake QuickBooks (demo)', async () => {
      const fake = JSON.parse(await startFakeQuickBooks());
      // the API talks to it as to Intuit (OAuth and API on one origin); the demo connects itself
      env.QBO_API_BASE = fake.url;
      env.QBO_OAUTH_BASE = fake.url;
      env.QBO_CLIENT_ID = fake.clientId;
      env.QBO_CLIENT_SECRET = fake.clientSecret;
      env.SETTLE_DEMO_QUICKBOOKS = 'true';
      return new URL(fake.url).host;
    });
  }
  return env;
}

/**
 * Runs libs/testing's fake QuickBooks with the demo records as a process of its own, like the
 * fake ConnectWise; resolves with the JSON line it prints once it listens.
 * @returns {Promise<string>}
 */
function startFakeQuickBooks() {
  const [command, args] = tiedToParent(process.execPath, [FAKE_QBO_BIN]);
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  fakeQuickBooks = child;
  return new Promise((resolveStart, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      fakeQuickBooks = undefined;
      if (!output.includes('\n'))
        reject(new Error(`the fake QuickBooks exited (${signal ?? `code ${code}`})`));
      else if (!shuttingDown)
        console.error(`The demo's fake QuickBooks exited (${signal ?? `code ${code}`}).`);
    });
    child.stdout.on('data', (chunk) => {
      const before = output;
      output += chunk.toString();
      if (!before.includes('\n') && output.includes('\n')) resolveStart(output.split('\n')[0]);
    });
  });
}

/**
 * Runs libs/testing's fake ConnectWise with the demo records as a process of its own (the API
 * never loads test code); resolves with the JSON line it prints once it listens.
 * @returns {Promise<string>}
 */
function startFakeConnectWise() {
  const [command, args] = tiedToParent(process.execPath, [FAKE_CW_BIN]);
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  fakeConnectWise = child;
  return new Promise((resolveStart, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      fakeConnectWise = undefined;
      if (!output.includes('\n'))
        reject(new Error(`the fake ConnectWise exited (${signal ?? `code ${code}`})`));
      else if (!shuttingDown)
        console.error(`The demo's fake ConnectWise exited (${signal ?? `code ${code}`}).`);
    });
    child.stdout.on('data', (chunk) => {
      const before = output;
      output += chunk.toString();
      if (!before.includes('\n') && output.includes('\n')) resolveStart(output.split('\n')[0]);
    });
  });
}

/**
 * The key that seals gateway secrets, made once per checkout and kept in .settle/ (git-ignored)
 * when SETTLE_ENCRYPTION_KEY is not set, so that secrets saved yesterday still open today.
 */
function localEncryptionKey() {
  const file = join(STATE_DIR, 'encryption-key');
  if (!existsSync(file)) {
    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** @param {Record<string, string>} infraEnv */
function spawnApi(infraEnv) {
  apiEnv = {
    ...process.env,
    ...infraEnv,
    PORT: port,
    // The API applies its migrations (under an advisory lock) and seeds an empty database itself.
    SETTLE_MIGRATE_ON_START: process.env.SETTLE_MIGRATE_ON_START ?? 'true',
    SETTLE_DEMO_DATA: process.env.SETTLE_DEMO_DATA ?? 'true',
    // the local demo may send webhooks to a receiver on this machine (design.md, outbound webhooks)
    SETTLE_WEBHOOKS_ALLOW_PRIVATE: process.env.SETTLE_WEBHOOKS_ALLOW_PRIVATE ?? 'true',
    NODE_ENV: process.env.NODE_ENV ?? (watch ? 'development' : 'production'),
    SETTLE_ENCRYPTION_KEY: process.env.SETTLE_ENCRYPTION_KEY ?? localEncryptionKey(),
  };
  // Tied to us so that even a SIGKILLed launcher takes the API (and its port) down with it.
  if (watch) {
    const tsc = tiedToParent(process.execPath, [...tscArgs(), '--watch', '--preserveWatchOutput']);
    tscWatch = spawn(tsc[0], tsc[1], { cwd: ROOT, stdio: 'inherit' });
  }
  api = launchApi();
  api.once('exit', (code, signal) => {
    // Before its first health check a failing API will not start better the second time.
    if (shuttingDown || apiSupervisor) return;
    console.error(`\nThe API exited by itself (${signal ?? `code ${code}`}); stopping Settle.`);
    void shutdown(code ?? 1);
  });
}

function launchApi() {
  const [command, args] = tiedToParent(
    process.execPath,
    watch ? ['--watch', API_ENTRY] : [API_ENTRY],
  );
  const child = spawn(command, args, { cwd: ROOT, env: apiEnv, stdio: 'inherit' });
  if (child.pid) writeFileSync(API_PID_FILE, `${child.pid}\n`);
  child.once('exit', () => {
    if (api === child) rmSync(API_PID_FILE, { force: true });
  });
  return child;
}

/**
 * Once the API has served, a crash (kill -9, out of memory) restarts it, as a service manager
 * would: the new process finishes the payments the dead one left half done.
 */
function superviseApi() {
  if (!api) return;
  apiSupervisor = supervise({
    label: 'the Settle API',
    where: `on port ${port}`,
    child: api,
    log: (line) => console.error(line),
    restart: async () => {
      api = launchApi();
      await waitForHealth(api);
      return api;
    },
    onGiveUp: () => void shutdown(1),
  });
}

/** @param {import('node:child_process').ChildProcess} [child]  fail at once if it exits */
async function waitForHealth(child) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (shuttingDown) throw new Error('stopped while waiting for the API');
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error('the API exited while starting');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(150);
  }
  throw new Error(`GET /health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function printBanner() {
  const base = `http://localhost:${port}`;
  const lines = [
    `Settle is running: ${base}`,
    'Admin login: admin@settle.test / settle-demo',
    `Customer portal: ${base}/portal — demo@example.com / settle-demo`,
    `Queues: ${base}/admin/queues`,
    ...(smtp ? ['Mail: nothing leaves this machine; messages are kept in .settle/mail/'] : []),
    ...(fakeConnectWise
      ? ['ConnectWise: the demo syncs from a local fake (see Integrations)']
      : []),
    ...(fakeQuickBooks
      ? ['QuickBooks: the demo syncs from a local fake, connected through its OAuth']
      : []),
    'Press Ctrl-C to stop.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log(`\n┌${'─'.repeat(width)}┐`);
  for (const line of lines) console.log(`│ ${line.padEnd(width - 1)}│`);
  console.log(`└${'─'.repeat(width)}┘`);
  console.log(`Started in ${seconds(performance.now() - startedAt)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Shutdown: the API first (it still uses the database and sends mail while draining), then the
// mail catcher, Redis and Postgres.

/** @param {number} code */
async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  buildStep?.kill('SIGTERM');
  tscWatch?.kill('SIGTERM');
  await apiSupervisor?.halt();
  if (api?.pid && api.exitCode === null && api.signalCode === null) {
    console.log('Stopping the API…');
    await terminate(api.pid, { signal: 'SIGTERM', graceMs: API_STOP_GRACE_MS }).catch(() => {});
  }
  // Also waits for a start that was still in progress when the signal came.
  await startup.catch(() => {});
  if (fakeConnectWise?.pid)
    await terminate(fakeConnectWise.pid, { signal: 'SIGTERM', graceMs: 2000 }).catch(() => {});
  if (fakeQuickBooks?.pid)
    await terminate(fakeQuickBooks.pid, { signal: 'SIGTERM', graceMs: 2000 }).catch(() => {});
  await smtp?.stop().catch((error) => console.error('Stopping the mail catcher:', error));
  await redis?.stop().catch((error) => console.error('Stopping Redis:', error));
  await postgres?.stop().catch((error) => console.error('Stopping Postgres:', error));
  process.exit(code);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    if (!shuttingDown) return void shutdown(0);
    // A second Ctrl-C: stop waiting. The exit hooks of @settle/embedded still stop Redis/Postgres.
    api?.kill('SIGKILL');
    fakeConnectWise?.kill('SIGKILL');
    fakeQuickBooks?.kill('SIGKILL');
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------

async function start() {
  console.log(`Starting Settle${watch ? ' (watch mode)' : ''}…`);
  // An API orphaned by a SIGKILLed launcher would hold the port and the database.
  await reapStaleProcess({
    pidFile: API_PID_FILE,
    label: 'Settle API',
    log: note,
    matches: (info) => info.argv.includes(API_ENTRY),
  });
  await step('api build (tsc -b)', () => runQuiet(process.execPath, tscArgs()));
  if (demoConnectWise || demoQuickBooks)
    await step('fake ConnectWise and QuickBooks build (tsc -b)', () =>
      runQuiet(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', FAKE_CW_TSCONFIG]),
    );
  for (const spa of SPAS) {
    if (shuttingDown) return;
    await step(`${spa.split('/')[1]} build`, () => buildSpaIfStale(spa));
  }
  if (shuttingDown) return;
  const infraEnv = await startInfrastructure();
  if (shuttingDown) return;
  await step(`api on port ${port} (GET /health)`, async () => {
    spawnApi(infraEnv);
    await waitForHealth();
    superviseApi();
  });
  if (!shuttingDown) printBanner();
}

const startup = start();
startup.catch((error) => {
  if (shuttingDown) return;
  console.error(`\nSettle could not start: ${error instanceof Error ? error.message : error}`);
  void shutdown(1);
});
