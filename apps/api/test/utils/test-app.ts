import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { createHttpApp, HttpAppOptions } from '../../src/bootstrap/create-app';
import { AppConfig } from '../../src/config/app-config';
import { Env, parseEnv } from '../../src/config/env.schema';
import { runMigrationsLocked } from '../../src/database/migrate';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { SeedAccessProfiles1795522102700 } from '../../src/database/migrations/1795522102700-SeedAccessProfiles';
import { SYSTEM_ACTOR } from '../../src/common/auth-context';
import { UsersService } from '../../src/modules/users/users.service';
import { StaffRole } from '@settle/domain';
import { checkResponsesAgainstOpenApi } from './contract';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

const workerId = process.env.JEST_WORKER_ID ?? '1';
const runId = process.env.SETTLE_TEST_RUN_ID ?? 'local';

/** Each jest worker gets its own database and queue prefix; test files in it reset tables. */
export function testDatabaseUrl(name = `w${workerId}`): string {
  const url = new URL(requiredEnv('DATABASE_URL'));
  url.pathname = `/settle_test_${runId}_${name}`;
  return url.toString();
}

export async function createTestApp(
  overrides: Partial<Record<keyof Env, string>> = {},
  options: HttpAppOptions = {},
): Promise<TestApp> {
  const queuePrefix = `t-${runId}-w${workerId}`;
  // Start from a fresh install before the app starts its queue workers: a job left by an earlier
  // test file must neither run against the new data nor hold locks while the tables are emptied.
  await forgetQueuedJobs(queuePrefix);
  await freshDatabase(testDatabaseUrl());
  const config = new AppConfig(
    parseEnv({
      // A run the clock started would charge whatever a test left due; tests press "Run now".
      AUTOPAY_RUN_HOUR: 'off',
      DATABASE_POOL_SIZE: '5',
      DATABASE_URL: testDatabaseUrl(),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      QUEUE_PREFIX: queuePrefix,
      REDIS_URL: requiredEnv('REDIS_URL'),
      SETTLE_SERVE_WEB: 'false',
      ...overrides,
    }),
  );
  const app = await createHttpApp(config, options);
  // Nest's adapter types its own copy of fastify; the instance is the app's.
  checkResponsesAgainstOpenApi(app.getHttpAdapter().getInstance() as unknown as FastifyInstance);
  await app.init();
  // Nest buffers its logs until listen(), which supertest never calls: without this, every Nest
  // Logger line of the test (a 500's "Unhandled error" among them) would stay in that buffer.
  app.flushLogs();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  return {
    app,
    close: () => app.close(),
    config,
    dataSource,
    http: request(app.getHttpServer()),
  };
}

/** A database as a fresh install leaves it: created if missing, migrated, every table empty. */
export async function freshDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  const dataSource = await new DataSource(typeOrmOptions(url)).initialize();
  try {
    await runMigrationsLocked(dataSource);
    await resetDatabase(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export async function forgetQueuedJobs(
  prefix: string,
  redisUrl = requiredEnv('REDIS_URL'),
): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Empties every table but the migrations ledger. */
async function resetDatabase(dataSource: DataSource): Promise<void> {
  const tables: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (tables.length) {
    await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
  }
  // Reference data that migrations seed comes back, as on a fresh install.
  const runner = dataSource.createQueryRunner();
  try {
    await new SeedAccessProfiles1795522102700().up(runner);
  } finally {
    await runner.release();
  }
}

export const TEST_PASSWORD = 'correct horse battery';

export async function createUser(
  testApp: TestApp,
  role: StaffRole,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`,
): Promise<{ email: string; password: string; id: string }> {
  const user = await testApp.app
    .get(UsersService)
    .create(SYSTEM_ACTOR, { email, name: `Test ${role}`, password: TEST_PASSWORD, role });
  return { email, id: user.id, password: TEST_PASSWORD };
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in through the API and returns the cookies and CSRF token a browser would hold. */
export async function login(
  testApp: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await testApp.http
    .post('/api/v1/auth/login')
    .send({ email, password })
    .expect(200);
  const setCookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const pairs = setCookies.map((c) => c.split(';')[0]);
  const csrf = pairs.find((p) => p.startsWith('settle_csrf='))?.split('=')[1];
  if (!csrf) throw new Error('login did not set settle_csrf');
  return { cookie: pairs.join('; '), csrf };
}

export async function loginAs(testApp: TestApp, role: StaffRole): Promise<Session> {
  const user = await createUser(testApp, role);
  return login(testApp, user.email);
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the e2e tests through jest's globalSetup`);
  return value;
}

export function expectProblem(body: Record<string, unknown>, status: number, type: string): void {
  expect(body).toMatchObject({
    requestId: expect.any(String),
    status,
    title: expect.any(String),
    type: `urn:settle:problem:${type}`,
    detail: expect.any(String),
  });
}
