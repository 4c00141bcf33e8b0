// The fake ConnectWise server of libs/testing (TypeScript) for a benchmark run by plain node:
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
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/testing/tsconfig.fake.json'],
    { cwd: root, stdio: 'inherit' },
  );
  return createRequire(import.meta.url)(join(root, 'libs/testing/dist/fake-connectwise/index.js'));
}
