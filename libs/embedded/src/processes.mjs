// Process bookkeeping shared by the embedded services and the launcher: finding processes left
// behind by a crashed (SIGKILLed) run, and making sure our own children never outlive us.
import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} ProcInfo
 * @property {number} pid
 * @property {number} ppid
 * @property {string} state  one-letter state from /proc/<pid>/stat ('Z' = zombie)
 * @property {string[]} argv
 */

/**
 * Reads what /proc knows about a PID, or null when it is gone. A zombie counts as gone for every
 * purpose here (it holds no port and no lock), hence the state field.
 * @param {number} pid
 * @returns {ProcInfo | null}
 */
export function procInfo(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may itself contain spaces or ')', so split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(rest[1]), state: rest[0], argv };
  } catch {
    return null;
  }
}

/**
 * Live processes whose working directory is `dir`: the way to find what a dead server's children
 * are still doing, since they were reparented and their titles need not name the directory.
 * Only processes we may inspect are seen; without /proc (macOS) none are.
 * @param {string} dir
 * @returns {ProcInfo[]}
 */
export function processesIn(dir) {
  let target;
  let entries;
  try {
    target = realpathSync(dir);
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  /** @type {ProcInfo[]} */
  const found = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) !== target) continue;
    } catch {
      continue; // gone meanwhile, or not ours to inspect
    }
    const info = procInfo(Number(entry));
    if (info && info.state !== 'Z') found.push(info);
  }
  return found;
}

/** @param {number} pid */
export function isAlive(pid) {
  const info = procInfo(pid);
  if (info) return info.state !== 'Z';
  // Without /proc (macOS) fall back to signal 0, which cannot tell a zombie apart.
  if (existsSync('/proc/self/stat')) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * True when the process was started by a Node process that is still running, i.e. another
 * launcher (or test run) owns it. A crash leaves the process reparented to PID 1 or to a subreaper,
 * which is never a node process running our code.
 * @param {ProcInfo} info
 */
function ownedByLiveNode(info) {
  if (info.ppid <= 1 || info.ppid === process.pid) return false;
  const parent = procInfo(info.ppid);
  return !!parent && parent.state !== 'Z' && /(^|\/)node$/.test(parent.argv[0] ?? '');
}

/**
 * Sends `signal`, waits up to `graceMs`, then SIGKILLs and waits until the PID is really gone.
 * @param {number} pid
 * @param {{ signal?: NodeJS.Signals, graceMs?: number }} [options]
 */
export async function terminate(pid, { signal = 'SIGTERM', graceMs = 5000 } = {}) {
  const trySignal = (/** @type {NodeJS.Signals} */ sig) => {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  };
  trySignal(signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (!isAlive(pid)) return;
  trySignal('SIGKILL');
  const hardDeadline = Date.now() + 5000;
  while (isAlive(pid) && Date.now() < hardDeadline) await sleep(50);
  if (isAlive(pid)) throw new Error(`process ${pid} did not exit after SIGKILL`);
}

/**
 * Deals with a PID file left by a previous run: a live process matching `matches` and orphaned by a
 * crash is terminated; a live one still owned by a running Node process means another instance is
 * using the same directory, which we must not break, so we refuse; a dead or unrelated PID just
 * means the file is stale and it is removed.
 * @param {object} options
 * @param {string} options.pidFile
 * @param {(info: ProcInfo) => boolean} options.matches  recognises our kind of process
 * @param {string} options.label  used in messages
 * @param {NodeJS.Signals} [options.signal]
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<boolean>} whether a stale process was killed
 */
export async function reapStaleProcess({
  pidFile,
  matches,
  label,
  signal = 'SIGTERM',
  log = () => {},
}) {
  if (!existsSync(pidFile)) return false;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const info = Number.isInteger(pid) && pid > 0 ? procInfo(pid) : null;
  let killed = false;
  if (info && info.state !== 'Z' && matches(info)) {
    if (ownedByLiveNode(info)) {
      throw new Error(
        `${label} (pid ${pid}) from ${pidFile} is still owned by running process ${info.ppid}; ` +
          'is another Settle instance running? Stop it first.',
      );
    }
    log(`stopping ${label} left over from a previous run (pid ${pid})`);
    await terminate(pid, { signal });
    killed = true;
  }
  // Postgres removes its own postmaster.pid on a clean shutdown; after SIGKILL or for a dead PID
  // the file is stale, and a zombie PID in it would still make postgres refuse to start.
  rmSync(pidFile, { force: true });
  return killed;
}

/**
 * @param {string} name
 * @returns {string | undefined}
 */
export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

/**
 * Linux can signal a child when its parent dies, even by SIGKILL, which no exit handler survives.
 * util-linux's setpriv sets that up before exec'ing the real command; the PID file cleanup covers
 * platforms without it.
 */
const setpriv = process.platform === 'linux' ? findOnPath('setpriv') : undefined;

/**
 * Rewrites a command so the child receives `signal` when we die. The PID stays the same, because
 * setpriv exec's the command.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {NodeJS.Signals} signal
 * @returns {[string, string[]]}
 */
export function tiedToParent(command, args, signal = 'SIGTERM') {
  return setpriv
    ? [setpriv, ['--pdeathsig', signal, '--', command, ...args]]
    : [command, [...args]];
}

// ---------------------------------------------------------------------------------------------
// Children that must die with us. 'exit' handlers can only act synchronously, so each entry is a
// synchronous best-effort kill; the orderly async stop() is the caller's job.

/** @type {Map<object, () => void>} */
const exitKillers = new Map();
/** @type {Map<object, () => Promise<void>>} */
const asyncStoppers = new Map();
let hooksInstalled = false;

/**
 * Registers a child for cleanup on process exit and on SIGINT/SIGTERM/SIGHUP.
 * @param {object} key
 * @param {{ killSync: () => void, stop: () => Promise<void> }} handlers
 */
export function registerChild(key, { killSync, stop }) {
  exitKillers.set(key, killSync);
  asyncStoppers.set(key, stop);
  installHooks();
}

/** @param {object} key */
export function unregisterChild(key) {
  exitKillers.delete(key);
  asyncStoppers.delete(key);
}

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const kill of exitKillers.values()) {
      try {
        kill();
      } catch {
        /* best effort while exiting */
      }
    }
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    const onSignal = async () => {
      // A host that installed its own handler (the launcher, a test runner) decides the stop order
      // and when to exit; our 'exit' hook remains the safety net. Only when we are the sole
      // listener do we stop everything and exit as the default signal action would.
      if (process.listenerCount(signal) > 1) return;
      const timer = setTimeout(() => process.exit(128 + signalNumber(signal)), 10_000);
      timer.unref();
      for (const stop of [...asyncStoppers.values()].reverse()) await stop().catch(() => {});
      process.exit(128 + signalNumber(signal));
    };
    process.on(signal, onSignal);
  }
}

/** @param {NodeJS.Signals} signal */
function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[/** @type {string} */ (signal)] ?? 0;
}
