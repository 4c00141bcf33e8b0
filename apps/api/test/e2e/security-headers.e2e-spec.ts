import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

const STRICT =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;" +
  "connect-src 'self';font-src 'self';object-src 'none';base-uri 'self';form-action 'self';" +
  "frame-ancestors 'none'";
const THIRD_PARTY_UI = STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

describe('security headers', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true' });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const cspOf = async (path: string, cookie = admin.cookie) =>
    (await t.http.get(path).set('cookie', cookie)).headers['content-security-policy'];

  it('serves both SPAs and the API under the strict policy', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/organizations/some-id',
      '/portal/',
      '/portal/login',
      '/api/v1/auth/me',
      '/api/v1/no-such-thing',
      '/api/docs-json',
    ]) {
      expect({ path, csp: await cspOf(path) }).toEqual({ path, csp: STRICT });
    }
    // A 401 is answered before the request reaches a route: it carries the headers too.
    const unauthenticated = await t.http.get('/api/v1/organizations').expect(401);
    expect(unauthenticated.headers['content-security-policy']).toBe(STRICT);
    expect(unauthenticated.headers['x-content-type-options']).toBe('nosniff');
  });

  it('relaxes styles only for Swagger UI and the queue board', async () => {
    const docs = await t.http.get('/api/docs').expect(200);
    expect(docs.headers['content-security-policy']).toBe(THIRD_PARTY_UI);
    expect(await cspOf('/api/docs/swagger-ui.css')).toBe(THIRD_PARTY_UI);
    expect(await cspOf('/api/docs/swagger-ui-init.js')).toBe(THIRD_PARTY_UI);
    const board = await t.http.get('/admin/queues').set('cookie', admin.cookie).expect(200);
    expect(board.headers['content-security-policy']).toBe(THIRD_PARTY_UI);
    expect(await cspOf('/admin/queues/queue/emails')).toBe(THIRD_PARTY_UI);
    expect(await cspOf('/admin/queues/api/queues')).toBe(THIRD_PARTY_UI);
    // Even there, nothing may frame the page or run an inline script.
    expect(THIRD_PARTY_UI).toContain("script-src 'self';");
    expect(THIRD_PARTY_UI).toContain("frame-ancestors 'none'");
  });

  it('serves the queue board and Swagger UI with nothing from another origin', async () => {
    /** Every URL a page or stylesheet would load, resolved against where it was served. */
    const referenced = (text: string, base: string) =>
      [
        ...text.matchAll(/\b(?:href|src)\s*=\s*["']?([^"'\s>]+)/gi),
        ...text.matchAll(/url\(\s*["']?([^"')]+)/gi),
        ...text.matchAll(/@import\s+["']([^"']+)/gi),
      ]
        .map(([, url]) => url)
        .filter((url) => !url.startsWith('data:') && !url.startsWith('#'))
        .map((url) => new URL(url, base));
    const origin = 'http://settle.local';
    for (const page of ['/admin/queues', '/admin/queues/queue/emails', '/api/docs']) {
      const html = await t.http.get(page).set('cookie', admin.cookie).expect(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      // The board's page sets <base href="/admin/queues/">: its links resolve against it.
      const base = /<base href="([^"]+)"/.exec(html.text)?.[1] ?? page;
      const urls = referenced(html.text, new URL(base, origin).toString());
      expect(urls.length).toBeGreaterThan(0);
      expect({ page, foreign: urls.filter((u) => u.origin !== origin).map(String) }).toEqual({
        page,
        foreign: [],
      });
      // The stylesheets it loads import nothing from elsewhere either.
      for (const sheet of urls.filter((u) => u.pathname.endsWith('.css'))) {
        const css = await t.http.get(sheet.pathname).set('cookie', admin.cookie).expect(200);
        const foreign = referenced(css.text, sheet.toString()).filter((u) => u.origin !== origin);
        expect({ sheet: sheet.pathname, foreign: foreign.map(String) }).toEqual({
          sheet: sheet.pathname,
          foreign: [],
        });
      }
    }
  });

  it('accepts unsafe methods only on the API and the queue board, which both check CSRF', async () => {
    // Everything else (the SPAs and their files, Swagger UI, health) is read-only: a cross-site
    // form or fetch carrying the session cookie finds no route.
    for (const path of [
      '/',
      '/index.html',
      '/organizations',
      '/portal/',
      '/portal/login',
      '/api/docs',
      '/api/docs/swagger-ui.css',
      '/api/docs-json',
      '/health',
      '/health/ready',
    ]) {
      for (const method of ['post', 'put', 'patch', 'delete'] as const) {
        const response = await t.http[method](path)
          .set('cookie', admin.cookie)
          .set('origin', 'https://attacker.example');
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      }
    }
    const api = await t.http
      .post('/api/v1/api-keys')
      .set('cookie', admin.cookie)
      .set('origin', 'https://attacker.example')
      .send({ name: 'cross-site' });
    expect(api.status).toBe(403);
  });
});
