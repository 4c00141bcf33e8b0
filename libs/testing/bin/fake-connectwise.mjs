#!/usr/bin/env node
// The demo's ConnectWise Manage: the fake of libs/testing/src/fake-connectwise with the demo
// records (demo.ts), as a process of its own so that the API never loads test code. `npm start`
// builds it (tsc -b libs/testing/tsconfig.fake.json) and runs it; it prints one JSON line,
// {"site", "companyId", "publicKey", "privateKey", "clientId"}, once it listens.
// Usage: fake-connectwise.mjs [port]   (default: any free port on 127.0.0.1)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {typeof import('../src/fake-connectwise/demo')} */
const { DEMO_CONNECTWISE, startDemoConnectWise } = require('../dist/fake-connectwise/demo.js');

const fake = await startDemoConnectWise(Number(process.argv[2] ?? 0));
console.log(JSON.stringify({ ...DEMO_CONNECTWISE, site: fake.url }));

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
  process.on(signal, () => void fake.close().finally(() => process.exit(0)));
