// The fake ConnectWise and QuickBooks servers of libs/testing (TypeScript) for a benchmark run by plain node:
// built as `npm start` builds it for the demo (tsc -b libs/testing/tsconfig.fake.json) and
// required from libs/testing/dist.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * @param {string} root
 * @returns {Promise<{ startFakeConnectWise: (options?: object) => Promise<any> }>}
 */
export async function loadFakeConnectWise(root) {
  return loadFake(root, 'fake-connectwise');
}

/**
 * @param {string} root
 * @returns {Promise<{ startFakeQuickBooks: (options?: object) => Promise<any> }>}
 */
export async function loadFakeQuickBooks(root) {
  return loadFake(root, 'fake-quickbooks');
}

function loadFake(root, name) {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/testing/tsconfig.fake.json'],
    { cwd: root, stdio: 'inherit' },
  );
  return createRequire(import.meta.url)(join(root, `libs/testing/dist/${name}/index.js`));
}
