#!/usr/bin/env node
// `npm test`: every check and test runner in one go, ending with one plain line
// "N passed, N failed" summed over all of them. Each step's output goes to
// test-results/logs/<step>.log and is printed only when the step fails.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const results = join(root, 'test-results');
const logs = join(results, 'logs');
const only = argValue('--only');
const totals = { failed: 0, passed: 0 };
const summary = [];

async function main() {
  rmSync(logs, { force: true, recursive: true });
  mkdirSync(logs, { recursive: true });
  const infra = await startInfrastructure();
  const env = { ...process.env, ...infra.env, FORCE_COLOR: '0' };
  try {
    // The build comes first: jest's fault and journey specs start the built API. Then two lanes
    // run side by side on a two-core machine, each one process at a time: jest's API and fault
    // specs (one worker, mostly waiting on PostgreSQL, Redis and the built API), and the
    // single-threaded checks, the SPAs' vitest runs, then jest's browser journeys. The lanes take
    // about as long as each other (in a run of all of jest in one lane it took 22 of 28 minutes).
    // Each jest run has its own run id, so its own databases and Redis keys.
    const built = await check('build', 'npm run build', env);
    await Promise.all([
      jest('jest api and faults', ['domain', 'testing', 'api-unit', 'api-e2e', 'faults'], env),
      staticChecksThenVitest(built, env).then(() => jest('jest journeys', ['journeys'], env)),
    ]);
  } finally {
    await infra.stop();
  }
  console.log('');
  for (const line of summary) console.log(line);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

async function staticChecksThenVitest(built, env) {
  await check('format', 'npx prettier --check .', env);
  await check('lint', 'npx eslint --max-warnings 0 .', env);
  await check('unused code (knip)', 'npm run --silent knip', env);
  await check('openapi lint', 'npm run openapi:lint', env);
  await check('typecheck', 'npm run typecheck', env);
  if (built) {
    await check('openapi drift', driftCommand('openapi'), env);
    await check('api-client drift', driftCommand('api-client'), env);
    await check('migrations drift', 'node apps/api/bin/db.mjs check', env);
    await check('admin bundle budget', 'node libs/testing/bin/bundle-budget.mjs admin-web', env);
    await check('portal bundle budget', 'node libs/testing/bin/bundle-budget.mjs portal-web', env);
  }
  for (const app of ['admin-web', 'portal-web']) {
    const out = join(results, `vitest-${app}.json`);
    await runner(
      `vitest ${app}`,
      `npx vitest run --reporter=dot --reporter=json --outputFile.json=${out}`,
      env,
      () => jestCounts(out),
      join(root, 'apps', app),
    );
  }
}

/** Uses DATABASE_URL / REDIS_URL when set; otherwise starts embedded servers for this run. */
async function startInfrastructure() {
  const started = [];
  const env = {};
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    const { startEmbeddedPostgres, startEmbeddedRedis } = await import('@settle/embedded');
    const runDir = join(root, '.tmp', `test-all-${process.pid}`);
    if (!process.env.DATABASE_URL) {
      const pg = await startEmbeddedPostgres({
        dataDir: join(runDir, 'postgres'),
        database: 'postgres',
        persistent: false,
        log: () => {},
      });
      started.push(pg);
      env.DATABASE_URL = pg.url;
    }
    if (!process.env.REDIS_URL) {
      const redis = await startEmbeddedRedis({ dir: join(runDir, 'redis'), log: () => {} });
      started.push(redis);
      env.REDIS_URL = redis.url;
    }
  }
  return {
    env,
    stop: async () => {
      for (const server of started.reverse()) await server.stop().catch(() => {});
    },
  };
}

function driftCommand(what) {
  const tmp = join(root, '.tmp', 'drift');
  if (what === 'openapi') {
    return `mkdir -p ${tmp} && node apps/api/dist/src/openapi.js ${tmp}/openapi.json && diff -u openapi/openapi.json ${tmp}/openapi.json > /dev/null || (echo "openapi/openapi.json is stale: run npm run openapi" && diff -u openapi/openapi.json ${tmp}/openapi.json | head -50 && exit 1)`;
  }
  return `mkdir -p ${tmp} && npx openapi-typescript openapi/openapi.json -o ${tmp}/schema.d.ts && diff -u libs/api-client/src/schema.d.ts ${tmp}/schema.d.ts > /dev/null || (echo "libs/api-client is stale: run npm run api-client:generate" && exit 1)`;
}

/** A check counts as one test: it passes when its command exits 0. */
async function check(name, command, env) {
  if (only && only !== name) return true;
  const { code, seconds } = await run(name, command, env);
  const ok = code === 0;
  totals[ok ? 'passed' : 'failed'] += 1;
  report(name, ok ? 'ok' : 'FAILED', seconds);
  return ok;
}

/** A test runner counts its own tests; a crash without a report counts as one failure. */
async function runner(name, command, env, counts, cwd = root) {
  if (only && !name.startsWith(only)) return;
  const { code, seconds } = await run(name, command, env, cwd);
  let result;
  try {
    result = counts();
  } catch {
    result = { failed: 1, passed: 0 };
  }
  if (code !== 0 && result.failed === 0) result.failed = 1;
  totals.passed += result.passed;
  totals.failed += result.failed;
  report(name, `${result.passed} passed, ${result.failed} failed`, seconds);
}

function jest(name, projects, env) {
  const out = join(results, `${name.replace(/\W+/g, '-')}.json`);
  return runner(
    name,
    `npx jest --ci --selectProjects ${projects.join(' ')} --json --outputFile=${out}`,
    env,
    () => jestCounts(out),
  );
}

function jestCounts(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return {
    failed: json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0),
    passed: json.numPassedTests,
  };
}

function run(name, command, env, cwd = root) {
  const logFile = join(logs, `${name.replace(/\W+/g, '-')}.log`);
  const chunks = [];
  const started = Date.now();
  console.log(`▶ ${name} started`);
  return new Promise((resolvePromise) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString();
      writeFileSync(logFile, output);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code !== 0)
        process.stdout.write(`\n----- ${name} output -----\n${tail(output, 200)}\n-----\n`);
      resolvePromise({ code: code ?? 1, seconds });
    });
  });
}

function report(name, outcome, seconds) {
  const line = `${name}: ${outcome} (${seconds}s)`;
  console.log(`✔ ${line}`);
  summary.push(line);
}

function tail(text, lines) {
  return text
    .split('\n')
    .filter((l) => !l.includes('Unknown user config "nodedir"'))
    .slice(-lines)
    .join('\n');
}

function argValue(flag) {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

main().catch((error) => {
  console.error(error);
  console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exitCode = 1;
});
