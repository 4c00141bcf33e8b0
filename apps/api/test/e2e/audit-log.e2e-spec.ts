import { randomUUID } from 'node:crypto';

import { AuditLabels1796109978464 } from '../../src/database/migrations/1796109978464-AuditLabels';
import { apiKey } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface Entry {
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  entityLabel: string | null;
  organizationId: string | null;
  organizationName: string | null;
}

describe('audit log readability', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  const entries = async (query: Record<string, string>) => {
    const response = await t.http
      .get('/api/v1/audit-log')
      .query({ pageSize: '200', ...query })
      .set('cookie', admin.cookie);
    expect(response.status).toBe(200);
    return response.body.data as Entry[];
  };
  const label = ({ action, entityLabel, organizationId, organizationName }: Entry) => ({
    action,
    entityLabel,
    organizationId,
    organizationName,
  });

  it('names the entity and its organization as they were when the entry was written', async () => {
    const created = await t.http
      .post('/api/v1/organizations')
      .set('authorization', bearer)
      .send({ name: 'Contoso' })
      .expect(201);
    const orgId: string = created.body.id;
    await t.http
      .patch(`/api/v1/organizations/${orgId}`)
      .set('authorization', bearer)
      .send({ name: 'Contoso Ltd' })
      .expect(200);
    const contact = await t.http
      .post(`/api/v1/organizations/${orgId}/contacts`)
      .set('authorization', bearer)
      .send({ email: 'ada@contoso.example', firstName: 'Ada', lastName: 'Lovelace' })
      .expect(201);
    const method = await addMethod(t, bearer, orgId, 'pm_card_visa');
    await t.http
      .post(`/api/v1/organizations/${orgId}/notes`)
      .set('authorization', bearer)
      .send({ body: 'Prefers ACH' })
      .expect(201);

    const ofOrg = await entries({ organizationId: orgId });
    const byAction = (action: string) => ofOrg.filter((e) => e.action === action).map(label);
    // The entry written before the rename keeps the name of its day.
    expect(byAction('organization.created')).toEqual([
      {
        action: 'organization.created',
        entityLabel: 'Contoso',
        organizationId: orgId,
        organizationName: 'Contoso',
      },
    ]);
    expect(byAction('organization.updated')).toEqual([
      {
        action: 'organization.updated',
        entityLabel: 'Contoso Ltd',
        organizationId: orgId,
        organizationName: 'Contoso Ltd',
      },
    ]);
    expect(byAction('contact.added')).toEqual([
      {
        action: 'contact.added',
        entityLabel: 'Ada Lovelace',
        organizationId: orgId,
        organizationName: 'Contoso Ltd',
      },
    ]);
    expect(ofOrg.find((e) => e.action === 'contact.added')!.entityId).toBe(contact.body.id);
    expect(byAction('payment_method.created')).toEqual([
      {
        action: 'payment_method.created',
        entityLabel: 'VISA •••• 4242',
        organizationId: orgId,
        organizationName: 'Contoso Ltd',
      },
    ]);
    expect(ofOrg.find((e) => e.action === 'payment_method.created')!.entityId).toBe(method.id);
    expect(byAction('organization_note.created')).toEqual([
      {
        action: 'organization_note.created',
        entityLabel: null,
        organizationId: orgId,
        organizationName: 'Contoso Ltd',
      },
    ]);
    // Entries about other organizations are not this one's.
    expect(ofOrg.every((e) => e.organizationId === orgId)).toBe(true);
  });

  it('labels payments by number, users by email and keys by name; q finds them by label', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [12000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const paid = await pay(t, bearer, {
      allocations: [{ amount: 12000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    const number: string = paid.body.number;
    const found = await entries({ q: number });
    expect(found.map(label)).toEqual([
      {
        action: 'payment.created',
        entityLabel: number,
        organizationId: org.id,
        organizationName: org.name,
      },
    ]);
    const invoiceEntry = (await entries({ entityId: invoices[0].id })).map(label);
    expect(invoiceEntry).toEqual([
      {
        action: 'invoice.upserted',
        entityLabel: expect.stringMatching(/^INV-\d+-1$/),
        organizationId: org.id,
        organizationName: org.name,
      },
    ]);

    const user = await t.http
      .post('/api/v1/users')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({
        email: 'grace@msp.example',
        name: 'Grace',
        password: 'a very long password',
        role: 'viewer',
      })
      .expect(201);
    expect((await entries({ entityId: user.body.id })).map(label)).toEqual([
      {
        action: 'user.created',
        entityLabel: 'grace@msp.example',
        organizationId: null,
        organizationName: null,
      },
    ]);
    const keys = await entries({ action: 'api_key.created' });
    expect(keys.map((e) => e.entityLabel)).toEqual(['key-billing']);
    expect(keys[0].organizationId).toBeNull();
  });

  it('refuses a malformed organizationId with a 400 naming the field', async () => {
    const response = await t.http
      .get('/api/v1/audit-log')
      .query({ organizationId: 'contoso' })
      .set('cookie', admin.cookie)
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(response.body, 400, 'validation-error');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'organizationId' })]);
    expect(await entries({ organizationId: randomUUID() })).toEqual([]);
  });

  it('gives entries written before the labels existed the same labels, by migration', async () => {
    const byIdOrder = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const written = (await entries({})).map((e) => ({ id: e.id, ...label(e) })).sort(byIdOrder);
    expect(written.length).toBeGreaterThan(10);
    const runner = t.dataSource.createQueryRunner();
    try {
      const migration = new AuditLabels1796109978464();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const backfilled = (await entries({})).map((e) => ({ id: e.id, ...label(e) })).sort(byIdOrder);
    const byId = new Map(backfilled.map((e) => [e.id, e]));
    // The organization's first name is history only the written entry knew; today's is used.
    const renamed = written.find(
      (e) => e.action === 'organization.created' && e.entityLabel === 'Contoso',
    )!;
    expect(byId.get(renamed.id)).toEqual({ ...renamed, organizationName: 'Contoso Ltd' });
    expect(backfilled.filter((e) => e.id !== renamed.id)).toEqual(
      written.filter((e) => e.id !== renamed.id),
    );
  });
});
