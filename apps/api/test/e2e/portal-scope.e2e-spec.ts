import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

import { eventually } from '@settle/testing';

import { apiKey, daysFromToday } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { PdfServer, startPdfServer } from '../utils/pdf-server';
import { accessProfileIds, PortalSession, signedInContact } from '../utils/portal-factories';
import { changedTables, rowCounter, RowCounts } from '../utils/row-counts';
import { createTestApp, expectProblem, loginAs, TestApp } from '../utils/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  minimum?: number;
}

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string }>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const ORG_PREFIX = '/api/v1/portal/organizations/{organizationId}/';
const document = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../openapi/openapi.json'), 'utf8'),
) as {
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { schemas: Record<string, Schema> };
};

/** Every portal operation of one organization, as the OpenAPI document describes them. */
const OPERATIONS = Object.entries(document.paths)
  .filter(([path]) => path.startsWith(ORG_PREFIX))
  .flatMap(([path, item]) =>
    (Object.entries(item) as [Method, Operation][]).map(([method, operation]) => ({
      method,
      operation,
      path,
    })),
  );

/** The ids a request names: the organization in the path, and records in the path or body. */
interface Ids {
  organizationId: string;
  invoiceId: string;
  paymentId: string;
  paymentMethodId: string;
  ruleId: string;
  /** The receipt email of paymentId. */
  emailId: string;
}

function resolveSchema(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return resolveSchema(document.components.schemas[schema.$ref.split('/').pop()!]);
}

/** Required text fields, by name: what a contact would send. */
const STRINGS: Record<string, string> = { token: 'pm_card_visa' };

/**
 * What a payer's own request answers when that is not 200/201: this suite runs on the sandbox
 * gateway, which has no hosted card fields (portal-stripe.e2e-spec.ts covers Stripe's 201).
 */
const OWN_STATUS: Record<string, number> = {
  'post /api/v1/portal/organizations/{organizationId}/payment-methods/setup-intents': 409,
};

/** Required objects whose valid values the schema alone cannot tell (a trigger needs its days). */
const OBJECTS: Record<string, object> = { trigger: { days: 0, type: 'days_after_due' } };

/** The names of the ids a body of this schema carries (those `sample` fills). */
function bodyIds(schema: Schema, name = ''): string[] {
  const resolved = resolveSchema(schema);
  if (resolved.format === 'uuid') return [name];
  if (resolved.type === 'array') return bodyIds(resolved.items!, name);
  return (resolved.required ?? []).flatMap((key) => bodyIds(resolved.properties![key], key));
}

/** The smallest valid value of a schema, taking each id from `ids` by its property's name. */
function sample(schema: Schema, ids: Ids, name = ''): unknown {
  if (name in OBJECTS) return OBJECTS[name];
  const resolved = resolveSchema(schema);
  if (resolved.format === 'uuid') {
    if (!(name in ids)) throw new Error(`No id to fill ${name} with: teach the IDOR suite`);
    return ids[name as keyof Ids];
  }
  if (resolved.type === 'string' && resolved.format === 'date') return daysFromToday(3);
  if (resolved.type === 'string' && name in STRINGS) return STRINGS[name];
  if (resolved.type === 'array') return [sample(resolved.items!, ids, name)];
  if (resolved.type === 'integer') return Math.max(resolved.minimum ?? 1, 1);
  if (resolved.type === 'object' || resolved.properties)
    return Object.fromEntries(
      (resolved.required ?? []).map((key) => [key, sample(resolved.properties![key], ids, key)]),
    );
  throw new Error(`The IDOR suite cannot fill ${name} (${JSON.stringify(resolved)})`);
}

function url(path: string, ids: Ids): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in ids)) throw new Error(`No id for path parameter ${name}: teach the IDOR suite`);
    return ids[name as keyof Ids];
  });
}

/** The rights an operation's documented 403 names (see RequirePortalPermission). */
function requiredRights(operation: Operation): string[] {
  const description = operation.responses['403']?.description ?? '';
  return description.match(/lacks (.+)$/)?.[1].split(' or ') ?? [];
}

describe('portal scope: every organization route, generated from the OpenAPI document', () => {
  let t: TestApp;
  let bearer: string;
  let counts: () => Promise<RowCounts>;
  let mine: Ids;
  let theirs: Ids;
  let payer: PortalSession & { contactId: string; email: string };
  let viewer: PortalSession;

  let source: PdfServer;

  beforeAll(async () => {
    // Every invoice links to a PDF on this host (127.0.0.1, hence the setting), so that the PDF
    // route answers a contact with the right its own invoice's PDF, and the 404s below are scope.
    source = await startPdfServer();
    // Receipts are written from the outbox promptly, so the seed's are done before counting.
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '200',
      SETTLE_INVOICE_PDF_ALLOW_PRIVATE: 'true',
    });
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    const profiles = await accessProfileIds(t, bearer);
    const build = async (): Promise<Omit<Ids, 'emailId'>> => {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [50_000, 20_000], {
        pdfUrl: source.url('/invoice.pdf'),
      });
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      const payment = await pay(t, bearer, {
        allocations: [{ amount: 1_000, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
      }).expect(201);
      const rule = await t.http
        .post(`/api/v1/organizations/${org.id}/autopay-rules`)
        .set('authorization', bearer)
        .send({ trigger: { days: 5, type: 'days_after_due' } })
        .expect(201);
      return {
        invoiceId: invoices[1].id,
        organizationId: org.id,
        paymentId: payment.body.id,
        paymentMethodId: method.id,
        ruleId: rule.body.id,
      };
    };
    const [mineBuilt, theirsBuilt] = [await build(), await build()];
    payer = await signedInContact(t, bearer, mineBuilt.organizationId, profiles['Billing Admin']);
    viewer = await signedInContact(t, bearer, mineBuilt.organizationId, profiles.User);
    counts = await rowCounter(t.dataSource);
    await settled();
    const receiptOf = async (paymentId: string): Promise<string> => {
      const [receipt]: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM emails WHERE payment_id = $1 AND type = 'payment_receipt' LIMIT 1`,
        [paymentId],
      );
      return receipt.id;
    };
    mine = { ...mineBuilt, emailId: await receiptOf(mineBuilt.paymentId) };
    theirs = { ...theirsBuilt, emailId: await receiptOf(theirsBuilt.paymentId) };
  });
  afterAll(async () => {
    await t.close();
    await source.close();
  });

  function send(session: PortalSession, method: Method, path: string, ids: Ids) {
    const operation = document.paths[path][method]!;
    const request = t.http[method](url(path, ids))
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf);
    if (operation.parameters?.some((p) => p.name === 'Idempotency-Key'))
      request.set('idempotency-key', randomUUID());
    const schema = operation.requestBody?.content['application/json']?.schema;
    return schema ? request.send(sample(schema, ids) as object) : request;
  }

  /** Until the outbox is published and nothing more is being written in the background. */
  async function settled(): Promise<void> {
    let previous = '';
    for (;;) {
      const [{ pending }]: { pending: number }[] = await t.dataSource.query(
        'SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL',
      );
      const now = JSON.stringify(await counts());
      if (pending === 0 && now === previous) return;
      previous = now;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }

  async function balances(ids: Ids): Promise<number[]> {
    const rows: { open_balance: string }[] = await t.dataSource.query(
      'SELECT open_balance FROM invoices WHERE organization_id = $1 ORDER BY id',
      [ids.organizationId],
    );
    return rows.map((r) => Number(r.open_balance));
  }

  /**
   * Runs a request that must change nothing: no row anywhere (a refused idempotent request
   * keeps its key, so that table alone may grow) and no invoice's open balance.
   */
  async function expectNothingChanged(request: () => Promise<unknown>): Promise<void> {
    const before = await counts();
    const balancesBefore = [await balances(mine), await balances(theirs)];
    await request();
    const after = await counts();
    expect(changedTables(before, after).filter((c) => !c.startsWith('idempotency_keys'))).toEqual(
      [],
    );
    for (const table of [
      'payments',
      'payment_methods',
      'invoices',
      'payment_allocations',
      'autopay_rules',
    ])
      expect(`${table}: ${after[table]}`).toBe(`${table}: ${before[table]}`);
    expect([await balances(mine), await balances(theirs)]).toEqual(balancesBefore);
  }

  it('finds the operations to test in the document', () => {
    expect(
      OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path.slice(ORG_PREFIX.length)}`),
    ).toEqual(
      expect.arrayContaining([
        'GET balance',
        'GET invoices',
        'GET invoices/{invoiceId}',
        'GET payments',
        'GET payments/{paymentId}',
        'GET payments/{paymentId}/receipts',
        'GET payments/{paymentId}/receipts/{emailId}/html',
        'POST payments',
        'POST payments/quote',
        'GET payment-methods',
        'PATCH payments/{paymentId}',
        'POST payments/{paymentId}/cancel',
        'POST payment-methods',
        'POST payment-methods/setup-intents',
        'PATCH payment-methods/{paymentMethodId}',
        'DELETE payment-methods/{paymentMethodId}',
        'GET statement.pdf',
        'GET invoices/{invoiceId}/pdf',
        'GET autopay-rules',
        'POST autopay-rules',
        'PATCH autopay-rules/{ruleId}',
        'DELETE autopay-rules/{ruleId}',
      ]),
    );
  });

  describe.each(OPERATIONS)('$method $path', ({ method, path, operation }) => {
    it("is a 404 with another organization's id, and changes nothing", async () => {
      // Everything named is the other organization's, as a curious contact would try.
      await expectNothingChanged(async () => {
        const response = await send(payer, method, path, theirs);
        expect(response.status).toBe(404);
        expectProblem(response.body, 404, 'not-found');
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      });
    });

    const names = [
      ...(path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1)),
      ...new Set(bodyIds(operation.requestBody?.content['application/json']?.schema ?? {})),
    ].filter((name) => name !== 'organizationId');

    if (names.length)
      it.each(names)(
        "is a 404 with its own organization's id and the other's %s, and changes nothing",
        async (name) => {
          await expectNothingChanged(async () => {
            const ids = { ...mine, [name]: theirs[name as keyof Ids] };
            const response = await send(payer, method, path, ids);
            expect(response.status).toBe(404);
            expectProblem(response.body, 404, 'not-found');
          });
        },
      );
    else
      it("answers with its own organization's records only", async () => {
        const response = await send(payer, method, path, mine);
        expect(response.status).toBe(
          OWN_STATUS[`${method} ${path}`] ?? (method === 'post' ? 201 : 200),
        );
        const text = JSON.stringify(response.body);
        for (const id of Object.values(theirs)) expect(text).not.toContain(id);
      });

    const rights = requiredRights(operation);
    const userMayNot = !rights.includes('viewInvoices');
    it(`answers a "User" profile ${userMayNot ? '403, changing nothing' : 'as it answers a payer'} (needs ${rights.join(' or ')})`, async () => {
      expect(rights.length).toBeGreaterThan(0);
      if (!userMayNot) {
        const response = await send(viewer, method, path, mine);
        expect([200, 201]).toContain(response.status);
        return;
      }
      await expectNothingChanged(async () => {
        const response = await send(viewer, method, path, mine);
        expect(response.status).toBe(403);
        expectProblem(response.body, 403, 'forbidden');
      });
    });
  });

  describe('paying through the portal', () => {
    it('quotes, then pays with the staff rules and records the contact as the payer', async () => {
      const body = {
        allocations: [{ amount: 5_000, invoiceId: mine.invoiceId }],
        paymentMethodId: mine.paymentMethodId,
      };
      const base = `/api/v1/portal/organizations/${mine.organizationId}`;
      const quote = await t.http
        .post(`${base}/payments/quote`)
        .set('cookie', payer.cookie)
        .set('x-csrf-token', payer.csrf)
        .send(body)
        .expect(200);
      expect(quote.body).toMatchObject({ amount: 5_000, currency: 'USD', fee: 0, total: 5_000 });

      const missingKey = await t.http
        .post(`${base}/payments`)
        .set('cookie', payer.cookie)
        .set('x-csrf-token', payer.csrf)
        .send(body)
        .expect(400);
      expect(missingKey.body.errors[0].field).toBe('Idempotency-Key');

      const key = randomUUID();
      const paid = await t.http
        .post(`${base}/payments`)
        .set('cookie', payer.cookie)
        .set('x-csrf-token', payer.csrf)
        .set('idempotency-key', key)
        .send(body)
        .expect(201);
      expect(paid.body).toMatchObject({
        amount: 5_000,
        organizationId: mine.organizationId,
        origin: 'portal',
        status: 'succeeded',
      });
      for (const staffOnly of [
        'timeline',
        'accountingSync',
        'hiddenFromPortal',
        'createdBy',
        'organizationName',
      ])
        expect(paid.body).not.toHaveProperty(staffOnly);

      const replay = await t.http
        .post(`${base}/payments`)
        .set('cookie', payer.cookie)
        .set('x-csrf-token', payer.csrf)
        .set('idempotency-key', key)
        .send(body)
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(paid.body.id);

      const staffView = await t.http
        .get(`/api/v1/payments/${paid.body.id}`)
        .set('authorization', bearer)
        .expect(200);
      expect(staffView.body).toMatchObject({ createdBy: payer.email, origin: 'portal' });
      const [audit]: { actor_type: string; actor_id: string }[] = await t.dataSource.query(
        `SELECT actor_type, actor_id FROM audit_log WHERE action = 'payment.created' AND entity_id = $1`,
        [paid.body.id],
      );
      expect(audit).toEqual({ actor_id: payer.contactId, actor_type: 'contact' });
      // The receipt goes to the contact who paid.
      await eventually(async () => {
        const receipts = await t.http
          .get('/api/v1/emails')
          .query({ paymentId: paid.body.id, type: 'payment_receipt' })
          .set('authorization', bearer)
          .expect(200);
        expect(receipts.body.data).toEqual([
          expect.objectContaining({ contactId: payer.contactId, to: [payer.email] }),
        ]);
      }, 15_000);

      const invoice = await t.http
        .get(`${base}/invoices/${mine.invoiceId}`)
        .set('cookie', payer.cookie)
        .expect(200);
      expect(invoice.body.openBalance).toBe(15_000);
      expect(invoice.body).not.toHaveProperty('overAllocated');
    });

    it('refuses more than the open balance, as for staff', async () => {
      const response = await t.http
        .post(`/api/v1/portal/organizations/${mine.organizationId}/payments`)
        .set('cookie', payer.cookie)
        .set('x-csrf-token', payer.csrf)
        .set('idempotency-key', randomUUID())
        .send({
          allocations: [{ amount: 10_000_000, invoiceId: mine.invoiceId }],
          paymentMethodId: mine.paymentMethodId,
          scheduledFor: daysFromToday(3),
        })
        .expect(422);
      expect(response.body.errors[0].field).toBe('allocations.0.amount');
    });

    it('lists only the organization’s own records, filtered and paged as staff lists are', async () => {
      const base = `/api/v1/portal/organizations/${mine.organizationId}`;
      const invoices = await t.http
        .get(`${base}/invoices?status=open&sort=-openBalance&pageSize=1`)
        .set('cookie', viewer.cookie)
        .expect(200);
      expect(invoices.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
      expect(invoices.body.data[0].organizationId).toBe(mine.organizationId);
      const payments = await t.http
        .get(`${base}/payments`)
        .set('cookie', viewer.cookie)
        .expect(200);
      expect(payments.body.data.length).toBeGreaterThan(0);
      for (const p of payments.body.data) expect(p.organizationId).toBe(mine.organizationId);
      // The staff-only filter is refused rather than honoured.
      await t.http
        .get(`${base}/invoices?organizationId=${theirs.organizationId}`)
        .set('cookie', viewer.cookie)
        .expect(400);
      const balance = await t.http.get(`${base}/balance`).set('cookie', viewer.cookie).expect(200);
      // A "User" may not view credits: the figure is withheld, not zero.
      expect(balance.body.creditsAvailable).toBeNull();
      expect(balance.body.openInvoices).toBe(2);
    });

    it('answers a malformed organization id as bad input', async () => {
      const response = await t.http
        .get('/api/v1/portal/organizations/not-a-uuid/invoices')
        .set('cookie', payer.cookie)
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'organizationId', message: 'must be a UUID' },
      ]);
    });
  });
});
