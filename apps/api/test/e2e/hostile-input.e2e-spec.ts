import { randomUUID } from 'node:crypto';

import { eventually, FakeConnectWise, startFakeConnectWise } from '@settle/testing';
import { FastifyInstance } from 'fastify';

import {
  apiKey,
  daysFromToday,
  invoiceBody,
  upsertInvoice,
  upsertOrganization,
} from '../utils/ar-factories';
import { OutboxDispatcher } from '../../src/modules/outbox';
import { stopEmailDispatch } from '../utils/email-factories';
import { PdfServer, startPdfServer } from '../utils/pdf-server';
import { buildCorpus, Fixture, HostileRequest, Json, loadOpenApi } from '../utils/hostile-corpus';
import {
  acceptInvitation,
  issueToken,
  portalLogin,
  PortalSession,
} from '../utils/portal-factories';
import { changedTables, rowCounter, RowCounts } from '../utils/row-counts';
import { createTestApp, createUser, loginAs, TestApp } from '../utils/test-app';

/**
 * Every operation of openapi/openapi.json against a corpus of hostile requests, sent as an
 * admin with real ids: no answer may be a 5xx, every error is problem+json of the documented
 * shape, a refused request writes nothing, and each hostile change gets the answer it deserves.
 */
const { operations, schemas } = loadOpenApi();
const PROBLEM_KEYS = ['detail', 'errors', 'requestId', 'status', 'title', 'type'];
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('hostile input over every operation', () => {
  let t: TestApp;
  let fastify: FastifyInstance;
  let bearer: string;
  let fixtures: Record<string, Fixture>;
  let source: PdfServer;
  let connectwise: FakeConnectWise;
  let countRows: () => Promise<RowCounts>;
  let lastCounts: RowCounts;
  const totals = { nonProblem: 0, requests: 0, serverErrors: 0 };

  beforeAll(async () => {
    // No SMTP server: an email's first attempt fails, and its retry waits past the end of the run.
    // The invoice PDF route fetches from this host on 127.0.0.1, hence the setting.
    source = await startPdfServer();
    connectwise = await startFakeConnectWise({ companyId: 'msp' });
    const hostile = connectwise.add('companies', { name: 'Hostile Company' });
    // synced with the company; its PDF is read through Integrations_invoicePdf
    connectwise.add('invoices', { company: { id: hostile.id, name: hostile.name }, id: 1 });
    t = await createTestApp({
      EMAIL_RETRY_DELAY_MS: '86400000',
      // authorize only builds Intuit's URL; nothing is sent to this app
      QBO_CLIENT_ID: 'hostile-qbo-client',
      QBO_CLIENT_SECRET: 'hostile-qbo-secret',
      SETTLE_INVOICE_PDF_ALLOW_PRIVATE: 'true',
    });
    await stopEmailDispatch(t);
    fastify = t.app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    fixtures = await seed();
    countRows = await rowCounter(t.dataSource);
    lastCounts = await settledCounts();
  }, 60_000);

  afterAll(async () => {
    await source?.close();
    await connectwise?.close();
    console.log(
      `hostile-input: ${totals.requests} requests over ${operations.length} operations; ` +
        `${totals.serverErrors} answers of 5xx; ${totals.nonProblem} error bodies not problem+json`,
    );
    await t?.close();
  });

  /** An organization with invoices, card and bank methods, payments and an ACH return. */
  async function seed(): Promise<Record<string, Fixture>> {
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf, 'admin');
    const spareKey = await call('POST', '/api/v1/api-keys', { name: 'spare', role: 'viewer' });
    const victim = await createUser(t, 'billing');
    const permissions = {
      manageAutopay: true,
      managePaymentMethods: true,
      pay: true,
      receiveAccountEmails: true,
      viewCredits: true,
      viewInvoices: true,
      viewUnappliedPayments: false,
    };
    const profile = await call('POST', '/api/v1/access-profiles', { name: 'Hostile', permissions });
    const spareProfile = await call('POST', '/api/v1/access-profiles', {
      name: 'Spare',
      permissions,
    });
    const org = await upsertOrganization(t, bearer, 'hostile-a', 'Hostile A');
    const parent = await upsertOrganization(t, bearer, 'hostile-b', 'Hostile B');
    const editable = await upsertOrganization(t, bearer, 'hostile-c', 'Hostile C');
    const hideable = await upsertOrganization(t, bearer, 'hostile-d', 'Hostile D');
    const invoices: { id: string }[] = [];
    for (const n of [1, 2, 3])
      invoices.push(
        await upsertInvoice(
          t,
          bearer,
          `hostile-inv-${n}`,
          invoiceBody(org.id, { number: `INV-H${n}`, sourceBalance: 500000, total: 500000 }),
        ),
      );
    const withPdf = await upsertInvoice(
      t,
      bearer,
      'hostile-inv-pdf',
      invoiceBody(org.id, {
        number: 'INV-HPDF',
        pdfUrl: source.url('/invoice.pdf'),
        sourceBalance: 500000,
        total: 500000,
      }),
    );
    const card = await call('POST', `/api/v1/organizations/${org.id}/payment-methods`, {
      token: 'pm_card_visa',
    });
    const spareCard = await call('POST', `/api/v1/organizations/${org.id}/payment-methods`, {
      token: 'pm_card_visa',
    });
    const portalSpareCard = await call('POST', `/api/v1/organizations/${org.id}/payment-methods`, {
      token: 'pm_card_visa',
    });
    const bank = await call('POST', `/api/v1/organizations/${org.id}/payment-methods`, {
      token: 'pm_usBankAccount_accountClosed',
    });
    const paid = await call('POST', '/api/v1/payments', {
      allocations: [{ amount: 50000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: card.id,
    });
    // its receipt, written from the outbox here since this app's dispatch is stopped
    await t.app.get(OutboxDispatcher, { strict: false }).dispatch();
    const [paidReceipt]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM emails WHERE payment_id = $1 AND type = 'payment_receipt' LIMIT 1`,
      [paid.id],
    );
    // Created after the dispatch above and kept disabled: nothing is ever sent to them.
    const hookUrl = 'https://192.0.32.10/settle';
    const hook = await call('POST', '/api/v1/webhook-endpoints', {
      events: ['payment.succeeded'],
      url: hookUrl,
    });
    await call('PATCH', `/api/v1/webhook-endpoints/${hook.id}`, { enabled: false });
    const spareHook = await call('POST', '/api/v1/webhook-endpoints', {
      events: ['payment.refunded'],
      url: hookUrl,
    });
    await call('PATCH', `/api/v1/webhook-endpoints/${spareHook.id}`, { enabled: false });
    const [hookDelivery]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, body, status, attempts, retrying_since)
       SELECT $1, id, type, '{}', 'failed', 12, now() FROM outbox_events ORDER BY id LIMIT 1
       RETURNING id`,
      [hook.id],
    );
    const scheduled = (n: number) =>
      call('POST', '/api/v1/payments', {
        allocations: [{ amount: 1000 + n, invoiceId: invoices[1].id }],
        organizationId: org.id,
        paymentMethodId: card.id,
        scheduledFor: daysFromToday(3),
      });
    const toReschedule = await scheduled(1);
    const toCancel = await scheduled(2);
    const portalToCancel = await scheduled(3);
    const returned = await call('POST', '/api/v1/payments', {
      allocations: [{ amount: 40000, invoiceId: invoices[2].id }],
      organizationId: org.id,
      paymentMethodId: bank.id,
    });
    await call('POST', '/api/v1/sandbox/clock', { advanceHours: 97 });
    await eventually(async () =>
      expect((await call('GET', `/api/v1/payments/${returned.id}`)).status).toBe('returned'),
    );
    const achReturns = await call('GET', '/api/v1/ach-returns?status=unresolved');
    const achReturn = achReturns.data[0];
    const contact = await call('POST', `/api/v1/organizations/${org.id}/contacts`, {
      email: 'ann@example.test',
      firstName: 'Ann',
      lastName: 'Perkins',
    });
    const portalContact = async (email: string) =>
      (
        await call('POST', `/api/v1/organizations/${org.id}/contacts`, {
          accessProfileId: profile.id,
          email,
          firstName: 'Portal',
          lastName: 'User',
        })
      ).id as string;
    const signedIn = await portalContact('portal@example.test');
    await acceptInvitation(t, signedIn);
    // Two sessions of one contact: logging one out must leave the other for the later operations.
    const portal = asCredentials(await portalLogin(t, 'portal@example.test'));
    const leaving = asCredentials(await portalLogin(t, 'portal@example.test'));
    const welcome = await issueToken(t, await portalContact('invited@example.test'), 'welcome');
    const reset = await issueToken(
      t,
      await portalContact('forgetful@example.test'),
      'password_reset',
    );
    const member = await call('POST', `/api/v1/organizations/${org.id}/contacts`, {
      accessProfileId: profile.id,
      email: 'ben@example.test',
      firstName: 'Ben',
      lastName: 'Wyatt',
    });
    const summary = await call('POST', `/api/v1/organizations/${org.id}/account-summary`, {
      contactIds: [member.id],
    });
    const email = summary.emails[0];
    const note = await call('POST', `/api/v1/organizations/${org.id}/notes`, { body: 'Kept' });
    const spareNote = await call('POST', `/api/v1/organizations/${org.id}/notes`, { body: 'Gone' });
    const rule = (organizationId: string) =>
      call('POST', `/api/v1/organizations/${organizationId}/autopay-rules`, {
        trigger: { days: 0, type: 'days_after_due' },
      });
    const autopayRule = await rule(org.id);
    const spareRule = await rule(org.id);
    // The contact's own: the staff fixture above locks autopayRule, which a contact cannot change.
    const portalRule = await rule(org.id);
    const portalSpareRule = await rule(org.id);
    // Reordered on their own organization: the create fixture adds rules to `org`.
    const ordered = [await rule(parent.id), await rule(parent.id)];
    const autopayRun = await call('POST', '/api/v1/autopay/runs', { date: '2020-01-01' });
    const integrationBody = {
      credentials: { privateKey: connectwise.privateKey },
      kind: 'connectwise',
      name: 'ConnectWise',
      schedule: 'off',
      settings: {
        clientId: 'hostile-client',
        companyId: 'msp',
        hiddenCompanyStatuses: ['Inactive'],
        hiddenCompanyTypes: ['Vendor'],
        publicKey: connectwise.publicKey,
        site: connectwise.url,
      },
    };
    const integration = await call('POST', '/api/v1/integrations', integrationBody);
    const spareIntegration = await call('POST', '/api/v1/integrations', integrationBody);
    const quickbooks = await call('POST', '/api/v1/integrations', {
      kind: 'quickbooks',
      name: 'QuickBooks',
      schedule: 'off',
      settings: {},
    });
    const syncRun = await call('POST', `/api/v1/integrations/${integration.id}/sync-runs`, {});
    await eventually(async () => {
      const run = await call('GET', `/api/v1/sync-runs/${syncRun.id}`);
      expect(run.status).toBe('succeeded');
    });
    const [entity] = (await call('GET', '/api/v1/entities?type=company')).data;
    const reconciliationRun = await call('POST', '/api/v1/reconciliation/runs', {
      from: daysFromToday(-30),
      to: daysFromToday(0),
    });
    await eventually(async () => {
      const run = await call('GET', `/api/v1/reconciliation/runs/${reconciliationRun.id}`);
      expect(run.status).toBe('completed');
    });
    const staffCredentials = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const enrollee = await loginAs(t, 'viewer');
    const enrolling = { cookie: enrollee.cookie, 'x-csrf-token': enrollee.csrf };
    const staffViewLink = async () =>
      new URL(
        (
          await t.http
            .post(`/api/v1/organizations/${org.id}/portal-view`)
            .set(staffCredentials)
            .expect(200)
        ).body.url,
      ).searchParams.get('token')!;
    const paymentSettings = await call('GET', '/api/v1/settings/payments');
    const generalSettings = await call('GET', '/api/v1/settings/general');

    const list = { page: '1', pageSize: '10', q: 'h' };
    const address = {
      city: 'Pawnee',
      country: 'US',
      line1: '1 Main St',
      line2: 'Suite 2',
      postalCode: '47998',
      region: 'IN',
    };
    const invoiceFields = {
      ...invoiceBody(org.id, { number: 'INV-HX', sourceBalance: 700, total: 700 }),
      pdfUrl: 'https://example.test/inv.pdf',
      poNumber: 'PO-1',
      terms: 'Net 30',
      voided: false,
    };
    const paymentBody = {
      allocations: [{ amount: 100, invoiceId: invoices[1].id }],
      organizationId: org.id,
      paymentMethodId: card.id,
      receiptRecipients: ['ap@example.test'],
      scheduledFor: daysFromToday(2),
    };
    const orgMethod = { id: card.id, organizationId: org.id };
    const portalPayment = {
      allocations: [{ amount: 100, invoiceId: invoices[1].id }],
      paymentMethodId: card.id,
      receiptRecipients: ['ap@example.test'],
      scheduledFor: daysFromToday(2),
    };
    const portalOrg = { credentials: portal, params: { organizationId: org.id } };
    return {
      AccessProfiles_create: { body: { name: 'Created', permissions } },
      AccessProfiles_list: {},
      AccessProfiles_remove: { baseLast: true, params: { id: spareProfile.id } },
      AccessProfiles_update: {
        body: { name: 'Renamed', permissions },
        params: { id: profile.id },
      },
      AchReturns_dismiss: {
        baseLast: true,
        baseStatus: [200, 409],
        body: { note: 'Voided in accounting' },
        params: { id: achReturn.id },
      },
      AchReturns_list: { query: { ...list, status: 'unresolved' } },
      AchReturns_resolve: {
        baseLast: true,
        baseStatus: [200, 409],
        body: { note: 'Customer paid by card' },
        params: { id: achReturn.id },
      },
      Entities_hide: { params: { id: entity.id } },
      Entities_list: {
        query: {
          ...list,
          hidden: 'false',
          integrationId: integration.id,
          mapped: 'true',
          organizationId: org.id,
          type: 'company',
        },
      },
      Entities_map: { body: { organizationId: editable.id }, params: { id: entity.id } },
      Entities_resync: { params: { id: entity.id } },
      Entities_unhide: { params: { id: entity.id } },
      Entities_unmap: { baseLast: true, params: { id: entity.id } },
      Integrations_create: { body: integrationBody },
      Integrations_authorize: { baseStatus: [302], params: { id: quickbooks.id } },
      // a state no authorization issued: back to the admin's screen with the reason, nothing written
      Integrations_oauthCallback: {
        baseStatus: [302],
        query: { code: 'AB11code', realmId: '9130349', state: `${quickbooks.id}.unknown` },
      },
      Integrations_get: { params: { id: integration.id } },
      Integrations_invoicePdf: { params: { externalId: '1', id: integration.id } },
      Integrations_list: {},
      Integrations_remove: { baseLast: true, params: { id: spareIntegration.id } },
      Integrations_sync: { body: { full: true }, params: { id: integration.id }, settles: true },
      Integrations_test: { params: { id: integration.id } },
      Integrations_update: {
        body: {
          credentials: { privateKey: connectwise.privateKey },
          name: 'ConnectWise PSA',
          schedule: 'hourly',
          settings: integrationBody.settings,
          status: 'connected',
        },
        params: { id: integration.id },
      },
      Reconciliation_differences: {
        params: { id: reconciliationRun.id },
        query: { kind: 'sync_failed', organizationId: org.id, page: '1', pageSize: '10' },
      },
      Reconciliation_get: { params: { id: reconciliationRun.id } },
      Reconciliation_list: { query: { page: '1', pageSize: '10' } },
      Reconciliation_organizations: {
        params: { id: reconciliationRun.id },
        query: { ...list, sort: '-differenceCount' },
      },
      // A run like it may still be queued: then that one is answered (200).
      Reconciliation_start: {
        baseStatus: [200, 202],
        body: { from: daysFromToday(-7), organizationId: org.id, to: daysFromToday(0) },
        settles: true,
      },
      SyncRuns_get: { params: { id: syncRun.id } },
      SyncRuns_list: { query: { ...list, integrationId: integration.id } },
      ApiKeys_create: { body: { name: 'Created key', role: 'viewer' } },
      ApiKeys_list: { query: list },
      ApiKeys_revoke: { baseLast: true, params: { id: spareKey.id } },
      Audit_list: {
        query: {
          ...list,
          action: 'user.created',
          actorId: victim.id,
          entityId: victim.id,
          entityType: 'user',
          organizationId: org.id,
        },
      },
      Auth_login: {
        baseStatus: [401],
        body: { email: 'nobody@example.test', password: 'not the password' },
      },
      Auth_logout: {},
      Auth_me: {},
      // Two-factor enrolment belongs to a signed-in person: the admin's API key is refused after
      // the body is validated, so every hostile body still gets its 400.
      Auth_disableTwoFactor: { baseStatus: [403], body: { password: 'the current password' } },
      Auth_enableTwoFactor: { baseStatus: [403], body: { code: '123456' } },
      Auth_listSessions: { credentials: staffCredentials },
      // No sign-in is waiting for a second factor: a 401 once the body is valid.
      Auth_loginTwoFactor: { baseStatus: [401], body: { code: '123456' } },
      Auth_regenerateRecoveryCodes: {
        baseStatus: [403],
        body: { password: 'the current password' },
      },
      Auth_revokeSession: {
        baseStatus: [404],
        credentials: staffCredentials,
        params: { id: randomUUID() },
      },
      Auth_setupTwoFactor: { credentials: enrolling },
      Contacts_create: {
        body: {
          accessProfileId: profile.id,
          email: 'leslie@example.test',
          firstName: 'Leslie',
          isDefaultNotification: false,
          lastName: 'Knope',
          phone: '+1 317 555 0100',
        },
        params: { organizationId: org.id },
      },
      Contacts_link: {
        baseStatus: [200, 201, 409],
        body: { accessProfileId: profile.id, organizationId: parent.id },
        params: { contactId: contact.id },
      },
      Contacts_list: { params: { organizationId: org.id }, query: { ...list, sort: 'name' } },
      Contacts_notificationEmails: { params: { organizationId: org.id } },
      Contacts_setNotificationEmails: {
        body: { contactIds: [contact.id] },
        params: { organizationId: org.id },
      },
      Contacts_update: {
        body: {
          accessProfileId: profile.id,
          firstName: 'Ann',
          isDefaultNotification: true,
          lastName: 'Perkins',
          phone: '+1 317 555 0101',
        },
        params: { contactId: contact.id, organizationId: org.id },
      },
      AutopayRules_create: {
        body: {
          approval: 'above',
          approvalThreshold: 50000,
          criteria: { maxAmount: 100000, sources: ['quickbooks'], terms: ['Net 30'] },
          enabled: true,
          locked: false,
          paymentMethodId: card.id,
          trigger: { days: -3, type: 'days_after_due' },
        },
        params: { organizationId: org.id },
      },
      AutopaySettings_get: {},
      AutopaySettings_update: { body: { retryOffsetsDays: [1, 3] } },
      AutopayRules_explain: { params: { invoiceId: invoices[0].id } },
      AutopayRules_get: { params: { id: autopayRule.id } },
      AutopayRules_list: { params: { organizationId: org.id } },
      AutopayRules_remove: { baseLast: true, params: { id: spareRule.id } },
      AutopayRules_reorder: {
        body: { ruleIds: [ordered[1].id, ordered[0].id] },
        params: { organizationId: parent.id },
      },
      AutopayRules_update: {
        body: {
          approval: 'always',
          criteria: { maxAmount: 90000, sources: ['connectwise'], terms: ['Net 15'] },
          enabled: false,
          locked: true,
          paymentMethodId: null,
          trigger: { dayOfMonth: 31, type: 'day_of_month' },
        },
        params: { id: autopayRule.id },
      },
      // Payments that are not waiting: each is answered "not ok", and nothing changes.
      AutopayRuns_approve: { body: { paymentIds: [paid.id] } },
      AutopayRuns_forecast: {
        query: { from: daysFromToday(0), organizationId: org.id, to: daysFromToday(30) },
      },
      AutopayRuns_get: { params: { id: autopayRun.id } },
      AutopayRuns_list: { query: { page: '1', pageSize: '10' } },
      AutopayRuns_pending: { query: { ...list, organizationId: org.id } },
      AutopayRuns_reject: { body: { paymentIds: [paid.id] } },
      // A past date charges nothing here: every invoice was made today, after that run's date.
      AutopayRuns_start: { body: { date: '2020-01-01' }, settles: true },
      EmailSettings_get: {},
      EmailSettings_preview: {
        body: { intro: 'Thank you.', subject: 'Paid {paymentNumber}' },
        params: { type: 'payment_receipt' },
      },
      EmailSettings_templates: {},
      EmailSettings_test: { body: { to: 'ops@example.test' }, settles: true },
      EmailSettings_update: {
        body: {
          from: 'Hostile Billing <billing@example.test>',
          replyTo: 'ar@example.test',
          smtpUrl: 'smtp://mailer:secret@127.0.0.1:2525',
        },
      },
      EmailSettings_updateTemplate: {
        body: { intro: 'Thank you.', subject: 'Paid {paymentNumber}' },
        params: { type: 'payment_receipt' },
      },
      EmailSettings_previewDocument: {
        params: { type: 'payment_receipt' },
        query: { intro: 'Thank you.', subject: 'Paid {paymentNumber}' },
      },
      Emails_attachment: { params: { id: email.id, index: '0' } },
      Emails_html: { params: { id: email.id } },
      Emails_get: { params: { id: email.id } },
      Emails_list: {
        query: {
          ...list,
          contactId: member.id,
          invoiceId: invoices[0].id,
          organizationId: org.id,
          paymentId: paid.id,
          q: 'summary',
          sort: '-createdAt',
          status: 'queued',
          type: 'account_summary',
        },
      },
      Emails_resend: { params: { id: email.id }, settles: true },
      NoticeSettings_get: {},
      NoticeSettings_update: {
        body: {
          dueSoonDays: [7, 1],
          methodExpiry: true,
          newInvoice: true,
          pastDueDays: [1, 7, 14, 30],
          sendHour: 8,
        },
      },
      StaffNotificationSettings_get: {},
      StaffNotificationSettings_update: {
        body: {
          subscriptions: [
            { dailySummary: false, emailFailures: true, paymentMade: true, userId: victim.id },
          ],
        },
      },
      Gateways_advanceClock: { body: { advanceHours: 1 } },
      Gateways_clock: {},
      Gateways_getSettings: {},
      Gateways_info: {},
      Gateways_updateSettings: {
        body: {
          convenienceFee: { capMinor: 500, enabled: false, percentBasisPoints: 300 },
          gateway: 'sandbox',
          sandbox: paymentSettings.sandbox,
          stripe: { publishableKey: 'pk_test_hostile' },
        },
      },
      Health_live: {},
      Health_ready: {},
      Invoices_bulk: {
        body: {
          invoices: [
            { ...invoiceFields, externalId: 'bulk-1', number: 'INV-B1', source: 'quickbooks' },
          ],
        },
      },
      Invoices_credits: { params: { organizationId: org.id } },
      Invoices_get: { params: { id: invoices[0].id } },
      InvoiceActivity_list: { params: { id: invoices[0].id } },
      Invoices_list: {
        query: {
          ...list,
          dueFrom: '2020-01-01',
          dueTo: '2099-12-31',
          issuedFrom: '2020-01-01',
          issuedTo: '2099-12-31',
          id: invoices[0].id,
          organizationId: org.id,
          pastDue: 'true',
          payable: 'true',
          q: 'INV',
          sort: '-dueDate',
          status: 'open',
        },
      },
      Invoices_upsertExternal: {
        body: invoiceFields,
        params: { externalId: 'hostile-upsert', source: 'quickbooks' },
      },
      Notes_create: { body: { body: 'A note' }, params: { organizationId: org.id } },
      Notes_list: { params: { organizationId: org.id }, query: list },
      Notes_remove: {
        baseLast: true,
        params: { noteId: spareNote.id, organizationId: org.id },
      },
      Notes_update: {
        body: { body: 'Edited' },
        params: { noteId: note.id, organizationId: org.id },
      },
      OrganizationEmails_accountSummary: {
        body: { contactIds: [member.id] },
        params: { organizationId: org.id },
        settles: true,
      },
      OrganizationEmails_exclusions: { params: { organizationId: org.id } },
      OrganizationEmails_passwordReset: {
        params: { contactId: member.id, organizationId: org.id },
        settles: true,
      },
      OrganizationEmails_setExclusions: {
        body: { categories: ['notices'] },
        params: { organizationId: org.id },
      },
      OrganizationEmails_welcome: {
        params: { contactId: member.id, organizationId: org.id },
        settles: true,
      },
      Organizations_balance: { params: { id: org.id } },
      Organizations_create: {
        body: { address, name: 'Created Org', parentOrganizationId: parent.id, phone: '555 0100' },
      },
      Organizations_get: { params: { id: org.id } },
      Organizations_hide: { baseLast: true, params: { id: hideable.id } },
      Organizations_list: {
        query: { ...list, hasOpenBalance: 'true', sort: 'name', status: 'all' },
      },
      Organizations_update: {
        body: {
          address,
          convenienceFeeWaived: false,
          name: 'Hostile C',
          parentOrganizationId: parent.id,
          phone: '555 0100',
          status: 'active',
        },
        params: { id: editable.id },
      },
      Organizations_upsertExternal: {
        body: { address, name: 'Upserted Org', phone: '555 0100' },
        params: { externalId: 'hostile-upserted', source: 'connectwise' },
      },
      PaymentMethods_create: {
        body: { friendlyName: 'Second card', makeDefault: false, token: 'pm_card_visa' },
        params: { organizationId: org.id },
      },
      PaymentMethods_get: { params: orgMethod },
      PaymentMethods_list: { params: { organizationId: org.id } },
      PaymentMethods_listAll: { query: { ...list, status: 'active' } },
      PaymentMethods_remove: {
        baseLast: true,
        params: { id: spareCard.id, organizationId: org.id },
      },
      PaymentMethods_unlock: {
        baseStatus: [200, 409],
        body: { reason: 'The customer fixed the account' },
        params: { id: bank.id, organizationId: org.id },
      },
      PaymentMethods_update: {
        body: { friendlyName: 'Main card', isDefault: true },
        params: orgMethod,
      },
      PaymentReports_calendar: { query: { from: daysFromToday(-5), to: daysFromToday(30) } },
      Payments_cancel: {
        baseLast: true,
        body: { reason: 'Customer asked' },
        params: { id: toCancel.id },
      },
      Payments_create: { body: paymentBody },
      Payments_dismissAccountingSync: { baseStatus: [200, 409], params: { id: paid.id } },
      Payments_get: { params: { id: paid.id } },
      Payments_hide: { params: { id: returned.id } },
      Payments_installments: {
        body: {
          allocations: [{ amount: 300, invoiceId: invoices[1].id }],
          count: 3,
          firstDate: daysFromToday(1),
          interval: 'month',
          organizationId: org.id,
          paymentMethodId: card.id,
          receiptRecipients: ['ap@example.test'],
        },
      },
      Payments_list: {
        query: {
          ...list,
          accountingSync: 'not_applicable',
          from: '2020-01-01',
          invoiceId: invoices[0].id,
          organizationId: org.id,
          paymentMethodId: card.id,
          q: 'PAY',
          sort: '-createdAt',
          status: 'succeeded',
          to: '2099-12-31',
        },
      },
      Payments_quote: { body: paymentBody },
      Payments_refund: { body: { amount: 1, reason: 'Goodwill' }, params: { id: paid.id } },
      Payments_reschedule: {
        body: { scheduledFor: daysFromToday(5) },
        params: { id: toReschedule.id },
      },
      Payments_retryAccountingSync: { baseStatus: [200, 409], params: { id: paid.id } },
      Payments_unhide: { params: { id: returned.id } },
      PortalAuth_acceptInvitation: {
        body: { password: 'a long enough pass phrase', token: welcome },
      },
      PortalAuth_confirmPasswordReset: {
        body: { password: 'a long enough pass phrase', token: reset },
      },
      PortalAuth_login: {
        baseStatus: [401],
        body: { email: 'nobody@example.test', password: 'not the password' },
      },
      PortalAuth_logout: { baseLast: true, credentials: leaving },
      PortalAuth_me: { credentials: portal },
      // The link works once: the base request uses it, every variation after it is refused.
      PortalAuth_openStaffView: {
        baseStatus: [303],
        fresh: async () => ({ query: { token: await staffViewLink() } }),
      },
      PortalStaffView_link: { credentials: staffCredentials, params: { organizationId: org.id } },
      PortalAutopayRules_create: {
        ...portalOrg,
        body: {
          criteria: { maxAmount: 90000, sources: ['connectwise'], terms: ['Net 15'] },
          enabled: true,
          paymentMethodId: card.id,
          trigger: { days: -3, type: 'days_after_due' },
        },
      },
      PortalAutopayRules_list: portalOrg,
      PortalAutopayRules_remove: {
        ...portalOrg,
        baseLast: true,
        params: { organizationId: org.id, ruleId: portalSpareRule.id },
      },
      PortalAutopayRules_update: {
        ...portalOrg,
        body: {
          criteria: { maxAmount: null, terms: ['Net 30'] },
          enabled: false,
          paymentMethodId: null,
          trigger: { dayOfMonth: 31, type: 'day_of_month' },
        },
        params: { organizationId: org.id, ruleId: portalRule.id },
      },
      PortalAuth_requestPasswordReset: { body: { email: 'nobody@example.test' } },
      PortalAuth_requestAccess: {
        // the base request counts toward the hourly limit; refused input does not
        baseStatus: [202, 429],
        body: {
          company: 'Contoso Dental',
          email: 'sam@example.test',
          message: 'New in accounts payable',
          name: 'Sam Rivera',
        },
      },
      PortalInvoices_balance: portalOrg,
      PortalInvoices_get: {
        ...portalOrg,
        params: { invoiceId: invoices[0].id, organizationId: org.id },
      },
      PortalInvoices_pdf: {
        ...portalOrg,
        params: { invoiceId: withPdf.id, organizationId: org.id },
      },
      PortalInvoices_list: {
        ...portalOrg,
        query: {
          ...list,
          dueFrom: '2020-01-01',
          dueTo: '2099-12-31',
          id: invoices[0].id,
          issuedFrom: '2020-01-01',
          issuedTo: '2099-12-31',
          pastDue: 'true',
          payable: 'true',
          q: 'INV',
          sort: '-dueDate',
          status: 'open',
        },
      },
      PortalPaymentMethods_create: {
        ...portalOrg,
        body: { friendlyName: 'Portal card', token: 'pm_card_visa' },
        headers: () => ({ 'idempotency-key': randomUUID() }),
      },
      // The sandbox has no hosted card fields; portal-stripe.e2e-spec.ts covers Stripe's 201.
      PortalPaymentMethods_createSetupIntent: { ...portalOrg, baseStatus: [409] },
      PortalPaymentMethods_list: portalOrg,
      PortalPaymentMethods_remove: {
        ...portalOrg,
        baseLast: true,
        params: { organizationId: org.id, paymentMethodId: portalSpareCard.id },
      },
      PortalPaymentMethods_update: {
        ...portalOrg,
        body: { friendlyName: 'Main card', isDefault: true },
        params: { organizationId: org.id, paymentMethodId: card.id },
      },
      PortalPayments_create: {
        ...portalOrg,
        body: portalPayment,
        headers: () => ({ 'idempotency-key': randomUUID() }),
      },
      PortalPayments_get: { ...portalOrg, params: { organizationId: org.id, paymentId: paid.id } },
      PortalPayments_listReceipts: {
        ...portalOrg,
        params: { organizationId: org.id, paymentId: paid.id },
      },
      PortalPayments_receiptHtml: {
        ...portalOrg,
        params: { emailId: paidReceipt.id, organizationId: org.id, paymentId: paid.id },
      },
      PortalPayments_list: {
        ...portalOrg,
        query: {
          ...list,
          from: '2020-01-01',
          invoiceId: invoices[0].id,
          paymentMethodId: card.id,
          q: 'PAY',
          sort: '-createdAt',
          status: 'succeeded',
          to: '2099-12-31',
        },
      },
      PortalPayments_quote: { ...portalOrg, body: portalPayment },
      PortalStatement_statement: { ...portalOrg, query: { currency: 'USD' } },
      PortalPayments_cancel: {
        ...portalOrg,
        baseLast: true,
        body: { reason: 'Paid by cheque' },
        params: { organizationId: org.id, paymentId: portalToCancel.id },
      },
      PortalPayments_reschedule: {
        ...portalOrg,
        body: { scheduledFor: daysFromToday(6) },
        params: { organizationId: org.id, paymentId: toReschedule.id },
      },
      Queues_failed: { params: { queue: 'payments' } },
      Queues_job: { baseStatus: [200, 404], params: { jobId: '1', queue: 'payments' } },
      Queues_list: {},
      Queues_runDiagnostic: { body: { fail: false }, params: { queue: 'payments' } },
      Reports_attention: {},
      Reports_aging: { query: { organizationId: org.id } },
      Reports_agingByOrganization: {
        query: { ...list, asOf: daysFromToday(-3), sort: '-days90plus' },
      },
      Reports_agingExport: { query: { asOf: daysFromToday(-3) } },
      Reports_arOverview: { query: { ...list, sort: '-balance' } },
      Reports_autopayEnrolment: { query: { ...list, enrolled: 'false' } },
      Reports_autopayEnrolmentExport: {},
      Reports_monthly: { query: { from: daysFromToday(-30), to: daysFromToday(0) } },
      Reports_monthlyExport: { query: { from: daysFromToday(-30), to: daysFromToday(0) } },
      Reports_paymentMethods: { query: { ...list, kind: 'locked' } },
      Reports_paymentMethodsExport: { query: { kind: 'expiring' } },
      Reports_portalLogins: {
        query: { ...list, ...{ from: daysFromToday(-30), to: daysFromToday(0) } },
      },
      Reports_portalLoginsExport: { query: { from: daysFromToday(-30), to: daysFromToday(0) } },
      Reports_transactions: {
        query: {
          ...list,
          ...{ from: daysFromToday(-30), to: daysFromToday(0) },
          method: 'card',
          type: 'payment',
        },
      },
      Reports_transactionsExport: {
        query: { ...{ from: daysFromToday(-30), to: daysFromToday(0) }, method: 'card' },
      },
      Settings_getBranding: {},
      Settings_getGeneral: {},
      Settings_getSecurity: {},
      Settings_updateSecurity: { body: { requireTwoFactor: false } },
      Settings_updateGeneral: { body: { ...generalSettings, logoDataUrl: TINY_PNG } },
      Users_create: {
        body: {
          email: 'created@example.test',
          name: 'Created User',
          password: 'a long enough password',
          role: 'viewer',
        },
      },
      Users_get: { params: { id: victim.id } },
      Users_list: { query: { ...list, sort: 'name' } },
      Users_listSessions: { params: { id: victim.id } },
      Users_resetTwoFactor: { params: { id: victim.id } },
      Users_revokeSession: {
        baseStatus: [404],
        params: { id: victim.id, sessionId: randomUUID() },
      },
      Users_resetPassword: {
        body: { password: 'another long password' },
        params: { id: victim.id },
      },
      Users_update: {
        body: { disabled: false, name: 'Victim', role: 'billing' },
        params: { id: victim.id },
      },
      Webhooks_create: {
        body: { description: 'Created', events: ['payment.succeeded'], url: hookUrl },
      },
      Webhooks_deliveries: { params: { id: hook.id }, query: { ...list, status: 'failed' } },
      Webhooks_delivery: { params: { deliveryId: hookDelivery.id, id: hook.id } },
      Webhooks_get: { params: { id: hook.id } },
      Webhooks_list: {},
      // the endpoint is disabled, so the unmodified request is refused (409) and nothing is sent
      Webhooks_redeliver: {
        baseStatus: [409],
        params: { deliveryId: hookDelivery.id, id: hook.id },
      },
      Webhooks_remove: { baseLast: true, params: { id: spareHook.id } },
      Webhooks_rotateSecret: { params: { id: hook.id } },
      Webhooks_update: {
        body: { description: 'Renamed', events: ['payment.succeeded'], url: hookUrl },
        params: { id: hook.id },
      },
    };
  }

  /** Seeding goes through the API too; anything but a 2xx stops the run. */
  async function call(method: string, url: string, body?: Json) {
    const response = await fastify.inject({
      headers: { authorization: bearer },
      method: method as 'GET',
      payload: body === undefined ? undefined : (body as object),
      url,
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  /** Background work the seed started (settlement, returns) must be over before counting. */
  async function settledCounts(): Promise<RowCounts> {
    let previous = await countRows();
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const next = await countRows();
      if (JSON.stringify(next) === JSON.stringify(previous)) return next;
      previous = next;
    }
  }

  /** The fixture's fresh headers, then the request's own (hostile ones win), then credentials. */
  function headersFor(request: HostileRequest, fixture: Fixture): Record<string, string> {
    return {
      ...fixture.headers?.(),
      ...request.headers,
      ...(fixture.credentials ?? { authorization: bearer }),
    };
  }

  async function send(
    request: HostileRequest,
    operationId: string,
    fixture: Fixture,
  ): Promise<string[]> {
    const response = await fastify.inject({
      headers: headersFor(request, fixture),
      method: request.method as 'GET',
      payload: request.payload,
      url: request.url,
    });
    totals.requests += 1;
    const status = response.statusCode;
    const counts = await countRows();
    const problems: string[] = [];
    const where = `${operationId} [${request.label}] ${request.method} ${request.url.slice(0, 120)}`;
    const said = `${status} ${response.body.slice(0, 300)}`;
    if (status >= 500) {
      totals.serverErrors += 1;
      problems.push(`${where}: answered ${said}`);
    }
    let body: Record<string, unknown> | null = null;
    if (status >= 400) {
      const shape = problemShape(response.headers, response.body, status);
      if (typeof shape === 'string') {
        totals.nonProblem += 1;
        problems.push(`${where}: ${shape}: ${said}`);
      } else body = shape;
      const changed = changedTables(lastCounts, counts);
      if (changed.length)
        problems.push(`${where}: refused with ${status} but wrote to ${changed.join(', ')}`);
    }
    // An accepted request of an email-sending operation writes again when its job runs.
    lastCounts = status < 300 && fixture.settles ? await settledCounts() : counts;
    const fields = ((body?.errors as { field: string }[] | undefined) ?? []).map((e) => e.field);
    const names = (field: string) => fields.some((f) => f === field || f.startsWith(`${field}.`));
    const expect = request.expect;
    if (expect.kind === 'refused' && !(status === 400 && names(expect.field)))
      problems.push(`${where}: expected a 400 naming ${expect.field}, got ${said}`);
    if (expect.kind === 'status' && status !== expect.status)
      problems.push(`${where}: expected ${expect.status}, got ${said}`);
    if (
      expect.kind === 'status' &&
      expect.field &&
      status === expect.status &&
      !names(expect.field)
    )
      problems.push(`${where}: expected errors naming ${expect.field}, got ${said}`);
    if (expect.kind === 'accepted' && status === 400 && names(expect.field))
      problems.push(`${where}: null is allowed for ${expect.field}, but got ${said}`);
    return problems;
  }

  it('has a valid fixture for every operation of the OpenAPI document', () => {
    expect(Object.keys(fixtures).sort()).toEqual(operations.map((o) => o.id).sort());
  });

  it.each(operations.map((o) => [o.id, o] as const))('%s', async (operationId, operation) => {
    const fixture = { ...fixtures[operationId], ...(await fixtures[operationId].fresh?.()) };
    const { base, baseLast, corpus } = buildCorpus(operation, fixture, schemas);
    const problems: string[] = [];
    const sendBase = async () => {
      const response = await fastify.inject({
        headers: headersFor(base, fixture),
        method: base.method as 'GET',
        payload: base.payload,
        url: base.url,
      });
      totals.requests += 1;
      const allowed = fixture.baseStatus;
      const ok = allowed ? allowed.includes(response.statusCode) : response.statusCode < 300;
      if (!ok)
        problems.push(
          `${operationId} [unmodified] answered ${response.statusCode} ${response.body.slice(0, 300)}`,
        );
      lastCounts = fixture.settles ? await settledCounts() : await countRows();
    };
    if (!baseLast) await sendBase();
    for (const request of corpus) problems.push(...(await send(request, operationId, fixture)));
    if (baseLast) await sendBase();
    expect(problems).toEqual([]);
  });

  it('answers unknown routes and undecodable URLs with problem+json', async () => {
    for (const [method, url, status] of [
      ['GET', '/api/v1/no-such-thing', 404],
      ['DELETE', '/api/v1/users', 404],
      ['GET', '/no-such-thing', 404],
      ['GET', '/api/v1/%zz', 400],
      ['GET', '/api/v1/users/%ED%A0%80', 400],
    ] as const) {
      const response = await fastify.inject({ headers: { authorization: bearer }, method, url });
      totals.requests += 1;
      expect(response.statusCode).toBe(status);
      expect(problemShape(response.headers, response.body, status)).toEqual(
        expect.objectContaining({ status }),
      );
    }
  });

  it('sent the whole corpus without a 5xx or an error outside problem+json', () => {
    // A shrinking corpus would make the checks above pass by saying less.
    expect(totals.requests).toBeGreaterThan(3500);
    expect(totals).toMatchObject({ nonProblem: 0, serverErrors: 0 });
  });
});

function asCredentials(session: PortalSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}

/** The problem document, or what is wrong with it. */
function problemShape(
  headers: Record<string, unknown>,
  text: string,
  status: number,
): Record<string, unknown> | string {
  if (!String(headers['content-type'] ?? '').startsWith('application/problem+json'))
    return `content-type ${String(headers['content-type'])}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const extra = Object.keys(body).filter((k) => !PROBLEM_KEYS.includes(k));
  if (extra.length) return `unexpected keys ${extra.join(', ')}`;
  if (typeof body.type !== 'string' || !/^urn:settle:problem:[a-z-]+$/.test(body.type))
    return 'bad type';
  if (typeof body.title !== 'string' || typeof body.detail !== 'string') return 'bad title/detail';
  if (body.status !== status) return 'status differs from the HTTP status';
  if (typeof body.requestId !== 'string' || body.requestId !== headers['x-request-id'])
    return 'requestId missing or not the x-request-id header';
  const errors = body.errors;
  if (status === 400 && !Array.isArray(errors)) return 'a 400 without errors';
  if (errors !== undefined) {
    if (!Array.isArray(errors) || (status === 400 && errors.length === 0)) return 'empty errors';
    for (const e of errors as Record<string, unknown>[])
      if (
        typeof e?.field !== 'string' ||
        typeof e.message !== 'string' ||
        Object.keys(e).length !== 2
      )
        return 'malformed errors entry';
  }
  return body;
}
