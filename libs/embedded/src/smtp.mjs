import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { SMTPServer } from 'smtp-server';

import { freePort } from './ports.mjs';

// Connections still open when stop() is called are cut after this; a local catcher has nothing
// worth waiting the library's default 30 s for.
const CLOSE_TIMEOUT_MS = 1000;

/**
 * ISO 8601 in its basic form (20260131T235959.123Z): sorts by arrival like the extended form,
 * without the colons some file systems refuse in names.
 */
function messageFileName() {
  const time = new Date().toISOString().replace(/[-:]/g, '');
  return `${time}-${randomBytes(4).toString('hex')}.eml`;
}

/**
 * @param {SMTPServer} server
 * @param {number} port
 * @returns {Promise<void>}
 */
function listen(server, port) {
  return new Promise((resolveListen, reject) => {
    const onError = (/** @type {Error} */ error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}

/**
 * An SMTP server for `npm start` that delivers nowhere: every message, from any sender to any
 * recipient, is kept byte for byte as `<time>-<random>.eml` in `dir`. Plain text on loopback, no
 * STARTTLS; AUTH is optional and any credentials pass, so an SMTP_URL with a user works too.
 * @param {{ dir: string, port?: number }} options  without a port, a free one is picked
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void> }>}
 */
export async function startEmbeddedSmtp({ dir, port }) {
  const mailDir = resolve(dir);
  mkdirSync(mailDir, { recursive: true });

  const server = new SMTPServer({
    allowInsecureAuth: true,
    authOptional: true,
    banner: 'Settle local mail catcher: nothing is delivered',
    closeTimeout: CLOSE_TIMEOUT_MS,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    onData: (stream, _session, callback) => {
      const name = messageFileName();
      // Written under a dot-name and renamed when complete, so that whoever lists the folder
      // never reads half a message.
      const partial = join(mailDir, `.${name}.partial`);
      pipeline(stream, createWriteStream(partial, { flags: 'wx' }))
        .then(() => {
          renameSync(partial, join(mailDir, name));
          callback(null, `Kept as ${name}`);
        })
        .catch((/** @type {Error} */ error) => {
          rmSync(partial, { force: true });
          callback(error);
        });
    },
  });

  // A port picked by freePort() can be taken before we bind it; retry on a fresh one.
  for (let attempt = 1; ; attempt++) {
    const chosenPort = port ?? (await freePort());
    try {
      await listen(server, chosenPort);
    } catch (error) {
      const inUse = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE';
      if (inUse && port === undefined && attempt < 3) continue;
      throw new Error(
        `The mail catcher did not start on port ${chosenPort}: ${/** @type {Error} */ (error).message}`,
      );
    }
    let stopping;
    const stop = () => {
      stopping ??= new Promise((resolveStop) => server.close(() => resolveStop(undefined)));
      return stopping;
    };
    return { url: `smtp://127.0.0.1:${chosenPort}`, port: chosenPort, stop };
  }
}
