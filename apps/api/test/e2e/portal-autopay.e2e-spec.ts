import { apiKey } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices } from '../utils/payment-factories';
import { accessProfileIds, PortalSession, signedInContact } from '../utils/portal-factories';
import { createTestApp, expectProblem, loginAs, TestApp } from '../utils/test-app';

/**
 * A contact's AutoPay rules (issue 13, item 6): through the staff rules service, scoped to the
 * contact's organization, audited as the contact, never touching a locked rule.
 */
describe('portal: AutoPay rules', () => {
  let t: TestApp;
  let bearer: string;
  let mine: { orgId: string; methodId: string };
  let theirs: { orgId: string; methodId: string };
  let payer: PortalSession & { contactId: string; email: string };
  let viewer: PortalSession;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    const profiles = await accessProfileIds(t, bearer);
    const build = async () => {
      const { org } = await organizationWithInvoices(t, bearer, [50_000]);
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      return { methodId: method.id, orgId: org.id };
    };
    mine = await build();
    theirs = await build();
    payer = await signedInContact(t, bearer, mine.orgId, profiles['Billing Admin']);
    viewer = await signedInContact(t, bearer, mine.orgId, profiles.User);
  });
  afterAll(() => t.close());

  const rules = (orgId: string) => `/api/v1/portal/organizations/${orgId}/autopay-rules`;

  function as(session: PortalSession, method: 'get' | 'post' | 'patch' | 'delete', url: string) {
    return t.http[method](url).set('cookie', session.cookie).set('x-csrf-token', session.csrf);
  }

  async function staffRule(orgId: string, body: object = {}) {
    const response = await t.http
      .post(`/api/v1/organizations/${orgId}/autopay-rules`)
      .set('authorization', bearer)
      .send({ trigger: { days: 0, type: 'days_after_due' }, ...body })
      .expect(201);
    return response.body as { id: string; updatedAt: string; position: number };
  }

  const staffView = async (id: string) =>
    (await t.http.get(`/api/v1/autopay-rules/${id}`).set('authorization', bearer).expect(200)).body;

  async function auditOf(id: string, action: string) {
    return (await t.dataSource.query(
      `SELECT actor_type, actor_id FROM audit_log WHERE action = $1 AND entity_id = $2`,
      [action, id],
    )) as { actor_type: string; actor_id: string }[];
  }

  it('creates, changes and deletes a rule, audited as the contact', async () => {
    const created = await as(payer, 'post', rules(mine.orgId))
      .send({
        criteria: { maxAmount: 100_000 },
        paymentMethodId: mine.methodId,
        trigger: { dayOfMonth: 15, type: 'day_of_month' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      approval: 'never',
      criteria: { maxAmount: 100_000, sources: [], terms: [] },
      enabled: true,
      locked: false,
      organizationId: mine.orgId,
      paymentMethodId: mine.methodId,
      trigger: { dayOfMonth: 15, days: null, type: 'day_of_month' },
      valid: true,
    });
    const id = created.body.id as string;
    expect(await auditOf(id, 'autopay_rule.created')).toEqual([
      { actor_id: payer.contactId, actor_type: 'contact' },
    ]);

    const listed = await as(payer, 'get', rules(mine.orgId)).expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(id);

    const updated = await as(payer, 'patch', `${rules(mine.orgId)}/${id}`)
      .send({ enabled: false, trigger: { days: -3, type: 'days_after_due' } })
      .expect(200);
    expect(updated.body).toMatchObject({
      enabled: false,
      trigger: { dayOfMonth: null, days: -3, type: 'days_after_due' },
    });
    expect(await staffView(id)).toMatchObject({ enabled: false });
    expect(await auditOf(id, 'autopay_rule.updated')).toEqual([
      { actor_id: payer.contactId, actor_type: 'contact' },
    ]);

    await as(payer, 'delete', `${rules(mine.orgId)}/${id}`).expect(204);
    await t.http.get(`/api/v1/autopay-rules/${id}`).set('authorization', bearer).expect(404);
    expect(await auditOf(id, 'autopay_rule.deleted')).toEqual([
      { actor_id: payer.contactId, actor_type: 'contact' },
    ]);
  });

  it('refuses to change or delete a locked rule with 409, and lists it', async () => {
    const locked = await staffRule(mine.orgId, { locked: true });
    const patch = await as(payer, 'patch', `${rules(mine.orgId)}/${locked.id}`)
      .send({ enabled: false })
      .expect(409);
    expectProblem(patch.body, 409, 'conflict');
    expect(patch.body.detail).toMatch(/locked/);
    await as(payer, 'delete', `${rules(mine.orgId)}/${locked.id}`).expect(409);
    expect(await staffView(locked.id)).toMatchObject({
      enabled: true,
      locked: true,
      updatedAt: locked.updatedAt,
    });
    const listed = await as(payer, 'get', rules(mine.orgId)).expect(200);
    expect(listed.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: locked.id, locked: true })]),
    );
  });

  it('does not let a contact set locked or the approval gate', async () => {
    for (const body of [
      { locked: true },
      { approval: 'never' },
      { approval: 'above', approvalThreshold: 10 },
    ]) {
      const created = await as(payer, 'post', rules(mine.orgId))
        .send({ trigger: { days: 0, type: 'days_after_due' }, ...body })
        .expect(400);
      expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining([Object.keys(body)[0]]),
      );
    }
    const approval = await staffRule(mine.orgId, { approval: 'always' });
    await as(payer, 'patch', `${rules(mine.orgId)}/${approval.id}`)
      .send({ approval: 'never' })
      .expect(400);
    await as(payer, 'patch', `${rules(mine.orgId)}/${approval.id}`)
      .send({ locked: true })
      .expect(400);
    expect(await staffView(approval.id)).toMatchObject({ approval: 'always', locked: false });
  });

  it("is a 404 for another organization's rule and changes nothing", async () => {
    const other = await staffRule(theirs.orgId);
    const patch = await as(payer, 'patch', `${rules(mine.orgId)}/${other.id}`)
      .send({ enabled: false, trigger: { dayOfMonth: 1, type: 'day_of_month' } })
      .expect(404);
    expectProblem(patch.body, 404, 'not-found');
    await as(payer, 'delete', `${rules(mine.orgId)}/${other.id}`).expect(404);
    await as(payer, 'get', rules(theirs.orgId)).expect(404);
    await as(payer, 'post', rules(theirs.orgId))
      .send({ trigger: { days: 0, type: 'days_after_due' } })
      .expect(404);
    expect(await staffView(other.id)).toMatchObject({
      enabled: true,
      trigger: { days: 0, type: 'days_after_due' },
      updatedAt: other.updatedAt,
    });
    // Another organization's method is refused as a field, not stored.
    const foreignMethod = await as(payer, 'post', rules(mine.orgId))
      .send({ paymentMethodId: theirs.methodId, trigger: { days: 0, type: 'days_after_due' } })
      .expect(400);
    expect(foreignMethod.body.errors[0].field).toBe('paymentMethodId');
  });

  it('lets a "User" profile read the rules (viewInvoices) but not change them (403)', async () => {
    const rule = await staffRule(mine.orgId);
    const listed = await as(viewer, 'get', rules(mine.orgId)).expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(rule.id);
    for (const response of [
      await as(viewer, 'post', rules(mine.orgId)).send({
        trigger: { days: 0, type: 'days_after_due' },
      }),
      await as(viewer, 'patch', `${rules(mine.orgId)}/${rule.id}`).send({ enabled: false }),
      await as(viewer, 'delete', `${rules(mine.orgId)}/${rule.id}`),
    ]) {
      expect(response.status).toBe(403);
      expectProblem(response.body, 403, 'forbidden');
    }
    expect(await staffView(rule.id)).toMatchObject({ enabled: true, updatedAt: rule.updatedAt });
  });
});
