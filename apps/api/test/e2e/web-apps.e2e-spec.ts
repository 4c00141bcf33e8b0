import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { findRepoRoot } from '../../src/bootstrap/web-apps';
import { createTestApp, TestApp } from '../utils/test-app';

/** The SPAs' own files, as `npm run build:web` leaves them (npm test builds before jest). */
const adminDist = join(findRepoRoot(), 'apps/admin-web/dist');

describe('the SPAs as served', () => {
  let t: TestApp;
  let entryScript: string;
  let entrySource: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    const html = readFileSync(join(adminDist, 'index.html'), 'utf8');
    entryScript = /<script[^>]+src="([^"]+\.js)"/.exec(html)![1]!;
    entrySource = readFileSync(join(adminDist, entryScript));
  });
  afterAll(() => t.close());

  // supertest decodes what it receives, so the body is compared with the source and the bytes on
  // the wire are told by content-length: those of the compressed copy the build wrote.
  const get = (encoding: string) => t.http.get(entryScript).set('accept-encoding', encoding);
  const sizeOf = (file: string) => readFileSync(join(adminDist, file)).length;

  it('sends the brotli copy of an asset to a browser that accepts it, cached for a year', async () => {
    const response = await get('gzip, deflate, br').expect(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(response.headers['content-length'])).toBe(sizeOf(`${entryScript}.br`));
    expect(sizeOf(`${entryScript}.br`)).toBeLessThan(entrySource.length / 3);
    expect(response.text).toBe(entrySource.toString('utf8'));
  });

  it('falls back to gzip, then to the file itself', async () => {
    const gzipped = await get('gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(Number(gzipped.headers['content-length'])).toBe(sizeOf(`${entryScript}.gz`));
    expect(gzipped.text).toBe(entrySource.toString('utf8'));

    const plain = await get('identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(entrySource.length);
  });
});
