import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { startFakeQuickBooks, type FakeQuickBooks } from '.';

const DAY = 24 * 3600_000;

describe('fake QuickBooks Online', () => {
  let fake: FakeQuickBooks;
  let basic: string;
  let api: (path: string, init?: RequestInit) => Promise<Response>;
  let bearer: string;

  beforeAll(async () => {
    fake = await startFakeQuickBooks({ realmId: '4620816365' });
    basic = 'Basic ' + Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64');
    bearer = fake.issueTokens().accessToken;
    api = (path, init = {}) =>
      fetch(`${fake.url}/v3/company/${fake.realmId}/${path}`, {
        ...init,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      });
    for (let i = 1; i <= 5; i++)
      fake.add('Customer', { DisplayName: `Customer ${i}`, Id: String(i) });
    for (let i = 1; i <= 12; i++)
      fake.add('Invoice', {
        CustomerRef: { value: String(((i - 1) % 5) + 1) },
        Id: String(100 + i),
        TotalAmt: 10 * i,
      });
  });
  afterAll(() => fake.close());

  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}/oauth2/v1/tokens/bearer`, {
      body: new URLSearchParams(form),
      headers: { accept: 'application/json', authorization: basic, ...headers },
      method: 'POST',
    });

  it('connects through OAuth: a single-use code, rotating refresh tokens, revoke', async () => {
    const authorize = new URL(`${fake.url}/connect/oauth2`);
    const redirect = 'https://settle.example/integrations/quickbooks/callback';
    authorize.search = new URLSearchParams({
      client_id: fake.clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      state: 's-123',
    }).toString();
    const back = await fetch(authorize, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe('s-123');
    expect(callback.searchParams.get('realmId')).toBe('4620816365');
    const code = callback.searchParams.get('code')!;

    const badClient = await token(
      { code, grant_type: 'authorization_code', redirect_uri: redirect },
      { authorization: 'Basic eDp5' },
    );
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toEqual({ error: 'invalid_client' });

    const first = await token({ code, grant_type: 'authorization_code', redirect_uri: redirect });
    expect(first.headers.get('intuit_tid')).toMatch(/^[0-9a-f]{32}$/);
    const tokens = (await first.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({
      expires_in: 3600,
      token_type: 'bearer',
      x_refresh_token_expires_in: 8726400,
    });
    const again = await token({ code, grant_type: 'authorization_code', redirect_uri: redirect });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });

    const rotated = (await (
      await token({ grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) })
    ).json()) as Record<string, unknown>;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    // The superseded refresh token still works for 24 hours, then dies.
    fake.advanceClock(DAY - 60_000);
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) }))
        .status,
    ).toBe(200);
    fake.advanceClock(2 * 60_000);
    const dead = await token({
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
    });
    expect(await dead.json()).toMatchObject({ error: 'invalid_grant' });
    const latest = (await (
      await token({ grant_type: 'refresh_token', refresh_token: String(rotated.refresh_token) })
    ).json()) as Record<string, string>;

    const revoke = await fetch(`${fake.url}/v2/oauth2/tokens/revoke`, {
      body: JSON.stringify({ token: latest.refresh_token }),
      headers: { authorization: basic, 'content-type': 'application/json' },
      method: 'POST',
    });
    expect(revoke.status).toBe(200);
    const afterRevoke = await fetch(
      `${fake.url}/v3/company/${fake.realmId}/companyinfo/${fake.realmId}`,
      {
        headers: { authorization: `Bearer ${latest.access_token}` },
      },
    );
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.headers.get('www-authenticate')).toMatch(/invalid_token/);
    expect(await afterRevoke.json()).toMatchObject({ fault: { error: [{ code: '3200' }] } });

    // A day passed on the fake clock: the suite's own access token has expired too.
    bearer = fake.issueTokens().accessToken;

    fake.denyNextAuthorization();
    const denied = new URL(
      (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!,
    );
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('s-123');
  });

  it('answers the query subset: paging, count, clamp, empty, and OR as a ValidationFault', async () => {
    const q = (statement: string) =>
      api(`query?query=${encodeURIComponent(statement)}&minorversion=75`);
    const page = (await (
      await q(
        "SELECT * FROM Invoice WHERE CustomerRef IN ('1', '2') AND TotalAmt >= 20 ORDERBY TotalAmt DESC STARTPOSITION 2 MAXRESULTS 2",
      )
    ).json()) as {
      QueryResponse: { Invoice: { Id: string }[]; startPosition: number; maxResults: number };
    };
    // Customers 1 and 2 hold invoices 101, 102, 106, 107, 111, 112; from 20 up, dearest first: 112, 111, 107, …
    expect(page.QueryResponse.Invoice.map((i) => i.Id)).toEqual(['111', '107']);
    expect(page.QueryResponse).toMatchObject({ maxResults: 2, startPosition: 2 });
    expect(fake.requests.at(-1)!.minorVersion).toBe(75);

    expect(await (await q('SELECT count(*) FROM Invoice')).json()).toMatchObject({
      QueryResponse: { totalCount: 12 },
    });
    const clamped = (await (await q('select * from Invoice maxresults 5000')).json()) as {
      QueryResponse: { maxResults: number };
    };
    expect(clamped.QueryResponse.maxResults).toBe(12);
    expect(
      await (await q("SELECT * FROM Customer WHERE DisplayName LIKE 'Nobody%'")).json(),
    ).toMatchObject({ QueryResponse: {} });

    const or = await q("SELECT * FROM Invoice WHERE Id = '101' OR Id = '102'");
    expect(or.status).toBe(400);
    expect(await or.json()).toMatchObject({
      Fault: { Error: [{ Message: 'Error parsing query', code: '4000' }], type: 'ValidationFault' },
    });
  });

  it('reports changes through CDC, deletions included, and refuses more than 30 days back', async () => {
    const since = fake.now().toISOString();
    fake.edit('Invoice', '103', { Balance: 1 });
    fake.remove('Invoice', '104');
    const cdc = (await (
      await api(`cdc?entities=Invoice,Customer&changedSince=${encodeURIComponent(since)}`)
    ).json()) as { CDCResponse: { QueryResponse: Record<string, unknown>[] }[] };
    const [invoices, customers] = cdc.CDCResponse[0]!.QueryResponse;
    expect(invoices).toMatchObject({
      Invoice: [
        { Balance: 1, Id: '103', SyncToken: '1' },
        { Id: '104', status: 'Deleted' },
      ],
    });
    expect(customers).toEqual({});
    const read = await api('invoice/104');
    expect(await read.json()).toMatchObject({ Fault: { Error: [{ code: '610' }] } });

    const old = new Date(fake.now().getTime() - 31 * DAY).toISOString();
    const tooOld = await api(`cdc?entities=Invoice&changedSince=${encodeURIComponent(old)}`);
    expect(tooOld.status).toBe(400);
    expect(await tooOld.json()).toMatchObject({ Fault: { type: 'ValidationFault' } });
  });

  it('applies a payment to its invoice once per requestid; delete and void check SyncToken and deposits', async () => {
    const body = JSON.stringify({
      CustomerRef: { value: '5' },
      Line: [{ Amount: 30, LinkedTxn: [{ TxnId: '105', TxnType: 'Invoice' }] }],
      TotalAmt: 30,
    });
    const post = () => api('payment?minorversion=75&requestid=r-1', { body, method: 'POST' });
    const first = await post();
    const bytes = await first.text();
    expect(JSON.parse(bytes)).toMatchObject({
      Payment: { CustomerRef: { value: '5' }, UnappliedAmt: 0 },
    });
    expect(await (await post()).text()).toBe(bytes);
    expect(fake.all('Payment')).toHaveLength(1);
    const invoice = fake.get('Invoice', '105')!;
    const paymentId = (JSON.parse(bytes) as { Payment: { Id: string } }).Payment.Id;
    expect(invoice).toMatchObject({
      Balance: 20,
      LinkedTxn: [{ TxnId: paymentId, TxnType: 'Payment' }],
      SyncToken: '1',
    });

    const stale = await api('payment?operation=delete&requestid=r-2', {
      body: JSON.stringify({ Id: paymentId, SyncToken: '7' }),
      method: 'POST',
    });
    expect(await stale.json()).toMatchObject({ Fault: { Error: [{ code: '5010' }] } });
    fake.deposit(paymentId);
    const deposited = await api('payment?operation=delete&requestid=r-3', {
      body: JSON.stringify({ Id: paymentId, SyncToken: '0' }),
      method: 'POST',
    });
    expect(await deposited.json()).toMatchObject({ Fault: { Error: [{ code: '6540' }] } });

    const other = (await (
      await api('payment?requestid=r-4', { body: body.replaceAll('30', '10'), method: 'POST' })
    ).json()) as { Payment: { Id: string; SyncToken: string } };
    const voided = await api('payment?operation=update&include=void&requestid=r-5', {
      body: JSON.stringify({ Id: other.Payment.Id, SyncToken: other.Payment.SyncToken }),
      method: 'POST',
    });
    expect(await voided.json()).toMatchObject({ Payment: { PrivateNote: 'Voided', TotalAmt: 0 } });
    expect(fake.get('Invoice', '105')).toMatchObject({ Balance: 20, SyncToken: '3' });
  });

  it('updates a payment sparsely: its lines replace the old ones, the invoices re-open, a stale SyncToken is 5010', async () => {
    // Customer 2 has invoices 102 (20.00) and 107 (70.00).
    const created = (await (
      await api('payment?requestid=u-1', {
        body: JSON.stringify({
          CustomerRef: { value: '2' },
          Line: [
            { Amount: 20, LinkedTxn: [{ TxnId: '102', TxnType: 'Invoice' }] },
            { Amount: 50, LinkedTxn: [{ TxnId: '107', TxnType: 'Invoice' }] },
          ],
          TotalAmt: 70,
        }),
        method: 'POST',
      })
    ).json()) as { Payment: { Id: string; SyncToken: string } };
    const id = created.Payment.Id;
    expect(fake.get('Invoice', '102')!.Balance).toBe(0);
    expect(fake.get('Invoice', '107')!.Balance).toBe(20);
    const update = (body: Record<string, unknown>, requestId: string) =>
      api(`payment?operation=update&requestid=${requestId}`, {
        body: JSON.stringify({ Id: id, sparse: true, ...body }),
        method: 'POST',
      });

    const stale = await update({ SyncToken: '9', TotalAmt: 10 }, 'u-2');
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ Fault: { Error: [{ code: '5010' }] } });
    // Over what the invoice would owe: refused, nothing changes.
    const over = await update(
      {
        Line: [{ Amount: 80, LinkedTxn: [{ TxnId: '107', TxnType: 'Invoice' }] }],
        SyncToken: '0',
        TotalAmt: 80,
      },
      'u-3',
    );
    expect(await over.json()).toMatchObject({ Fault: { Error: [{ code: '6000' }] } });
    expect(fake.get('Payment', id)).toMatchObject({ SyncToken: '0', TotalAmt: 70 });

    // 35.00 refunded: 20.00 from 102 (dropped), 15.00 from 107.
    const adjusted = await update(
      {
        Line: [{ Amount: 35, LinkedTxn: [{ TxnId: '107', TxnType: 'Invoice' }] }],
        SyncToken: '0',
        TotalAmt: 35,
      },
      'u-4',
    );
    expect(await adjusted.json()).toMatchObject({
      Payment: { Id: id, SyncToken: '1', TotalAmt: 35, UnappliedAmt: 0 },
    });
    expect(fake.get('Invoice', '102')).toMatchObject({ Balance: 20, LinkedTxn: [] });
    expect(fake.get('Invoice', '107')).toMatchObject({
      Balance: 35,
      LinkedTxn: [{ TxnId: id, TxnType: 'Payment' }],
    });
    // The same requestid is a replay: nothing applied twice.
    expect((await update({ SyncToken: '0' }, 'u-4')).status).toBe(200);
    expect(fake.get('Payment', id)!.SyncToken).toBe('1');
    // Voided after: the invoices get back what it still took.
    await api('payment?operation=update&include=void&requestid=u-5', {
      body: JSON.stringify({ Id: id, SyncToken: '1' }),
      method: 'POST',
    });
    expect(fake.get('Invoice', '107')!.Balance).toBe(70);
  });

  it('leaves a payment for another customer unapplied and refuses a voided invoice with 620', async () => {
    const mismatch = (await (
      await api('payment?requestid=m-1', {
        body: JSON.stringify({
          CustomerRef: { value: '1' },
          Line: [{ Amount: 20, LinkedTxn: [{ TxnId: '102', TxnType: 'Invoice' }] }],
          TotalAmt: 20,
        }),
        method: 'POST',
      })
    ).json()) as { Payment: { UnappliedAmt: number; Line: unknown[] } };
    expect(mismatch.Payment).toMatchObject({ Line: [], UnappliedAmt: 20 });
    expect(fake.get('Invoice', '102')!.Balance).toBe(20);

    const invoice = fake.get('Invoice', '106')!;
    await api('invoice?operation=void&requestid=v-1', {
      body: JSON.stringify({ Id: '106', SyncToken: invoice.SyncToken }),
      method: 'POST',
    });
    expect(fake.get('Invoice', '106')).toMatchObject({
      Balance: 0,
      PrivateNote: 'Voided',
      TotalAmt: 0,
    });
    const link = await api('payment?requestid=v-2', {
      body: JSON.stringify({
        CustomerRef: { value: '1' },
        Line: [{ Amount: 5, LinkedTxn: [{ TxnId: '106', TxnType: 'Invoice' }] }],
        TotalAmt: 5,
      }),
      method: 'POST',
    });
    expect(await link.json()).toMatchObject({ Fault: { Error: [{ code: '620' }] } });
  });

  it('injects scenarios over the control API, caps concurrency with 429, and serves PDFs', async () => {
    await fetch(`${fake.url}/__fake/faults`, {
      body: JSON.stringify({ method: 'POST', path: '/payment$', scenario: 'closed-period' }),
      method: 'POST',
    });
    const closed = await api('payment?requestid=f-1', { body: '{}', method: 'POST' });
    expect(await closed.json()).toMatchObject({
      Fault: { Error: [{ Message: 'Account Period Closed', code: '6210' }] },
    });
    fake.injectScenario({ path: /companyinfo/ }, 'lost-access');
    const lost = await api(`companyinfo/${fake.realmId}`);
    expect(lost.status).toBe(401);
    expect(await lost.json()).toMatchObject({ Fault: { Error: [{ code: '120' }] } });
    const otherRealm = await fetch(`${fake.url}/v3/company/1234/companyinfo/1234`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(otherRealm.status).toBe(403);

    fake.company.latencyMs = 300;
    fake.company.maxConcurrent = 2;
    const statuses = await Promise.all(
      [1, 2, 3].map(async () => (await api(`companyinfo/${fake.realmId}`)).status),
    );
    fake.company.latencyMs = 0;
    expect(statuses.sort()).toEqual([200, 200, 429]);

    const pdf = await api('invoice/101/pdf', { headers: { accept: 'application/pdf' } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const log = (await (await fetch(`${fake.url}/__fake/requests`)).json()) as {
      headers: Record<string, string>;
    }[];
    expect(log.at(-1)!.headers.authorization).toBe(`Bearer ${bearer}`);
  });
});
