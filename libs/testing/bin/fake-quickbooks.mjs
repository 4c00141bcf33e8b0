#!/usr/bin/env node
// The demo's QuickBooks Online: the fake of libs/testing/src/fake-quickbooks with the demo records
// (demo.ts), as a process of its own so that the API never loads test code. `npm start` builds it
// (tsc -b libs/testing/tsconfig.fake.json) and runs it; it prints one JSON line,
// {"url", "clientId", "clientSecret", "realmId"}, once it listens.
// Usage: fake-quickbooks.mjs [port]   (default: any free port on 127.0.0.1)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {typeof import('../src/fake-quickbooks/demo')} */
const { DEMO_QUICKBOOKS, startDemoQuickBooks } = require('../dist/fake-quickbooks/demo.js');

const fake = await startDemoQuickBooks(Number(process.argv[2] ?? 0));
console.log(JSON.stringify({ ...DEMO_QUICKBOOKS, url: fake.url }));

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
  process.on(signal, () => void fake.close().finally(() => process.exit(0)));
