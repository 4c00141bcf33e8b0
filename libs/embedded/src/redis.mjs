import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './ports.mjs';
import {
  findOnPath,
  reapStaleProcess,
  registerChild,
  tiedToParent,
  unregisterChild,
} from './processes.mjs';
import { exited, hasExited, supervise } from './supervise.mjs';

const START_TIMEOUT_MS = 10_000;

/**
 * One PING over a raw socket: enough to know the server accepts commands, without pulling a
 * client library into the launcher's startup path.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function ping(port) {
  return new Promise((resolvePing) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * @param {string} binary
 * @param {number} port
 * @param {string} dir
 */
async function spawnRedis(binary, port, dir) {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    // Queues are rebuilt by the app; persistence would only leave dump files and slow shutdown.
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
  ];
  const [command, argv] = tiedToParent(binary, args);
  // Own process group: a terminal Ctrl-C must not reach Redis before the API has stopped using it;
  // the host stops it afterwards.
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  /** @type {string[]} */
  const output = [];
  const keep = (/** @type {Buffer} */ chunk) => {
    output.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line.trim()),
    );
    if (output.length > 50) output.splice(0, output.length - 50);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  /** @type {{ code: number | null, signal: string | null } | undefined} */
  let exited;
  const exitPromise = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolveExit(undefined);
    }),
  );
  child.once('error', (error) => {
    output.push(String(error));
    exited ??= { code: -1, signal: null };
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!exited && Date.now() < deadline) {
    if (await ping(port)) {
      // Stop draining logs into memory once we know it's up; redis logs little at level notice.
      child.stdout.removeListener('data', keep);
      child.stdout.resume();
      return { child, exitPromise, output, ok: true };
    }
    await sleep(30);
  }
  if (!exited) child.kill('SIGKILL');
  return { child, exitPromise, output, ok: false };
}

/**
 * Starts a private redis-server (from PATH) on a free loopback port.
 *
 * @param {object} options
 * @param {string} options.dir  working directory; holds redis.pid
 * @param {number} [options.port]
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startEmbeddedRedis({ dir, port, log = () => {} }) {
  const workDir = resolve(dir);
  mkdirSync(workDir, { recursive: true });
  chmodSync(workDir, 0o755);
  const pidFile = join(workDir, 'redis.pid');
  await reapStaleProcess({
    pidFile,
    label: 'Redis',
    log,
    matches: (info) => /(^|\/)redis-server(\s|$)/.test(info.argv[0] ?? ''),
  });

  const binary = findOnPath('redis-server');
  if (!binary) return startRedisMemoryServer(port);

  // A port picked by freePort() can be taken before redis binds it; retry on a fresh one.
  for (let attempt = 1; ; attempt++) {
    const chosenPort = port ?? (await freePort());
    const { child, exitPromise, output, ok } = await spawnRedis(binary, chosenPort, workDir);
    if (ok) {
      writeFileSync(pidFile, `${child.pid}\n`);
      // The same port, because the API's clients keep reconnecting to the URL they were given.
      const supervisor = supervise({
        label: 'redis-server',
        where: `on port ${chosenPort}`,
        child,
        log,
        restart: async () => {
          const next = await spawnRedis(binary, chosenPort, workDir);
          if (!next.ok) {
            await next.exitPromise.catch(() => {});
            throw new Error(next.output.at(-1) ?? 'did not answer PING');
          }
          writeFileSync(pidFile, `${next.child.pid}\n`);
          return next.child;
        },
      });
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        const last = await supervisor.halt();
        unregisterChild(supervisor);
        if (!hasExited(last)) {
          last.kill('SIGTERM');
          const timer = setTimeout(() => last.kill('SIGKILL'), 5000);
          await exited(last);
          clearTimeout(timer);
        }
        rmSync(pidFile, { force: true });
      };
      registerChild(supervisor, {
        killSync: () => {
          supervisor.current.kill('SIGTERM');
          rmSync(pidFile, { force: true });
        },
        stop,
      });
      return { url: `redis://127.0.0.1:${chosenPort}`, port: chosenPort, stop };
    }
    await exitPromise.catch(() => {});
    const inUse = output.some((line) => /Address already in use/i.test(line));
    if (!inUse || port !== undefined || attempt >= 3) {
      throw new Error(
        `redis-server (${binary}) did not start on port ${chosenPort}:\n${output.slice(-20).join('\n')}`,
      );
    }
  }
}

/**
 * Without a system redis-server, redis-memory-server can download and build one, which only works
 * on a machine with internet access; offline it fails fast and we explain the real fixes.
 * @param {number} [port]
 */
async function startRedisMemoryServer(port) {
  try {
    const { RedisMemoryServer } = await import('redis-memory-server');
    const server = await RedisMemoryServer.create(port ? { instance: { port } } : {});
    const host = await server.getHost();
    const actualPort = await server.getPort();
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      unregisterChild(server);
      await server.stop();
    };
    // redis-memory-server runs its own watchdog that kills redis when we die; the exit hook just
    // makes a normal exit immediate.
    registerChild(server, { killSync: () => void server.stop().catch(() => {}), stop });
    return { url: `redis://${host}:${actualPort}`, port: actualPort, stop };
  } catch (error) {
    throw new Error(
      'No redis-server on PATH, and redis-memory-server could not provide one ' +
        `(${error instanceof Error ? error.message : String(error)}).\n` +
        'Fix: install Redis (Debian/Ubuntu: sudo apt-get install -y redis-server), ' +
        'or set REDIS_URL to an existing Redis server.',
    );
  }
}
