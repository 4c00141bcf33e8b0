import { createHash } from 'node:crypto';

import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('general settings and branding', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const put = (body: object) =>
    t.http
      .put('/api/v1/settings/general')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send(body);

  it('saves the MSP name, time zone, currency and branding, and serves branding without credentials', async () => {
    const body = {
      accentColor: '#0F766E',
      defaultCurrency: 'CAD',
      logoDataUrl: PIXEL,
      mspName: 'Northwind IT',
      timeZone: 'America/Toronto',
    };
    const saved = await put(body).expect(200);
    expect(saved.body).toEqual({ ...body, accentColor: '#0f766e' });
    const general = await t.http
      .get('/api/v1/settings/general')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(general.body).toEqual(saved.body);
    const branding = await t.http.get('/api/v1/settings/branding').expect(200);
    expect(branding.body).toEqual({
      accentColor: '#0f766e',
      logoDataUrl: PIXEL,
      mspName: 'Northwind IT',
    });
  });

  it('serves branding with a strong ETag of its body, 304 while it is current, and a new ETag once it changes', async () => {
    const body = {
      accentColor: '#2563eb',
      defaultCurrency: 'USD',
      logoDataUrl: PIXEL,
      mspName: 'Cached IT',
      timeZone: 'UTC',
    };
    await put(body).expect(200);
    const first = await t.http.get('/api/v1/settings/branding').expect(200);
    expect(first.body).toEqual({
      accentColor: '#2563eb',
      logoDataUrl: PIXEL,
      mspName: 'Cached IT',
    });
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag;
    const bodyHash = createHash('sha256').update(first.text).digest('base64url');
    expect(etag).toBe(`"${bodyHash}"`);

    const again = await t.http
      .get('/api/v1/settings/branding')
      .set('If-None-Match', etag)
      .expect(304);
    expect(again.text).toBe('');
    expect(again.headers['content-length'] ?? '0').toBe('0');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    // Any tag in a list hits, and the weak comparison If-None-Match calls for.
    await t.http
      .get('/api/v1/settings/branding')
      .set('If-None-Match', `"stale", W/${etag}`)
      .expect(304);

    await put({ ...body, mspName: 'Renamed IT' }).expect(200);
    const changed = await t.http
      .get('/api/v1/settings/branding')
      .set('If-None-Match', etag)
      .expect(200);
    expect(changed.body.mspName).toBe('Renamed IT');
    expect(changed.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(changed.headers.etag).not.toBe(etag);
    await t.http
      .get('/api/v1/settings/branding')
      .set('If-None-Match', changed.headers.etag)
      .expect(304);
  });

  it('names each bad field and keeps the previous settings', async () => {
    await put({
      accentColor: '#111111',
      defaultCurrency: 'USD',
      logoDataUrl: null,
      mspName: 'Kept',
      timeZone: 'UTC',
    }).expect(200);
    const response = await put({
      accentColor: 'teal',
      defaultCurrency: 'DOLLARS',
      logoDataUrl: 'data:text/html;base64,PHNjcmlwdD4=',
      mspName: 'Changed',
      timeZone: 'Mars/Olympus',
    }).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['accentColor', 'defaultCurrency', 'logoDataUrl', 'timeZone']),
    );
    const general = await t.http
      .get('/api/v1/settings/general')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(general.body.mspName).toBe('Kept');
  });

  it('is admin-only to change; billing gets 403', async () => {
    const billing = await loginAs(t, 'billing');
    await t.http
      .put('/api/v1/settings/general')
      .set('cookie', billing.cookie)
      .set('x-csrf-token', billing.csrf)
      .send({ accentColor: '#111111', defaultCurrency: 'USD', mspName: 'X', timeZone: 'UTC' })
      .expect(403);
  });
});
