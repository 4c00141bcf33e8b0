import { randomUUID } from 'node:crypto';

import {
  apiKey,
  daysFromToday,
  invoiceBody,
  upsertInvoice,
  upsertOrganization,
} from '../utils/ar-factories';
import { bodyFields, loadOpenApi } from '../utils/hostile-corpus';
import { stopEmailDispatch } from '../utils/email-factories';
import { addMethod, pay } from '../utils/payment-factories';
import { acceptInvitation } from '../utils/portal-factories';
import { changedTables, rowCounter, RowCounts } from '../utils/row-counts';
import { createTestApp, createUser, loginAs, TestApp } from '../utils/test-app';

/**
 * null is a value only where the contract says a field is nullable, and there it clears the
 * field. Everywhere else an optional field may be left out but not sent as null.
 */
const { operations, schemas } = loadOpenApi();
const fieldsWhere = (nullable: boolean) =>
  operations
    .flatMap((operation) =>
      bodyFields(operation, schemas)
        .filter((f) => f.nullable === nullable && (nullable || f.optional))
        .map((f) => `${operation.id} ${f.field}`),
    )
    .sort();

type Method = 'post' | 'put' | 'patch';
type Headers = Record<string, string>;

interface Seed {
  organizationId: string;
  parentId: string;
  contactId: string;
  profileId: string;
  methodId: string;
  invoiceId: string;
  paidId: string;
  scheduledId: string;
  ruleId: string;
  userId: string;
  webhookId: string;
  integrationId: string;
  /** A contact of the organization signed in to the portal, with the "Payer" profile. */
  portal: { cookie: string; 'x-csrf-token': string };
}

const integrationBody = {
  credentials: { privateKey: 'private' },
  kind: 'connectwise',
  name: 'ConnectWise',
  schedule: 'off',
  settings: {
    clientId: 'client',
    companyId: 'msp',
    hiddenCompanyStatuses: ['Inactive'],
    hiddenCompanyTypes: ['Vendor'],
    publicKey: 'public',
    site: 'https://api-na.myconnectwise.net',
  },
};

describe('null in request bodies', () => {
  let t: TestApp;
  let bearer: string;
  let seed: Seed;
  let countRows: () => Promise<RowCounts>;

  beforeAll(async () => {
    t = await createTestApp();
    await stopEmailDispatch(t);
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf, 'admin');
    const organization = await upsertOrganization(t, bearer, 'nulls-a', 'Nulls A');
    const parent = await upsertOrganization(t, bearer, 'nulls-b', 'Nulls B');
    const invoice = await upsertInvoice(
      t,
      bearer,
      'nulls-inv-1',
      invoiceBody(organization.id, { number: 'INV-N1', sourceBalance: 90000, total: 90000 }),
    );
    const method = await addMethod(t, bearer, organization.id, 'pm_card_visa');
    const allocations = (amount: number) => [{ amount, invoiceId: invoice.id }];
    const paid = await pay(t, bearer, {
      allocations: allocations(30000),
      organizationId: organization.id,
      paymentMethodId: method.id,
    }).expect(201);
    const scheduled = await pay(t, bearer, {
      allocations: allocations(1000),
      organizationId: organization.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(3),
    }).expect(201);
    const profile = await send('post', '/api/v1/access-profiles', {
      name: 'Payer',
      permissions: {
        manageAutopay: true,
        managePaymentMethods: true,
        pay: true,
        receiveAccountEmails: true,
        viewCredits: true,
        viewInvoices: true,
        viewUnappliedPayments: false,
      },
    }).expect(201);
    const contact = await send('post', `/api/v1/organizations/${organization.id}/contacts`, {
      email: 'april@example.test',
      firstName: 'April',
      lastName: 'Ludgate',
    }).expect(201);
    const payer = await send('post', `/api/v1/organizations/${organization.id}/contacts`, {
      accessProfileId: profile.body.id,
      email: 'donna@example.test',
      firstName: 'Donna',
      lastName: 'Meagle',
    }).expect(201);
    const portal = await acceptInvitation(t, payer.body.id);
    const rule = await send('post', `/api/v1/organizations/${organization.id}/autopay-rules`, {
      trigger: { days: 0, type: 'days_after_due' },
    }).expect(201);
    // no dispatch runs in this app, so nothing is ever sent to it
    const webhook = await send('post', '/api/v1/webhook-endpoints', {
      events: ['payment.succeeded'],
      url: 'https://192.0.32.10/settle',
    }).expect(201);
    const integration = await send('post', '/api/v1/integrations', integrationBody).expect(201);
    seed = {
      contactId: contact.body.id,
      integrationId: integration.body.id,
      invoiceId: invoice.id,
      methodId: method.id,
      organizationId: organization.id,
      paidId: paid.body.id,
      parentId: parent.id,
      portal: { cookie: portal.cookie, 'x-csrf-token': portal.csrf },
      profileId: profile.body.id,
      ruleId: rule.body.id,
      scheduledId: scheduled.body.id,
      webhookId: webhook.body.id,
      userId: (await createUser(t, 'billing')).id,
    };
    countRows = await rowCounter(t.dataSource);
  });
  afterAll(() => t.close());

  /** As staff (the admin's API key), unless other credentials are given. */
  function send(method: Method | 'get', url: string, body?: object, headers?: Headers) {
    const request = t.http[method](url).set(headers ?? { authorization: bearer });
    return body === undefined ? request : request.send(body);
  }
  const get = async (url: string) => (await send('get', url).expect(200)).body;

  describe('is accepted where nullable, and clears the value', () => {
    it('covers every nullable field of the OpenAPI document', () => {
      expect(fieldsWhere(true)).toEqual(
        [
          ...['AutopayRules', 'PortalAutopayRules'].flatMap((tag) =>
            ['create', 'update'].flatMap((op) =>
              ['criteria.maxAmount', 'paymentMethodId'].map((f) => `${tag}_${op} ${f}`),
            ),
          ),
          'Contacts_create accessProfileId',
          'Contacts_create phone',
          'Contacts_link accessProfileId',
          'Contacts_update accessProfileId',
          'Contacts_update phone',
          'EmailSettings_update replyTo',
          'EmailSettings_update smtpUrl',
          'EmailSettings_updateTemplate intro',
          'EmailSettings_updateTemplate subject',
          'Gateways_updateSettings convenienceFee.capMinor',
          'Gateways_updateSettings stripe.publishableKey',
          'Invoices_bulk invoices.0.pdfUrl',
          'Invoices_bulk invoices.0.poNumber',
          'Invoices_bulk invoices.0.terms',
          'Invoices_upsertExternal pdfUrl',
          'Invoices_upsertExternal poNumber',
          'Invoices_upsertExternal terms',
          ...['create', 'update', 'upsertExternal'].flatMap((op) =>
            ['city', 'country', 'line1', 'line2', 'postalCode', 'region'].map(
              (f) => `Organizations_${op} address.${f}`,
            ),
          ),
          'Organizations_create parentOrganizationId',
          'Organizations_create phone',
          'Organizations_update parentOrganizationId',
          'Organizations_update phone',
          'Organizations_upsertExternal phone',
          'PortalAuth_requestAccess message',
          'Settings_updateGeneral logoDataUrl',
        ].sort(),
      );
    });

    it('AutoPay rules: the method (null: the default) and the cap (null: none)', async () => {
      const rules = `/api/v1/organizations/${seed.organizationId}/autopay-rules`;
      const created = await send('post', rules, {
        criteria: { maxAmount: null },
        paymentMethodId: null,
        trigger: { days: 3, type: 'days_after_due' },
      }).expect(201);
      expect(created.body).toMatchObject({
        criteria: { maxAmount: null },
        paymentMethodId: null,
        trigger: { dayOfMonth: null, days: 3 },
      });
      const rule = `/api/v1/autopay-rules/${created.body.id}`;
      await send('patch', rule, {
        approval: 'above',
        approvalThreshold: 5000,
        criteria: { maxAmount: 9000 },
        paymentMethodId: seed.methodId,
      }).expect(200);
      // Approval other than "above" drops the threshold; a new trigger drops the old one's days.
      const cleared = await send('patch', rule, {
        approval: 'never',
        criteria: { maxAmount: null },
        paymentMethodId: null,
        trigger: { dayOfMonth: 15, type: 'day_of_month' },
      }).expect(200);
      expect(cleared.body).toMatchObject({
        approvalThreshold: null,
        criteria: { maxAmount: null },
        paymentMethodId: null,
        trigger: { dayOfMonth: 15, days: null, type: 'day_of_month' },
      });
      expect(await get(rule)).toMatchObject(cleared.body);
    });

    it('portal AutoPay rules: the method and the cap, as a contact sets them', async () => {
      const portalRules = `/api/v1/portal/organizations/${seed.organizationId}/autopay-rules`;
      const created = await send(
        'post',
        portalRules,
        {
          criteria: { maxAmount: 9000 },
          paymentMethodId: seed.methodId,
          trigger: { days: 3, type: 'days_after_due' },
        },
        seed.portal,
      ).expect(201);
      const cleared = await send(
        'patch',
        `${portalRules}/${created.body.id}`,
        { criteria: { maxAmount: null }, paymentMethodId: null },
        seed.portal,
      ).expect(200);
      expect(cleared.body).toMatchObject({ criteria: { maxAmount: null }, paymentMethodId: null });
      expect(await get(`/api/v1/autopay-rules/${created.body.id}`)).toMatchObject(cleared.body);
    });

    it('contacts: phone and accessProfileId on create, update and link', async () => {
      const orgContacts = `/api/v1/organizations/${seed.organizationId}/contacts`;
      const created = await send('post', orgContacts, {
        accessProfileId: null,
        email: 'ron@example.test',
        firstName: 'Ron',
        lastName: 'Swanson',
        phone: null,
      }).expect(201);
      expect(created.body).toMatchObject({ accessProfileId: null, phone: null });

      const contact = `${orgContacts}/${created.body.id}`;
      await send('patch', contact, { accessProfileId: seed.profileId, phone: '555 0199' }).expect(
        200,
      );
      const cleared = await send('patch', contact, { accessProfileId: null, phone: null }).expect(
        200,
      );
      expect(cleared.body).toMatchObject({ accessProfileId: null, phone: null });
      const listed = await get(`${orgContacts}?q=Swanson`);
      expect(listed.data[0]).toMatchObject({ accessProfileId: null, phone: null });

      const linked = await send('post', `/api/v1/contacts/${created.body.id}/organizations`, {
        accessProfileId: null,
        organizationId: seed.parentId,
      }).expect(201);
      expect(linked.body).toMatchObject({ accessProfileId: null });
    });

    it('payment settings: convenienceFee.capMinor (no cap) and stripe.publishableKey', async () => {
      const settings = await get('/api/v1/settings/payments');
      const body = (capMinor: number | null, publishableKey: string | null) => ({
        convenienceFee: { capMinor, enabled: true, percentBasisPoints: 300 },
        gateway: settings.gateway,
        sandbox: settings.sandbox,
        stripe: { publishableKey },
      });
      await send('put', '/api/v1/settings/payments', body(500, 'pk_test_nulls')).expect(200);
      expect(await get('/api/v1/settings/payments')).toMatchObject({
        convenienceFee: { capMinor: 500 },
        stripe: { publishableKey: 'pk_test_nulls' },
      });
      await send('put', '/api/v1/settings/payments', body(null, null)).expect(200);
      expect(await get('/api/v1/settings/payments')).toMatchObject({
        convenienceFee: { capMinor: null },
        stripe: { publishableKey: null },
      });
      const restored = { ...body(null, null), convenienceFee: settings.convenienceFee };
      await send('put', '/api/v1/settings/payments', restored).expect(200);
    });

    it('email settings: replyTo and smtpUrl (use SMTP_URL); a template back to its default', async () => {
      const settings = '/api/v1/settings/email';
      await send('put', settings, {
        from: 'billing@example.test',
        replyTo: 'ar@example.test',
        smtpUrl: 'smtp://127.0.0.1:2525',
      }).expect(200);
      expect(await get(settings)).toMatchObject({
        replyTo: 'ar@example.test',
        smtpSource: 'settings',
      });
      await send('put', settings, {
        from: 'billing@example.test',
        replyTo: null,
        smtpUrl: null,
      }).expect(200);
      expect(await get(settings)).toMatchObject({ replyTo: null, smtpSource: 'none' });

      const template = '/api/v1/settings/email/templates/welcome';
      await send('put', template, { intro: 'Welcome aboard.', subject: 'Hello' }).expect(200);
      const restored = await send('put', template, { intro: null, subject: null }).expect(200);
      expect(restored.body).toMatchObject({ customized: false, intro: null, subject: null });
    });

    it('invoices: poNumber, terms and pdfUrl on upsert and in bulk', async () => {
      const fields = { pdfUrl: 'https://example.test/n2.pdf', poNumber: 'PO-9', terms: 'Net 15' };
      const nulls = { pdfUrl: null, poNumber: null, terms: null };
      const base = invoiceBody(seed.organizationId, {
        number: 'INV-N2',
        sourceBalance: 500,
        total: 500,
      });
      const upsert = (extra: object) =>
        send('put', '/api/v1/invoices/external/quickbooks/nulls-inv-2', { ...base, ...extra });
      const first = await upsert(fields).expect(201);
      expect(first.body).toMatchObject(fields);
      await upsert(nulls).expect(200);
      expect(await get(`/api/v1/invoices/${first.body.id}`)).toMatchObject(nulls);

      const bulk = (extra: object) =>
        send('post', '/api/v1/invoices/bulk', {
          invoices: [{ ...base, ...extra, externalId: 'nulls-bulk-1', source: 'quickbooks' }],
        });
      const [{ id }] = (await bulk(fields).expect(200)).body.invoices;
      expect(await get(`/api/v1/invoices/${id}`)).toMatchObject(fields);
      await bulk(nulls).expect(200);
      expect(await get(`/api/v1/invoices/${id}`)).toMatchObject(nulls);
    });

    it('organizations: address fields, phone and parent on create, upsert and update', async () => {
      const address = {
        city: 'Pawnee',
        country: 'US',
        line1: '1 Main St',
        line2: 'Suite 2',
        postalCode: '47998',
        region: 'IN',
      };
      const nullAddress = {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postalCode: null,
        region: null,
      };
      const created = await send('post', '/api/v1/organizations', {
        address: nullAddress,
        name: 'Nulls Created',
        parentOrganizationId: null,
        phone: null,
      }).expect(201);
      expect(created.body).toMatchObject({
        address: nullAddress,
        parentOrganizationId: null,
        phone: null,
      });

      const organization = `/api/v1/organizations/${created.body.id}`;
      await send('patch', organization, {
        address,
        parentOrganizationId: seed.parentId,
        phone: '555 0100',
      }).expect(200);
      expect(await get(organization)).toMatchObject({
        address,
        parentOrganizationId: seed.parentId,
        phone: '555 0100',
      });
      await send('patch', organization, {
        address: nullAddress,
        parentOrganizationId: null,
        phone: null,
      }).expect(200);
      expect(await get(organization)).toMatchObject({
        address: nullAddress,
        parentOrganizationId: null,
        phone: null,
      });

      const upsert = (body: object) =>
        send('put', '/api/v1/organizations/external/connectwise/nulls-upserted', {
          name: 'Nulls Upserted',
          ...body,
        });
      const upserted = await upsert({ address, phone: '555 0101' }).expect(201);
      expect(upserted.body).toMatchObject({ address, phone: '555 0101' });
      await upsert({ address: nullAddress, phone: null }).expect(200);
      expect(await get(`/api/v1/organizations/${upserted.body.id}`)).toMatchObject({
        address: nullAddress,
        phone: null,
      });
    });

    it('portal access requests: message (null: nothing to add)', async () => {
      const request = {
        company: 'Contoso Dental',
        email: 'sam@example.test',
        message: null,
        name: 'Sam Rivera',
      };
      await t.http.post('/api/v1/portal/auth/access-requests').send(request).expect(202);
      const [event] = await t.dataSource.query(
        `SELECT payload FROM outbox_events WHERE type = 'portal.access_requested'
          ORDER BY id DESC LIMIT 1`,
      );
      expect(event.payload).toMatchObject({ company: 'Contoso Dental', message: null });
    });

    it('general settings: logoDataUrl removes the logo', async () => {
      const settings = await get('/api/v1/settings/general');
      const logo =
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
      await send('put', '/api/v1/settings/general', { ...settings, logoDataUrl: logo }).expect(200);
      expect((await get('/api/v1/settings/branding')).logoDataUrl).toBe(logo);
      await send('put', '/api/v1/settings/general', { ...settings, logoDataUrl: null }).expect(200);
      expect((await get('/api/v1/settings/branding')).logoDataUrl).toBeNull();
    });
  });

  describe('is refused for every optional field that is not nullable, writing nothing', () => {
    const paymentSettings = async () => {
      const settings = await get('/api/v1/settings/payments');
      return {
        convenienceFee: settings.convenienceFee,
        gateway: settings.gateway,
        sandbox: settings.sandbox,
      };
    };
    const payment = (s: Seed) => ({
      allocations: [{ amount: 100, invoiceId: s.invoiceId }],
      organizationId: s.organizationId,
      paymentMethodId: s.methodId,
    });
    const invoice = (s: Seed) =>
      invoiceBody(s.organizationId, { number: 'INV-N3', sourceBalance: 100, total: 100 });
    const contact = (s: Seed) =>
      `/api/v1/organizations/${s.organizationId}/contacts/${s.contactId}`;
    const method = (s: Seed) =>
      `/api/v1/organizations/${s.organizationId}/payment-methods/${s.methodId}`;

    const portalPayment = (s: Seed) => ({
      allocations: [{ amount: 100, invoiceId: s.invoiceId }],
      paymentMethodId: s.methodId,
    });
    const portalPayments = (s: Seed) => `/api/v1/portal/organizations/${s.organizationId}/payments`;

    /** `field` is set to null in `body`; the rest of the body is valid. */
    type Case = [Method, string, object] | [Method, string, object, Headers];
    const rules = (s: Seed) => `/api/v1/organizations/${s.organizationId}/autopay-rules`;
    const rule = (s: Seed) => `/api/v1/autopay-rules/${s.ruleId}`;
    const trigger = { days: 0, type: 'days_after_due' };
    const autopayCases = Object.fromEntries(
      [
        'approval',
        'approvalThreshold',
        'criteria',
        'criteria.sources',
        'criteria.terms',
        'enabled',
        'locked',
        'trigger.dayOfMonth',
        'trigger.days',
      ].flatMap((field): [string, (s: Seed) => Case][] => [
        [`AutopayRules_create ${field}`, (s) => ['post', rules(s), { trigger }]],
        [
          `AutopayRules_update ${field}`,
          (s) => ['patch', rule(s), field.startsWith('trigger.') ? { trigger } : {}],
        ],
      ]),
    );
    const portalRules = (s: Seed) =>
      `/api/v1/portal/organizations/${s.organizationId}/autopay-rules`;
    // The contact's body has no approval or locked (staff only): the rest, as for staff.
    const portalAutopayCases = Object.fromEntries(
      [
        'criteria',
        'criteria.sources',
        'criteria.terms',
        'enabled',
        'trigger.dayOfMonth',
        'trigger.days',
      ].flatMap((field): [string, (s: Seed) => Case][] => [
        [
          `PortalAutopayRules_create ${field}`,
          (s) => ['post', portalRules(s), { trigger }, s.portal],
        ],
        [
          `PortalAutopayRules_update ${field}`,
          (s) => [
            'patch',
            `${portalRules(s)}/${s.ruleId}`,
            field.startsWith('trigger.') ? { trigger } : {},
            s.portal,
          ],
        ],
      ]),
    );
    const cases: Record<string, (s: Seed) => Promise<Case> | Case> = {
      ...autopayCases,
      ...portalAutopayCases,
      'AutopayRules_update trigger': (s) => ['patch', rule(s), {}],
      'PortalAutopayRules_update trigger': (s) => [
        'patch',
        `${portalRules(s)}/${s.ruleId}`,
        {},
        s.portal,
      ],
      'AutopayRuns_start date': () => ['post', '/api/v1/autopay/runs', {}],
      // Null is refused before a run is made, so nothing is queued.
      'Reconciliation_start organizationId': () => [
        'post',
        '/api/v1/reconciliation/runs',
        { from: daysFromToday(-7), to: daysFromToday(0) },
      ],
      'Integrations_create schedule': () => ['post', '/api/v1/integrations', integrationBody],
      'Integrations_create credentials': () => ['post', '/api/v1/integrations', integrationBody],
      'Integrations_create settings.hiddenCompanyStatuses': () => [
        'post',
        '/api/v1/integrations',
        integrationBody,
      ],
      'Integrations_create settings.hiddenCompanyTypes': () => [
        'post',
        '/api/v1/integrations',
        integrationBody,
      ],
      // Null is refused before the integration is looked at, so nothing is queued.
      'Integrations_sync full': (s) => [
        'post',
        `/api/v1/integrations/${s.integrationId}/sync-runs`,
        {},
      ],
      ...Object.fromEntries(
        [
          'credentials',
          'name',
          'schedule',
          'settings',
          'settings.hiddenCompanyStatuses',
          'settings.hiddenCompanyTypes',
          'status',
        ].map((field) => [
          `Integrations_update ${field}`,
          (s: Seed) => [
            'patch',
            `/api/v1/integrations/${s.integrationId}`,
            field.startsWith('settings.') ? { settings: integrationBody.settings } : {},
          ],
        ]),
      ),
      'AccessProfiles_update name': (s) => ['patch', `/api/v1/access-profiles/${s.profileId}`, {}],
      'AccessProfiles_update permissions': (s) => [
        'patch',
        `/api/v1/access-profiles/${s.profileId}`,
        {},
      ],
      'ApiKeys_create role': () => ['post', '/api/v1/api-keys', { name: 'Nulls' }],
      'Auth_loginTwoFactor code': () => [
        'post',
        '/api/v1/auth/login/two-factor',
        { recoveryCode: 'abcde-fghjk' },
      ],
      'Auth_loginTwoFactor recoveryCode': () => [
        'post',
        '/api/v1/auth/login/two-factor',
        { code: '123456' },
      ],
      'Contacts_create isDefaultNotification': (s) => [
        'post',
        `/api/v1/organizations/${s.organizationId}/contacts`,
        { email: 'tom@example.test', firstName: 'Tom', lastName: 'Haverford' },
      ],
      'Contacts_update firstName': (s) => ['patch', contact(s), {}],
      'Contacts_update isDefaultNotification': (s) => ['patch', contact(s), {}],
      'Contacts_update lastName': (s) => ['patch', contact(s), {}],
      'EmailSettings_preview intro': () => [
        'post',
        '/api/v1/settings/email/templates/payment_receipt/preview',
        {},
      ],
      'EmailSettings_preview subject': () => [
        'post',
        '/api/v1/settings/email/templates/payment_receipt/preview',
        {},
      ],
      'OrganizationEmails_accountSummary contactIds': (s) => [
        'post',
        `/api/v1/organizations/${s.organizationId}/account-summary`,
        {},
      ],
      'Gateways_updateSettings stripe': async () => [
        'put',
        '/api/v1/settings/payments',
        await paymentSettings(),
      ],
      'Gateways_updateSettings stripe.secretKey': async () => [
        'put',
        '/api/v1/settings/payments',
        { ...(await paymentSettings()), stripe: {} },
      ],
      'Gateways_updateSettings stripe.webhookSecret': async () => [
        'put',
        '/api/v1/settings/payments',
        { ...(await paymentSettings()), stripe: {} },
      ],
      'Invoices_bulk invoices.0.voided': (s) => [
        'post',
        '/api/v1/invoices/bulk',
        { invoices: [{ ...invoice(s), externalId: 'nulls-bulk-2', source: 'quickbooks' }] },
      ],
      'Invoices_upsertExternal voided': (s) => [
        'put',
        '/api/v1/invoices/external/quickbooks/nulls-inv-3',
        invoice(s),
      ],
      'Organizations_create address': () => ['post', '/api/v1/organizations', { name: 'N' }],
      'Organizations_update address': (s) => [
        'patch',
        `/api/v1/organizations/${s.organizationId}`,
        {},
      ],
      'Organizations_update convenienceFeeWaived': (s) => [
        'patch',
        `/api/v1/organizations/${s.organizationId}`,
        {},
      ],
      'Organizations_update name': (s) => [
        'patch',
        `/api/v1/organizations/${s.organizationId}`,
        {},
      ],
      'Organizations_update status': (s) => [
        'patch',
        `/api/v1/organizations/${s.organizationId}`,
        {},
      ],
      'Organizations_upsertExternal address': () => [
        'put',
        '/api/v1/organizations/external/connectwise/nulls-c',
        { name: 'N' },
      ],
      'PaymentMethods_create friendlyName': (s) => [
        'post',
        `/api/v1/organizations/${s.organizationId}/payment-methods`,
        { token: 'pm_card_visa' },
      ],
      'PaymentMethods_create makeDefault': (s) => [
        'post',
        `/api/v1/organizations/${s.organizationId}/payment-methods`,
        { token: 'pm_card_visa' },
      ],
      'PaymentMethods_update friendlyName': (s) => ['patch', method(s), {}],
      'PaymentMethods_update isDefault': (s) => ['patch', method(s), {}],
      'Payments_cancel reason': (s) => ['post', `/api/v1/payments/${s.scheduledId}/cancel`, {}],
      'Payments_create receiptRecipients': (s) => ['post', '/api/v1/payments', payment(s)],
      'Payments_create scheduledFor': (s) => ['post', '/api/v1/payments', payment(s)],
      'Payments_installments receiptRecipients': (s) => [
        'post',
        '/api/v1/payments/installments',
        { ...payment(s), count: 2, firstDate: daysFromToday(1), interval: 'week' },
      ],
      'Payments_quote receiptRecipients': (s) => ['post', '/api/v1/payments/quote', payment(s)],
      'Payments_quote scheduledFor': (s) => ['post', '/api/v1/payments/quote', payment(s)],
      'Payments_refund amount': (s) => ['post', `/api/v1/payments/${s.paidId}/refunds`, {}],
      'Payments_refund reason': (s) => [
        'post',
        `/api/v1/payments/${s.paidId}/refunds`,
        { amount: 1 },
      ],
      'PortalPaymentMethods_create friendlyName': (s) => [
        'post',
        `/api/v1/portal/organizations/${s.organizationId}/payment-methods`,
        { token: 'pm_card_visa' },
        { ...s.portal, 'idempotency-key': randomUUID() },
      ],
      'PortalPaymentMethods_create setupIntentId': (s) => [
        'post',
        `/api/v1/portal/organizations/${s.organizationId}/payment-methods`,
        { token: 'pm_card_visa' },
        { ...s.portal, 'idempotency-key': randomUUID() },
      ],
      'PortalPaymentMethods_update friendlyName': (s) => [
        'patch',
        `/api/v1/portal/organizations/${s.organizationId}/payment-methods/${s.methodId}`,
        {},
        s.portal,
      ],
      'PortalPaymentMethods_update isDefault': (s) => [
        'patch',
        `/api/v1/portal/organizations/${s.organizationId}/payment-methods/${s.methodId}`,
        {},
        s.portal,
      ],
      'PortalPayments_cancel reason': (s) => [
        'post',
        `${portalPayments(s)}/${s.scheduledId}/cancel`,
        {},
        s.portal,
      ],
      'PortalPayments_create receiptRecipients': (s) => [
        'post',
        portalPayments(s),
        portalPayment(s),
        { ...s.portal, 'idempotency-key': randomUUID() },
      ],
      'PortalPayments_create scheduledFor': (s) => [
        'post',
        portalPayments(s),
        portalPayment(s),
        { ...s.portal, 'idempotency-key': randomUUID() },
      ],
      'PortalPayments_quote receiptRecipients': (s) => [
        'post',
        `${portalPayments(s)}/quote`,
        portalPayment(s),
        s.portal,
      ],
      'PortalPayments_quote scheduledFor': (s) => [
        'post',
        `${portalPayments(s)}/quote`,
        portalPayment(s),
        s.portal,
      ],
      'Queues_runDiagnostic fail': () => ['post', '/api/v1/system/queues/payments/diagnostics', {}],
      'Users_update disabled': (s) => ['patch', `/api/v1/users/${s.userId}`, {}],
      'Users_update name': (s) => ['patch', `/api/v1/users/${s.userId}`, {}],
      'Users_update role': (s) => ['patch', `/api/v1/users/${s.userId}`, {}],
      'Webhooks_create description': () => [
        'post',
        '/api/v1/webhook-endpoints',
        { events: ['payment.succeeded'], url: 'https://192.0.32.10/other' },
      ],
      ...Object.fromEntries(
        ['description', 'enabled', 'events', 'url'].map((field) => [
          `Webhooks_update ${field}`,
          (s: Seed): Case => ['patch', `/api/v1/webhook-endpoints/${s.webhookId}`, {}],
        ]),
      ),
      ...Object.fromEntries(
        ['accessRequests', 'autopayApprovals', 'autopayRuns'].map((kind) => [
          `StaffNotificationSettings_update subscriptions.0.${kind}`,
          (s: Seed): Case => [
            'put',
            '/api/v1/settings/email/staff-notifications',
            {
              subscriptions: [
                { dailySummary: false, emailFailures: false, paymentMade: false, userId: s.userId },
              ],
            },
          ],
        ]),
      ),
    };

    it('covers every optional, non-nullable field of the OpenAPI document', () => {
      expect(Object.keys(cases).sort()).toEqual(fieldsWhere(false));
    });

    it.each(Object.keys(cases).sort())('%s', async (name) => {
      const field = name.split(' ')[1];
      const [method, url, valid, headers] = await cases[name](seed);
      const body = withNull(valid, field);
      const before = await countRows();
      const response = await send(method, url, body, headers).expect(400);
      // Only the null field is blamed: the rest of the body is valid.
      const blamed = new Set(response.body.errors.map((e: { field: string }) => e.field));
      expect([...blamed]).toEqual([field]);
      expect(changedTables(before, await countRows())).toEqual([]);
    });

    it('refunds nothing for {"amount": null}, and everything left when amount is omitted', async () => {
      const paymentUrl = `/api/v1/payments/${seed.paidId}`;
      const refused = await send('post', `${paymentUrl}/refunds`, { amount: null }).expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'amount', message: 'must be an integer amount in minor units' },
        { field: 'amount', message: 'must not be less than 1' },
        { field: 'amount', message: 'must not be greater than 9007199254740991' },
      ]);
      expect(await get(paymentUrl)).toMatchObject({ amountRefunded: 0, status: 'succeeded' });
      await send('post', `${paymentUrl}/refunds`, {}).expect(201);
      expect(await get(paymentUrl)).toMatchObject({ amountRefunded: 30000, status: 'refunded' });
    });

    it('refuses a body of null, a list or a string where an object is expected', async () => {
      for (const body of ['null', '[]', '"x"']) {
        const before = await countRows();
        const response = await t.http
          .patch(`/api/v1/organizations/${seed.organizationId}`)
          .set('authorization', bearer)
          .set('content-type', 'application/json')
          .send(body)
          .expect(400);
        expect(response.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
        expect(changedTables(before, await countRows())).toEqual([]);
      }
    });
  });
});

/** A copy of `body` with the dotted `field` set to null (`a.0.b` reaches into lists). */
function withNull(body: object, field: string): object {
  const copy = JSON.parse(JSON.stringify(body));
  const path = field.split('.');
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  node[path[path.length - 1]] = null;
  return copy;
}
