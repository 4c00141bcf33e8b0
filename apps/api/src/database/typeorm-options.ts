import { join } from 'node:path';

import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

export interface PoolOptions {
  size: number;
  /** How long a request waits for a free connection before it fails (503), in ms. */
  acquireTimeoutMs: number;
}

/**
 * PostgreSQL ends a session that sits idle inside a transaction this long: a transaction is never
 * meant to wait on anything but the database (gateway calls happen outside), so one that does was
 * leaked, and it would otherwise hold its locks and its connection forever.
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/** One definition shared by the app, the migration CLI and the tests. */
export function typeOrmOptions(
  databaseUrl: string,
  pool: PoolOptions = { acquireTimeoutMs: 10_000, size: 10 },
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', '*.entity.{js,ts}')],
    migrations: [join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      connectionTimeoutMillis: pool.acquireTimeoutMs,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      max: pool.size,
    },
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  };
}
