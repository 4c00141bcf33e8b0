#!/usr/bin/env node
// Starts the mail catcher the way the launcher does, for a test in another process (jest cannot
// load this ESM package itself). Writes one JSON object per line on stdout: { url, port } once it
// listens; stops it when stdin closes, then writes { stopped: true }.
// Usage: node smtp-driver.mjs <mail dir>
import { resolve } from 'node:path';

import { startEmbeddedSmtp } from '../src/index.mjs';

const emit = (/** @type {unknown} */ value) => process.stdout.write(`${JSON.stringify(value)}\n`);

const smtp = await startEmbeddedSmtp({ dir: resolve(process.argv[2] ?? '.tmp/mail') });
emit({ port: smtp.port, url: smtp.url });

process.stdin.resume();
process.stdin.once('close', async () => {
  await smtp.stop();
  emit({ stopped: true });
});
