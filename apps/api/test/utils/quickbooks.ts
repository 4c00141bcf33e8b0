import { TestApp } from './test-app';

/**
 * A QuickBooks integration connected as an admin connects one: created, then authorize → the
 * fake's consent (which answers straight back) → the callback. Its id; the callback queues a
 * first full sync.
 */
export async function connectQuickBooks(
  t: TestApp,
  bearer: string,
  cookie: string,
): Promise<string> {
  const created = await t.http
    .post('/api/v1/integrations')
    .set('authorization', bearer)
    .send({ kind: 'quickbooks', name: 'QuickBooks', schedule: 'off', settings: {} })
    .expect(201);
  const integrationId = created.body.id as string;
  const authorize = await t.http
    .get(`/api/v1/integrations/${integrationId}/oauth/authorize`)
    .set('cookie', cookie)
    .expect(302);
  const consent = await fetch(authorize.headers.location as string, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  await t.http.get(`${back.pathname}${back.search}`).set('cookie', cookie).expect(302);
  return integrationId;
}
