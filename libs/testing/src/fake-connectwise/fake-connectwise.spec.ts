import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeConnectWise, type FakeConnectWise } from '.';

describe('fake ConnectWise Manage', () => {
  let fake: FakeConnectWise;
  let auth: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeConnectWise({ companyId: 'acme' });
    auth = {
      authorization:
        'Basic ' + Buffer.from(`acme+${fake.publicKey}:${fake.privateKey}`).toString('base64'),
      clientId: '00000000-0000-4000-8000-000000000001',
    };
    for (let i = 1; i <= 7; i++)
      fake.add('companies', {
        name: `Company ${i}`,
        status: { id: 1, name: i === 3 ? 'Inactive' : 'Active' },
      });
  });
  afterAll(() => fake.close());

  it('discovers the codebase without credentials, and null for an unknown company', async () => {
    const known = await fetch(`${fake.url}/login/companyinfo/ACME`);
    expect(await known.json()).toMatchObject({ Codebase: 'v4_6_release/', CompanyID: 'acme' });
    const unknown = await fetch(`${fake.url}/login/companyinfo/nobody`);
    expect(await unknown.json()).toBeNull();
  });

  it('refuses bad keys and a missing clientId with 401 and an error body', async () => {
    const bad = await fetch(`${fake.apiBase}/system/info`, {
      headers: { ...auth, authorization: 'Basic eDp5' },
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'Unauthorized' });
    const noClient = await fetch(`${fake.apiBase}/system/info`, {
      headers: { authorization: auth.authorization! },
    });
    expect(noClient.status).toBe(401);
  });

  it('filters with conditions and answers 400 with the literal rules for bad ones', async () => {
    const res = await fetch(
      `${fake.apiBase}/company/companies?conditions=${encodeURIComponent('status/name="inactive" or id in (1, 2)')}`,
      { headers: auth },
    );
    expect(((await res.json()) as { id: number }[]).map((c) => c.id)).toEqual([1, 2, 3]);
    expect(res.headers.get('api-current-version')).toBe('2025.1');
    const bad = await fetch(`${fake.apiBase}/company/companies?conditions=name=Fred`, {
      headers: auth,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/square brackets/);
    const since = await fetch(
      `${fake.apiBase}/company/companies/count?conditions=${encodeURIComponent(`lastUpdated > [${fake.get('companies', 5)!._info.lastUpdated}]`)}`,
      { headers: auth },
    );
    expect(await since.json()).toEqual({ count: 2 });
  });

  it('pages navigably with next/last links and forward-only by pageId', async () => {
    const first = await fetch(`${fake.apiBase}/company/companies?pageSize=3&page=1`, {
      headers: auth,
    });
    expect(first.headers.get('link')).toMatch(/page=2>; rel="next".*page=3>; rel="last"/);
    const past = await fetch(`${fake.apiBase}/company/companies?pageSize=3&page=9`, {
      headers: auth,
    });
    expect(await past.json()).toEqual([]);

    const ids: number[] = [];
    let next: string | null = `${fake.apiBase}/company/companies?pageSize=3&fields=id,name`;
    fake.afterListPage('companies', () => fake.remove('companies', 2));
    while (next) {
      const page: Response = await fetch(next, {
        headers: { ...auth, 'pagination-type': 'forward-only' },
      });
      ids.push(...((await page.json()) as { id: number }[]).map((c) => c.id));
      next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers 404 bodies, PDFs, and injected 429s with Retry-After', async () => {
    const missing = await fetch(`${fake.apiBase}/finance/invoices/999`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      code: 'NotFound',
      errors: [],
      message: 'Invoice with id 999 not found.',
    });
    const invoice = fake.add('invoices', {
      company: { id: 1, identifier: 'C1', name: 'Company 1' },
      total: 12.5,
    });
    const pdf = await fetch(`${fake.apiBase}/finance/invoices/${invoice.id}/pdf`, {
      headers: auth,
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 8)
        .toString(),
    ).toBe('%PDF-1.4');

    fake.injectFault(
      { path: /finance\/invoices$/ },
      { headers: { 'retry-after': '2' }, status: 429 },
    );
    const limited = await fetch(`${fake.apiBase}/finance/invoices`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${fake.apiBase}/finance/invoices`, { headers: auth })).status).toBe(200);
  });

  it('takes edits and deletions through the HTTP control API', async () => {
    const before = fake.get('companies', 4)!._info.lastUpdated;
    await fetch(`${fake.url}/__fake/records/companies/4`, {
      body: JSON.stringify({ name: 'Renamed' }),
      method: 'PATCH',
    });
    expect(fake.get('companies', 4)).toMatchObject({ name: 'Renamed' });
    expect(fake.get('companies', 4)!._info.lastUpdated > before).toBe(true);
    await fetch(`${fake.url}/__fake/records/companies/4`, { method: 'DELETE' });
    expect((await fetch(`${fake.apiBase}/company/companies/4`, { headers: auth })).status).toBe(
      404,
    );
  });
});
