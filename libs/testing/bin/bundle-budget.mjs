#!/usr/bin/env node
// An SPA's initial JavaScript (the entry script and what index.html preloads) must stay small:
// heavy screens and charts load lazily. Fails when the gzipped total is over budget.
// Usage: bundle-budget.mjs <admin-web|portal-web>
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The portal is what a customer opens on a phone from an email: it gets the tighter budget.
const BUDGETS_KB = { 'admin-web': 200, 'portal-web': 120 };
const app = process.argv[2] ?? 'admin-web';
const BUDGET_KB = BUDGETS_KB[app];
if (!BUDGET_KB) throw new Error(`No budget for ${app}; expected one of ${Object.keys(BUDGETS_KB)}`);
const dist = resolve(fileURLToPath(import.meta.url), `../../../../apps/${app}/dist`);
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
].map((m) => m[1]);
let total = 0;
for (const src of new Set(scripts)) {
  // Served under a base path (the portal's /portal/), built into dist/assets/.
  const file = join(dist, src.replace(/^.*?(?=assets\/)/, ''));
  const size = gzipSync(readFileSync(file)).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${src}`);
}
const totalKb = total / 1024;
console.log(
  `${totalKb.toFixed(1).padStart(7)} KB  initial JavaScript, gzipped (budget ${BUDGET_KB} KB)`,
);
if (scripts.length === 0) throw new Error(`No scripts found in index.html: is ${app} built?`);
if (totalKb > BUDGET_KB) {
  console.error(`Over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
