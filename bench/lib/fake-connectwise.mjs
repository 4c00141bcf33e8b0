// The fake ConnectWise server of libs/testing (TypeScript) for a benchmark run by plain node:
// its files are transpiled once into a temporary directory and required from there.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ts from 'typescript';

/**
 * @param {string} root
 * @returns {Promise<{ startFakeConnectWise: (options?: object) => Promise<any> }>}
 */
export async function loadFakeConnectWise(root) {
  const source = join(root, 'libs/testing/src/fake-connectwise');
  const out = mkdtempSync(join(tmpdir(), 'settle-fake-connectwise-'));
  for (const file of readdirSync(source).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'),
  )) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: {
        esModuleInterop: true,
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
      },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  return createRequire(import.meta.url)(join(out, 'index.js'));
}
