// Restarting a server process that died while nobody asked it to stop (kill -9, the OOM killer),
// so that a running Settle heals instead of failing every request until someone restarts it.
import { setTimeout as sleep } from 'node:timers/promises';

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

// The first pause gives what the dead server left behind (its children, their shared memory)
// time to go; the later ones keep a server that dies at once from being restarted in a loop.
const BACKOFF_MS = [200, 500, 1000, 2000];
// A server that fails this often will not be fixed by restarting it again.
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 60_000;

/** @param {ChildProcess} child */
export function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * @param {ChildProcess} child
 * @returns {Promise<void>}
 */
export function exited(child) {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 */
const describeExit = (code, signal) => signal ?? `exit code ${code}`;

/** @param {unknown} error */
const firstLine = (error) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error';

/**
 * Watches `child` and, when it exits without halt() having been called, calls `restart()` for a
 * replacement after a pause that grows with each failure. An exit and a failed restart both count
 * as a failure; the fifth within a minute ends the supervision with a logged error.
 *
 * @param {object} options
 * @param {string} options.label  the process as users know it, e.g. 'redis-server'
 * @param {string} options.where  e.g. 'on port 6379', for the log lines
 * @param {ChildProcess} options.child  the running process
 * @param {() => Promise<ChildProcess>} options.restart  resolves once the replacement serves
 * @param {(line: string) => void} options.log
 * @param {() => void} [options.onGiveUp]  called once supervision ends for good
 */
export function supervise({ label, where, child, restart, log, onGiveUp = () => {} }) {
  let current = child;
  let halted = false;
  /** @type {Promise<void>} */
  let recovering = Promise.resolve();
  /** @type {number[]} */
  const failures = [];
  const halting = new AbortController();

  /** @param {ChildProcess} watched */
  const watch = (watched) =>
    watched.once('exit', (code, signal) => {
      if (halted || watched !== current) return;
      recovering = recover(describeExit(code, signal));
    });

  /** @param {string} reason */
  const recover = async (reason) => {
    const began = performance.now();
    for (;;) {
      const now = Date.now();
      failures.push(now);
      while (failures[0] < now - FAILURE_WINDOW_MS) failures.shift();
      if (failures.length >= MAX_FAILURES) {
        log(
          `ERROR: ${label} ${where} failed ${failures.length} times within ` +
            `${FAILURE_WINDOW_MS / 1000} s (last: ${reason}); not restarting it again. ` +
            'Settle cannot work without it: stop Settle and look into why it keeps dying.',
        );
        onGiveUp();
        return;
      }
      const pause = BACKOFF_MS[Math.min(failures.length, BACKOFF_MS.length) - 1];
      try {
        await sleep(pause, undefined, { signal: halting.signal });
      } catch {
        return; // halted while waiting
      }
      try {
        const next = await restart();
        current = next;
        if (halted) return;
        if (hasExited(next)) throw new Error('exited right after starting');
        watch(next);
        const took = ((performance.now() - began) / 1000).toFixed(1);
        log(`${label} exited unexpectedly (${reason}); restarted ${where} in ${took} s`);
        return;
      } catch (error) {
        if (halted) return;
        log(`restarting ${label} ${where} failed: ${firstLine(error)}`);
        reason = `restart failed: ${firstLine(error)}`;
      }
    }
  };

  watch(child);
  return {
    /** The process serving now, or the last one when it died and was not replaced. */
    get current() {
      return current;
    },
    /**
     * Ends the supervision and resolves with the process to stop, once no restart is in flight.
     * @returns {Promise<ChildProcess>}
     */
    async halt() {
      halted = true;
      halting.abort();
      await recovering;
      return current;
    },
  };
}
