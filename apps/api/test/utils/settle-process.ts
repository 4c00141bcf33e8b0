import { freePort, stopProcess } from '@settle/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { forgetQueuedJobs, freshDatabase, requiredEnv, testDatabaseUrl } from './test-app';

const ROOT = join(__dirname, '../../../..');
const MAIN = join(ROOT, 'apps/api/dist/src/main.js');
const READY_WITHIN_MS = 60_000;

/** A real Settle process (the built API), which a fault test may kill -9 and start again. */
export interface SettleProcess {
  url: string;
  child: ChildProcess;
  /** The process's last output lines, for a failing test's message. */
  output: string[];
  /** `kill -9`: no shutdown hook runs, in-flight requests and gateway calls are cut off. */
  kill(): Promise<void>;
}

/**
 * Settings for Settle processes of one fault test: their own fresh database (with the demo
 * data, so there is an admin to sign in as), Redis key prefix and port, which stay the same
 * across restarts.
 */
export async function settleEnvironment(
  name: string,
  overrides: Record<string, string> = {},
): Promise<Record<string, string>> {
  const databaseUrl = testDatabaseUrl(name);
  await freshDatabase(databaseUrl);
  const queuePrefix = `f-${process.env.SETTLE_TEST_RUN_ID ?? 'local'}-${name}`;
  const redisUrl = overrides.REDIS_URL ?? requiredEnv('REDIS_URL');
  await forgetQueuedJobs(queuePrefix, redisUrl);
  return {
    DATABASE_POOL_SIZE: '10',
    DATABASE_URL: databaseUrl,
    AUTOPAY_RUN_HOUR: 'off',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PATH: process.env.PATH ?? '',
    PORT: String(await freePort()),
    QUEUE_PREFIX: queuePrefix,
    REDIS_URL: redisUrl,
    SETTLE_DEMO_DATA: 'true',
    SETTLE_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    SETTLE_MIGRATE_ON_START: 'true',
    SETTLE_SERVE_WEB: 'false',
    ...overrides,
  };
}

export async function startSettle(env: Record<string, string>): Promise<SettleProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run npm run build:api first (npm test builds it)`);
  const child = spawn(process.execPath, [MAIN], {
    cwd: join(ROOT, 'apps/api'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 300));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok)
        return { child, kill: () => stopProcess(child), output, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopProcess(child);
  throw new Error(`Settle did not become ready:\n${output.slice(-40).join('\n')}`);
}

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON the test asserts on
  body: any;
}

/** Calls the API as a signed-in browser would; network failures reject. */
export type Api = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

/** Signs in as the demo admin; the session lives in the database, so it survives restarts. */
export async function signInAsDemoAdmin(url: string): Promise<Api> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    body: JSON.stringify({ email: 'admin@settle.test', password: 'settle-demo' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('settle_csrf='))!.split('=')[1];
  return async (method, path, body, headers = {}) => {
    const answer = await fetch(`${url}/api/v1${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        cookie: cookies.join('; '),
        'x-csrf-token': csrf,
        ...headers,
      },
      method,
    });
    const text = await answer.text();
    return { body: text ? JSON.parse(text) : null, status: answer.status };
  };
}
