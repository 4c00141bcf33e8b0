import { TestApp } from './test-app';

/** Builds A/R through the public API, as an integrator would. */
export async function upsertOrganization(
  t: TestApp,
  bearer: string,
  externalId: string,
  name: string,
) {
  const response = await t.http
    .put(`/api/v1/organizations/external/connectwise/${externalId}`)
    .set('authorization', bearer)
    .send({ name });
  if (![200, 201].includes(response.status))
    throw new Error(`upsert organization: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; name: string };
}

export function daysFromToday(days: number, timeZone = 'America/Chicago'): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    day: '2-digit',
    month: '2-digit',
    timeZone,
    year: 'numeric',
  }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function invoiceBody(organizationId: string, overrides: Record<string, unknown> = {}) {
  const dueDate = (overrides.dueDate as string | undefined) ?? daysFromToday(-10);
  const [y, m, d] = dueDate.split('-').map(Number);
  return {
    currency: 'USD',
    dueDate,
    issueDate: new Date(Date.UTC(y, m - 1, d - 30)).toISOString().slice(0, 10),
    number: 'INV-1',
    organizationId,
    sourceBalance: 10000,
    total: 10000,
    ...overrides,
  };
}

export async function upsertInvoice(
  t: TestApp,
  bearer: string,
  externalId: string,
  body: Record<string, unknown>,
) {
  const response = await t.http
    .put(`/api/v1/invoices/external/quickbooks/${externalId}`)
    .set('authorization', bearer)
    .send(body);
  if (![200, 201].includes(response.status))
    throw new Error(`upsert invoice: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; openBalance: number; pastDue: boolean };
}

export async function apiKey(
  t: TestApp,
  cookie: string,
  csrf: string,
  role = 'billing',
): Promise<string> {
  const response = await t.http
    .post('/api/v1/api-keys')
    .set('cookie', cookie)
    .set('x-csrf-token', csrf)
    .send({ name: `key-${role}`, role });
  return `Bearer ${response.body.secret}`;
}
