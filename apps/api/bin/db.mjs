#!/usr/bin/env node
// Database CLI behind `npm run db:*` (which build the API first):
//   node apps/api/bin/db.mjs migrate | revert | generate <Name> | check
// Without DATABASE_URL it uses the embedded Postgres of .settle/, like `npm start`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  createTestDatabase,
  dropDatabase,
  isAlive,
  startEmbeddedPostgres,
  withDatabase,
} from '@settle/embedded';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DATA_SOURCE = join(ROOT, 'apps/api/dist/src/database/data-source.js');
const MIGRATIONS_SRC = join(ROOT, 'apps/api/src/database/migrations');
const PG_DATA_DIR = join(ROOT, '.settle/postgres');
const require = createRequire(import.meta.url);

const USAGE =
  'Usage: node apps/api/bin/db.mjs migrate | revert | generate <Name> | check | seed-large [--orgs N] [--invoices N]';

/**
 * The compiled data source reads DATABASE_URL when it is loaded, so each target database gets a
 * fresh copy of the module.
 * @param {string} url
 * @returns {import('typeorm').DataSource}
 */
function loadDataSource(url) {
  if (!existsSync(DATA_SOURCE)) {
    throw new Error(`${relative(ROOT, DATA_SOURCE)} is missing; run npm run build:api first`);
  }
  process.env.DATABASE_URL = url;
  delete require.cache[DATA_SOURCE];
  return require(DATA_SOURCE).default;
}

/**
 * Applies pending migrations under the same advisory lock the API uses at startup, so running
 * this next to a starting API cannot apply a migration twice.
 * @param {string} url
 * @returns {Promise<string[]>}
 */
async function migrate(url) {
  const dataSource = await loadDataSource(url).initialize();
  try {
    const { runMigrationsLocked } = require(join(ROOT, 'apps/api/dist/src/database/migrate.js'));
    return await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** @param {string} url */
async function revert(url) {
  const dataSource = await loadDataSource(url).initialize();
  try {
    const table = dataSource.options.migrationsTableName ?? 'migrations';
    const [last] = await dataSource.query(
      `SELECT name FROM ${JSON.stringify(table)} ORDER BY id DESC LIMIT 1`,
    );
    if (!last) return undefined;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return /** @type {string} */ (last.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Runs the TypeORM CLI against the compiled data source.
 * @param {string[]} args
 * @param {string} url
 * @param {{ quiet?: boolean }} [options]  quiet: capture the output instead of showing it
 * @returns {Promise<{ code: number, output: string }>}
 */
function typeorm(args, url, { quiet = false } = {}) {
  const cli = require.resolve('typeorm/cli.js');
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '-d', DATA_SOURCE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code: code ?? 1, output }));
  });
}

/** @param {string} file */
function prettier(file) {
  return new Promise((resolveRun) => {
    const cli = require.resolve('prettier/bin/prettier.cjs');
    spawn(process.execPath, [cli, '--write', '--log-level', 'warn', file], {
      cwd: ROOT,
      stdio: 'inherit',
    }).once('close', () => resolveRun(undefined));
  });
}

/**
 * @param {string} url
 * @param {string | undefined} name
 */
async function generate(url, name) {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(
      'generate needs a PascalCase name, e.g. npm run db:migration:generate -- AddInvoiceNotes',
    );
  }
  // The diff is taken against the live schema, which must already include every migration, or the
  // new file would repeat them.
  await migrate(url);
  const before = new Set(existsSync(MIGRATIONS_SRC) ? readdirSync(MIGRATIONS_SRC) : []);
  const { code } = await typeorm(
    ['migration:generate', relative(ROOT, join(MIGRATIONS_SRC, name))],
    url,
  );
  if (code !== 0) return code;
  for (const file of readdirSync(MIGRATIONS_SRC).filter((f) => !before.has(f))) {
    await prettier(join(MIGRATIONS_SRC, file));
    console.log(`Created ${relative(ROOT, join(MIGRATIONS_SRC, file))}`);
  }
  return 0;
}

/**
 * Migrates a throwaway database from scratch and asks TypeORM whether the entities still differ:
 * if so, someone changed an entity without generating a migration.
 * @param {string} adminUrl
 */
async function check(adminUrl) {
  const scratch = await createTestDatabase(adminUrl);
  try {
    await migrate(scratch.url);
    const { code, output } = await typeorm(
      ['migration:generate', '--check', '--dryrun', relative(ROOT, join(MIGRATIONS_SRC, 'Drift'))],
      scratch.url,
      { quiet: true },
    );
    if (code === 0) {
      console.log('Migrations match the entities.');
      return 0;
    }
    process.stderr.write(output);
    if (/Unexpected changes in database schema/.test(output)) {
      console.error(
        '\nEntities changed without a migration: run npm run db:migration:generate -- <Name>',
      );
    }
    return 1;
  } finally {
    await dropDatabase(adminUrl, scratch.name);
  }
}

/**
 * The embedded cluster may already be running under `npm start`; its postmaster.pid names the
 * port (line 4), and using it avoids fighting over the data directory.
 * @returns {string | undefined}
 */
function runningEmbeddedAdminUrl() {
  try {
    const lines = readFileSync(join(PG_DATA_DIR, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (pid > 0 && port > 0 && isAlive(pid)) {
      return `postgres://settle:settle@127.0.0.1:${port}/postgres`;
    }
  } catch {
    /* not running */
  }
  return undefined;
}

/**
 * `npm run seed:large -- --orgs 10000 --invoices 1000000`: migrates, then generates A/R.
 * @param {string} url
 */
async function seedLarge(url) {
  const option = (flag, fallback) => {
    const index = process.argv.indexOf(flag);
    return index === -1 ? fallback : Number(process.argv[index + 1]);
  };
  const organizations = option('--orgs', 10_000);
  const invoices = option('--invoices', 1_000_000);
  if (
    !Number.isInteger(organizations) ||
    organizations < 1 ||
    !Number.isInteger(invoices) ||
    invoices < 0
  ) {
    console.error('--orgs must be a positive integer and --invoices a non-negative integer');
    return 2;
  }
  await migrate(url);
  const dataSource = await loadDataSource(url).initialize();
  try {
    const { seedLarge: seed } = require(join(ROOT, 'apps/api/dist/src/database/seed-large.js'));
    const result = await seed(dataSource, {
      invoices,
      log: (line) => console.log(`  ${line}`),
      organizations,
    });
    console.log(
      `Seeded ${result.organizations} organizations and ${result.invoices} invoices in ${result.seconds} s.`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

async function main() {
  const [command, name] = process.argv.slice(2);
  if (!['migrate', 'revert', 'generate', 'check', 'seed-large'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }

  /** @type {{ stop(): Promise<void> } | undefined} */
  let embedded;
  let url = process.env.DATABASE_URL;
  let adminUrl = url;
  if (!url) {
    adminUrl = runningEmbeddedAdminUrl();
    if (!adminUrl) {
      const started = await startEmbeddedPostgres({ dataDir: PG_DATA_DIR, database: 'settle' });
      embedded = started;
      adminUrl = started.adminUrl;
    }
    url = withDatabase(adminUrl, 'settle');
  }
  const target = /** @type {string} */ (url);

  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrate(target);
        console.log(
          applied.length ? `Applied ${applied.length} migration(s).` : 'No pending migrations.',
        );
        return 0;
      }
      case 'revert': {
        const reverted = await revert(target);
        console.log(reverted ? `Reverted ${reverted}.` : 'No migration to revert.');
        return 0;
      }
      case 'generate':
        return await generate(target, name);
      case 'check':
        return await check(/** @type {string} */ (adminUrl));
      case 'seed-large':
        return await seedLarge(target);
    }
    return 2;
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
