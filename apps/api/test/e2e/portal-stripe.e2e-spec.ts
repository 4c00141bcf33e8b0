import { randomUUID } from 'node:crypto';

import { confirmSetupIntentAsBrowser, FakeStripe, startFakeStripe } from '@settle/testing';

import { apiKey } from '../utils/ar-factories';
import { fakeStripeSettings, organizationWithInvoices } from '../utils/payment-factories';
import { accessProfileIds, PortalSession, signedInContact } from '../utils/portal-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

/**
 * A contact adds a card through Stripe's hosted fields: the API makes a SetupIntent on the
 * organization's Stripe customer, Stripe.js confirms it in the browser (here: the same request
 * Stripe.js sends, against the fake Stripe, since the real Stripe.js cannot load offline), and
 * the API stores the PaymentMethod it saved once it has checked the SetupIntent with Stripe.
 */
describe('portal: adding a card in Stripe hosted fields (SetupIntents)', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let admin: Session;
  let bearer: string;
  let mine: string;
  let theirs: string;
  let payer: PortalSession;
  let otherPayer: PortalSession;
  let viewer: PortalSession;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await createTestApp({ SETTLE_SERVE_WEB: 'true', STRIPE_API_BASE: fake.url });
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    await useGateway('stripe');
    const profiles = await accessProfileIds(t, bearer);
    mine = (await organizationWithInvoices(t, bearer, [10_000])).org.id;
    theirs = (await organizationWithInvoices(t, bearer, [10_000])).org.id;
    payer = await signedInContact(t, bearer, mine, profiles['Billing Admin']);
    otherPayer = await signedInContact(t, bearer, theirs, profiles['Billing Admin']);
    viewer = await signedInContact(t, bearer, mine, profiles.User);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  async function useGateway(gateway: 'stripe' | 'sandbox') {
    const settings = fakeStripeSettings(fake);
    await t.http
      .put('/api/v1/settings/payments')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ ...settings, gateway })
      .expect(200);
  }

  const base = (orgId: string) => `/api/v1/portal/organizations/${orgId}/payment-methods`;

  function startSetup(session: PortalSession, orgId: string) {
    return t.http
      .post(`${base(orgId)}/setup-intents`)
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf);
  }

  function save(session: PortalSession, orgId: string, body: object) {
    return t.http
      .post(base(orgId))
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .set('idempotency-key', randomUUID())
      .send(body);
  }

  /** A SetupIntent of `orgId` confirmed as Stripe.js would with this card: its id and the pm_…. */
  async function confirmedSetup(session: PortalSession, orgId: string, card = 'pm_card_visa') {
    const { body } = await startSetup(session, orgId).expect(201);
    const confirmed = await confirmSetupIntentAsBrowser(fake, body.clientSecret, card);
    expect(confirmed.status).toBe(200);
    return {
      paymentMethod: confirmed.body.payment_method as string,
      setupIntentId: confirmed.body.id as string,
    };
  }

  const methodRows = async (orgId: string) =>
    Number(
      (
        await t.dataSource.query(
          'SELECT count(*)::int AS n FROM payment_methods WHERE organization_id = $1',
          [orgId],
        )
      )[0].n,
    );

  const customerLinks = (orgId: string) =>
    t.dataSource.query(
      `SELECT external_id FROM organization_links WHERE organization_id = $1 AND source = 'stripe'`,
      [orgId],
    ) as Promise<{ external_id: string }[]>;

  it("answers a SetupIntent's client secret and the publishable key, on one customer of the organization", async () => {
    const first = await startSetup(payer, mine).expect(201);
    expect(first.body).toEqual({
      clientSecret: expect.stringMatching(/^seti_\w+_secret_\w+$/),
      publishableKey: 'pk_test_fake',
    });
    await startSetup(payer, mine).expect(201);
    const links = await customerLinks(mine);
    expect(links).toHaveLength(1);
    const created = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/setup_intents',
    );
    expect(created.at(-1)!.body).toMatchObject({
      allowed_payment_method_types: ['card'],
      customer: links[0].external_id,
      metadata: { settle_organization_id: mine },
      usage: 'off_session',
    });
    expect(created.at(-2)!.body.customer).toBe(links[0].external_id);
  });

  it('stores the card the confirmed SetupIntent saved, attached to the organization customer', async () => {
    const setup = await confirmedSetup(payer, mine);
    const response = await save(payer, mine, {
      friendlyName: 'Office card',
      setupIntentId: setup.setupIntentId,
      token: setup.paymentMethod,
    }).expect(201);
    expect(response.body).toMatchObject({
      brand: 'visa',
      friendlyName: 'Office card',
      last4: '4242',
      status: 'active',
      type: 'card',
    });
    const [row] = await t.dataSource.query(
      'SELECT gateway, gateway_ref, gateway_customer_ref FROM payment_methods WHERE id = $1',
      [response.body.id],
    );
    const [link] = await customerLinks(mine);
    expect(row).toEqual({
      gateway: 'stripe',
      gateway_customer_ref: link.external_id,
      gateway_ref: setup.paymentMethod,
    });
    // Stripe attached it when the setup succeeded: no second attach.
    expect(
      fake.requests.some((r) => r.path === `/v1/payment_methods/${setup.paymentMethod}/attach`),
    ).toBe(false);
  });

  describe('refuses, naming the field, and stores nothing', () => {
    it('a token without its SetupIntent (Stripe needs the hosted fields)', async () => {
      const before = await methodRows(mine);
      const response = await save(payer, mine, { token: 'pm_card_visa' }).expect(400);
      expect(response.body.errors[0].field).toBe('setupIntentId');
      expect(await methodRows(mine)).toBe(before);
    });

    it('a SetupIntent the browser has not confirmed', async () => {
      const { body } = await startSetup(payer, mine).expect(201);
      const before = await methodRows(mine);
      const response = await save(payer, mine, {
        setupIntentId: body.clientSecret.split('_secret_')[0],
        token: 'pm_card_visa',
      }).expect(400);
      expect(response.body.errors[0]).toMatchObject({
        field: 'setupIntentId',
        message: expect.stringMatching(/has not succeeded/),
      });
      expect(await methodRows(mine)).toBe(before);
    });

    it("another organization's SetupIntent, even with its own method", async () => {
      const setup = await confirmedSetup(otherPayer, theirs);
      const before = [await methodRows(mine), await methodRows(theirs)];
      const response = await save(payer, mine, {
        setupIntentId: setup.setupIntentId,
        token: setup.paymentMethod,
      }).expect(400);
      expect(response.body.errors[0]).toMatchObject({
        field: 'setupIntentId',
        message: 'is not a SetupIntent of this organization',
      });
      expect([await methodRows(mine), await methodRows(theirs)]).toEqual(before);
    });

    it('a method other than the one the SetupIntent saved', async () => {
      const setup = await confirmedSetup(payer, mine);
      const before = await methodRows(mine);
      const response = await save(payer, mine, {
        setupIntentId: setup.setupIntentId,
        token: 'pm_card_mastercard',
      }).expect(400);
      expect(response.body.errors[0].field).toBe('token');
      expect(await methodRows(mine)).toBe(before);
    });

    it('a SetupIntent id Stripe does not know, or that is not one', async () => {
      for (const setupIntentId of ['seti_doesNotExist', 'pm_card_visa']) {
        const response = await save(payer, mine, { setupIntentId, token: 'pm_card_visa' }).expect(
          400,
        );
        expect(response.body.errors[0].field).toBe('setupIntentId');
      }
    });
  });

  it("is a 404 with another organization's id, and makes no SetupIntent", async () => {
    const before = fake.requests.length;
    const response = await startSetup(payer, theirs).expect(404);
    expectProblem(response.body, 404, 'not-found');
    expect(fake.requests.length).toBe(before);
  });

  it('is a 403 for a profile that may not manage methods', async () => {
    const before = fake.requests.length;
    const response = await startSetup(viewer, mine).expect(403);
    expectProblem(response.body, 403, 'forbidden');
    expect(fake.requests.length).toBe(before);
  });

  it("lets the portal's page load Stripe.js while Stripe is the gateway, and only the portal's", async () => {
    const portal = await t.http.get('/portal/');
    const csp = portal.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self' https://js.stripe.com https://*.js.stripe.com;");
    expect(csp).toContain("connect-src 'self' https://api.stripe.com;");
    expect(csp).toContain('frame-src https://js.stripe.com');
    expect(csp).toContain("frame-ancestors 'none'");
    for (const path of ['/', '/api/v1/settings/branding', '/api/docs-json'])
      expect((await t.http.get(path)).headers['content-security-policy']).not.toContain('stripe');
  });

  describe('with the sandbox gateway', () => {
    beforeAll(() => useGateway('sandbox'));

    it('answers 409 (no hosted fields: the portal offers the test methods)', async () => {
      const response = await startSetup(payer, mine).expect(409);
      expectProblem(response.body, 409, 'conflict');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses a SetupIntent id, and keeps the portal under the strict policy', async () => {
      const response = await save(payer, mine, {
        setupIntentId: 'seti_123',
        token: 'pm_card_visa',
      }).expect(400);
      expect(response.body.errors[0].field).toBe('setupIntentId');
      const csp = (await t.http.get('/portal/')).headers['content-security-policy'];
      expect(csp).not.toContain('stripe');
      expect(csp).toContain("script-src 'self';");
    });
  });
});
