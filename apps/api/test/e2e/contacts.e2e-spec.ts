import { apiKey, upsertOrganization } from '../utils/ar-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe('contacts and access profiles', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;
  let profiles: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    const list = await t.http
      .get('/api/v1/access-profiles')
      .set('authorization', bearer)
      .expect(200);
    profiles = Object.fromEntries(
      list.body.data.map((p: { name: string; id: string }) => [p.name, p.id]),
    );
  });
  afterAll(() => t.close());

  const addContact = (organizationId: string, body: object) =>
    t.http
      .post(`/api/v1/organizations/${organizationId}/contacts`)
      .set('authorization', bearer)
      .send(body);

  it('adds contacts, searches and sorts them, and links one contact to a second organization', async () => {
    const org = await upsertOrganization(t, bearer, 'C-1', 'Pawnee Parks');
    const other = await upsertOrganization(t, bearer, 'C-2', 'Eagleton Parks');
    const leslie = await addContact(org.id, {
      accessProfileId: profiles['Billing Admin'],
      email: 'Leslie@Pawnee.example',
      firstName: 'Leslie',
      isDefaultNotification: true,
      lastName: 'Knope',
    }).expect(201);
    expect(leslie.body).toMatchObject({
      accessProfileName: 'Billing Admin',
      email: 'leslie@pawnee.example',
      isDefaultNotification: true,
      name: 'Leslie Knope',
      organizations: [{ name: 'Pawnee Parks', organizationId: org.id }],
    });
    await addContact(org.id, {
      email: 'ron@pawnee.example',
      firstName: 'Ron',
      lastName: 'Swanson',
    }).expect(201);

    const search = await t.http
      .get(`/api/v1/organizations/${org.id}/contacts`)
      .query({ q: 'swan' })
      .set('authorization', bearer)
      .expect(200);
    expect(search.body.data.map((c: { email: string }) => c.email)).toEqual(['ron@pawnee.example']);
    const sorted = await t.http
      .get(`/api/v1/organizations/${org.id}/contacts`)
      .query({ sort: '-email' })
      .set('authorization', bearer)
      .expect(200);
    expect(sorted.body.data.map((c: { email: string }) => c.email)).toEqual([
      'ron@pawnee.example',
      'leslie@pawnee.example',
    ]);

    const linked = await t.http
      .post(`/api/v1/contacts/${leslie.body.id}/organizations`)
      .set('authorization', bearer)
      .send({ accessProfileId: profiles.User, organizationId: other.id })
      .expect(201);
    expect(linked.body.organizations.map((o: { name: string }) => o.name)).toEqual([
      'Eagleton Parks',
      'Pawnee Parks',
    ]);
    expect(linked.body.accessProfileName).toBe('User');
    await t.http
      .post(`/api/v1/contacts/${leslie.body.id}/organizations`)
      .set('authorization', bearer)
      .send({ organizationId: other.id })
      .expect(409);

    // The same email in another organization is the same person, not a duplicate.
    const again = await addContact(other.id, {
      email: 'ron@pawnee.example',
      firstName: 'Ron',
      lastName: 'Swanson',
    }).expect(201);
    expect(again.body.organizations).toHaveLength(2);
    const duplicate = await addContact(org.id, {
      email: 'ron@pawnee.example',
      firstName: 'Ron',
      lastName: 'S',
    }).expect(409);
    expect(duplicate.body.errors).toEqual([
      { field: 'email', message: 'is already a contact of this organization' },
    ]);
  });

  it("changes a contact's access profile, revokes access, and audits both", async () => {
    const org = await upsertOrganization(t, bearer, 'C-3', 'Revoke Co');
    const contact = await addContact(org.id, {
      accessProfileId: profiles.User,
      email: 'tom@revoke.example',
      firstName: 'Tom',
      lastName: 'Haverford',
    }).expect(201);
    const path = `/api/v1/organizations/${org.id}/contacts/${contact.body.id}`;
    const promoted = await t.http
      .patch(path)
      .set('authorization', bearer)
      .send({ accessProfileId: profiles['Billing Admin'] })
      .expect(200);
    expect(promoted.body.accessProfileName).toBe('Billing Admin');
    const revoked = await t.http
      .patch(path)
      .set('authorization', bearer)
      .send({ accessProfileId: null })
      .expect(200);
    expect(revoked.body).toMatchObject({ accessProfileId: null, accessProfileName: null });
    const audit = await t.http
      .get('/api/v1/audit-log')
      .query({ entityId: contact.body.id })
      .set('cookie', admin.cookie)
      .expect(200);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
      'contact.access_revoked',
      'contact.updated',
      'contact.added',
    ]);

    const bad = await t.http
      .patch(path)
      .set('authorization', bearer)
      .send({ accessProfileId: 'admin', isDefaultNotification: 'yes' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'accessProfileId',
      'isDefaultNotification',
    ]);
    const unknownProfile = await t.http
      .patch(path)
      .set('authorization', bearer)
      .send({ accessProfileId: '0e6e9d6c-9c1f-4e5b-8f7a-2d3c4b5a6f70' })
      .expect(400);
    expect(unknownProfile.body.errors).toEqual([
      { field: 'accessProfileId', message: 'does not exist' },
    ]);
    await t.http
      .patch(`/api/v1/organizations/${org.id}/contacts/0e6e9d6c-9c1f-4e5b-8f7a-2d3c4b5a6f70`)
      .set('authorization', bearer)
      .send({})
      .expect(404);
  });

  it('refuses a bad contact and writes nothing', async () => {
    const org = await upsertOrganization(t, bearer, 'C-4', 'Bad Input Co');
    const response = await addContact(org.id, {
      email: 'not-an-email',
      firstName: '',
      lastName: 'X',
      role: 'boss',
    }).expect(400);
    expectProblem(response.body, 400, 'validation-error');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'email',
      'firstName',
      'role',
    ]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM contacts WHERE last_name = 'X'`,
    );
    expect(n).toBe(0);
  });

  it("sets the default notification contacts from the organization's contacts only", async () => {
    const org = await upsertOrganization(t, bearer, 'C-5', 'Notify Co');
    const a = await addContact(org.id, {
      email: 'a@notify.example',
      firstName: 'Ann',
      lastName: 'Perkins',
    }).expect(201);
    const b = await addContact(org.id, {
      email: 'b@notify.example',
      firstName: 'Ben',
      lastName: 'Wyatt',
      isDefaultNotification: true,
    }).expect(201);
    const set = await t.http
      .put(`/api/v1/organizations/${org.id}/notification-emails`)
      .set('authorization', bearer)
      .send({ contactIds: [a.body.id] })
      .expect(200);
    expect(set.body).toEqual({
      data: [{ contactId: a.body.id, email: 'a@notify.example', name: 'Ann Perkins' }],
    });
    const outsider = await upsertOrganization(t, bearer, 'C-6', 'Outsider Co');
    const stranger = await addContact(outsider.id, {
      email: 'c@outsider.example',
      firstName: 'Craig',
      lastName: 'Middlebrooks',
    }).expect(201);
    const refused = await t.http
      .put(`/api/v1/organizations/${org.id}/notification-emails`)
      .set('authorization', bearer)
      .send({ contactIds: [b.body.id, stranger.body.id] })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'contactIds.1', message: 'is not a contact of this organization' },
    ]);
    const unchanged = await t.http
      .get(`/api/v1/organizations/${org.id}/notification-emails`)
      .set('authorization', bearer)
      .expect(200);
    expect(unchanged.body.data.map((d: { email: string }) => d.email)).toEqual([
      'a@notify.example',
    ]);
  });

  it('manages access profiles: admin only, unique names, built-ins and used profiles kept', async () => {
    const create = (session: Session, body: object) =>
      t.http
        .post('/api/v1/access-profiles')
        .set('cookie', session.cookie)
        .set('x-csrf-token', session.csrf)
        .send(body);
    const permissions = {
      manageAutopay: false,
      managePaymentMethods: false,
      pay: true,
      receiveAccountEmails: true,
      viewCredits: true,
      viewInvoices: true,
      viewUnappliedPayments: false,
    };
    const billing = await loginAs(t, 'billing');
    await create(billing, { name: 'Payer', permissions }).expect(403);
    const created = await create(admin, { name: 'Payer', permissions }).expect(201);
    expect(created.body).toEqual({
      contactsCount: 0,
      id: expect.any(String),
      isSystem: false,
      name: 'Payer',
      permissions,
    });
    await create(admin, { name: 'Payer', permissions }).expect(409);
    const partial = await create(admin, { name: 'Half', permissions: { pay: true } }).expect(400);
    expect(partial.body.errors.map((e: { field: string }) => e.field)).toContain(
      'permissions.viewInvoices',
    );

    const updated = await t.http
      .patch(`/api/v1/access-profiles/${created.body.id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ permissions: { ...permissions, pay: false } })
      .expect(200);
    expect(updated.body.permissions.pay).toBe(false);
    await t.http
      .delete(`/api/v1/access-profiles/${profiles.User}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(409);

    const org = await upsertOrganization(t, bearer, 'C-7', 'Profile Co');
    await addContact(org.id, {
      accessProfileId: created.body.id,
      email: 'p@profile.example',
      firstName: 'P',
      lastName: 'Q',
    }).expect(201);
    const inUse = await t.http
      .delete(`/api/v1/access-profiles/${created.body.id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(409);
    expect(inUse.body.detail).toMatch(/1 contact/);
    const unused = await create(admin, { name: 'Temp', permissions }).expect(201);
    await t.http
      .delete(`/api/v1/access-profiles/${unused.body.id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(204);
  });
});
