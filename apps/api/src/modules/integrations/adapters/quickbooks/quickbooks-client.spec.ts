import { startFakeQuickBooks, type FakeQuickBooks } from '@settle/testing';

import {
  QuickBooksApiError,
  QuickBooksAuthError,
  QuickBooksClient,
  qboLiteral,
  type QuickBooksClientOptions,
} from './quickbooks-client';
import {
  newOAuthState,
  QuickBooksOAuth,
  QuickBooksOAuthError,
  quickBooksOAuthEndpoints,
  sameOAuthState,
  type QuickBooksTokens,
} from './quickbooks-oauth';

/** The client against the fake QuickBooks (integrations.md 6.2): the contract both sides keep. */
describe('QuickBooksClient against the fake QuickBooks Online', () => {
  let fake: FakeQuickBooks;
  let oauth: QuickBooksOAuth;
  let tokens: QuickBooksTokens;
  let client: QuickBooksClient;
  let refreshes = 0;
  const redirectUri = 'https://settle.example/api/integrations/quickbooks/callback';
  const options = (): QuickBooksClientOptions => ({
    apiBase: fake.url,
    attempts: 3,
    backoffMs: 10,
    maxRetryAfterMs: 2000,
    pageSize: 10,
    timeoutMs: 300,
  });

  beforeAll(async () => {
    fake = await startFakeQuickBooks({ redirectUris: [redirectUri] });
    oauth = new QuickBooksOAuth(
      { clientId: fake.clientId, clientSecret: fake.clientSecret, redirectUri },
      quickBooksOAuthEndpoints(fake.url),
      { attempts: 2, backoffMs: 10, timeoutMs: 2000 },
    );
    fake.add('Customer', { DisplayName: "O'Brien IT", Id: '1' });
    fake.add('Customer', { DisplayName: 'Other Co', Id: '2' });
    for (let i = 1; i <= 25; i++)
      fake.add('Invoice', { CustomerRef: { value: '1' }, Id: String(100 + i), TotalAmt: 100 });
  });
  afterAll(() => fake.close());

  it('connects: authorize URL with state, code exchange, refresh with rotation', async () => {
    const state = newOAuthState();
    const redirect = await fetch(oauth.authorizeUrl(state), { redirect: 'manual' });
    const callback = new URL(redirect.headers.get('location')!);
    expect(sameOAuthState(state, callback.searchParams.get('state'))).toBe(true);
    expect(sameOAuthState(state, newOAuthState())).toBe(false);
    expect(callback.searchParams.get('realmId')).toBe(fake.realmId);

    tokens = await oauth.exchangeCode(callback.searchParams.get('code')!);
    expect(tokens.accessTokenExpiresAt.getTime() - Date.now()).toBeGreaterThan(3500_000);
    await expect(oauth.exchangeCode(callback.searchParams.get('code')!)).rejects.toMatchObject({
      error: 'invalid_grant',
      needsReconnect: true,
    });
    const rotated = await oauth.refresh(tokens.refreshToken);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    tokens = rotated;
    const token = fake.requestsTo(/tokens\/bearer$/).at(-1)!;
    expect(token.headers.authorization).toBe(
      `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64')}`,
    );

    client = new QuickBooksClient(
      {
        accessToken: () => tokens.accessToken,
        realmId: fake.realmId,
        async refreshAccessToken() {
          refreshes++;
          tokens = await oauth.refresh(tokens.refreshToken);
          return tokens.accessToken;
        },
      },
      options(),
    );
    expect((await client.companyInfo()).CompanyName).toBeTruthy();
  });

  it('pages a query, counts, reads CDC and entities, with minorversion=75 on every call', async () => {
    const pages: number[] = [];
    for await (const page of client.select('Invoice', `CustomerRef = ${qboLiteral('1')}`))
      pages.push(page.length);
    expect(pages).toEqual([10, 10, 5]);
    expect(await client.count('Customer', `DisplayName = ${qboLiteral("O'Brien IT")}`)).toBe(1);

    const since = fake.now();
    fake.edit('Invoice', '101', { Balance: 40 });
    fake.remove('Invoice', '125');
    const cdc = await client.cdc(['Invoice', 'Customer'], since);
    expect(cdc.changes.Invoice).toMatchObject([
      { Balance: 40, Id: '101' },
      { Id: '125', status: 'Deleted' },
    ]);
    expect(cdc.changes.Customer).toBeUndefined();
    expect(Date.parse(cdc.time)).toBeGreaterThan(since.getTime());

    expect(await client.get('Invoice', '102')).toMatchObject({ Balance: 100, Id: '102' });
    const missing = await client.get('Invoice', '125').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(QuickBooksApiError);
    expect((missing as QuickBooksApiError).fault).toMatchObject({
      code: '610',
      message: 'Object Not Found',
      status: 400,
    });
    expect((await client.pdf('Invoice', '102')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fake.requestsTo(/^\/v3\//).every((r) => r.query.minorversion === '75')).toBe(true);
  });

  it('pushes a payment once even when the first answer times out, and maps Faults', async () => {
    // The first attempt is answered after the client gave up; its retry carries the same requestid.
    fake.injectFault({ method: 'POST', path: /\/payment$/ }, { delayMs: 600 });
    const payment = await client.createPayment(
      {
        CustomerRef: { value: '1' },
        Line: [{ Amount: 60, LinkedTxn: [{ TxnId: '103', TxnType: 'Invoice' }] }],
        TotalAmt: 60,
      },
      'settle-pay-1',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.all('Payment')).toHaveLength(1);
    expect(fake.get('Invoice', '103')!.Balance).toBe(40);
    const posts = fake.requestsTo(/\/payment$/);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.every((r) => r.query.requestid === 'settle-pay-1')).toBe(true);

    const stale = await client
      .deletePayment({ Id: payment.Id, SyncToken: '9' })
      .catch((error: unknown) => error);
    expect((stale as QuickBooksApiError).fault).toMatchObject({
      code: '5010',
      element: 'SyncToken',
    });
    const voided = await client.voidPayment({ Id: payment.Id, SyncToken: payment.SyncToken });
    expect(voided.TotalAmt).toBe(0);
    expect(fake.get('Invoice', '103')!.Balance).toBe(100);

    fake.injectScenario({ path: /\/payment$/ }, 'business-validation', 1, 'Amount is too big.');
    const rule = await client
      .createPayment({ CustomerRef: { value: '1' }, Line: [], TotalAmt: 1 })
      .catch((error: unknown) => error);
    expect((rule as QuickBooksApiError).fault).toMatchObject({
      code: '6000',
      detail: 'Amount is too big.',
    });
  });

  it('refreshes an expired access token once, backs off on 429 and 5xx, and reports lost access', async () => {
    fake.advanceClock(3601_000);
    await client.companyInfo();
    expect(refreshes).toBe(1);

    fake.injectFault({ path: /companyinfo/ }, { headers: { 'retry-after': '1' }, status: 429 });
    fake.injectScenario({ path: /companyinfo/ }, 'unavailable');
    const started = Date.now();
    await client.companyInfo();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    fake.injectScenario({ path: /companyinfo/ }, 'throttled', 3);
    const throttled = await client.companyInfo().catch((error: unknown) => error);
    expect((throttled as QuickBooksApiError).fault).toMatchObject({ code: '3001', status: 429 });

    fake.injectScenario({ path: /companyinfo/ }, 'lost-access');
    const lost = await client.companyInfo().catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(QuickBooksAuthError);
    expect((lost as QuickBooksAuthError).fault).toMatchObject({
      code: '120',
      message: 'Authorization Failure',
    });

    await oauth.revoke(tokens.refreshToken);
    const revoked = await oauth.refresh(tokens.refreshToken).catch((error: unknown) => error);
    expect(revoked).toBeInstanceOf(QuickBooksOAuthError);
    expect((revoked as QuickBooksOAuthError).needsReconnect).toBe(true);
  });
});
