import {
  createTestApp,
  createUser,
  expectProblem,
  login,
  loginAs,
  Session,
  TestApp,
} from '../utils/test-app';

describe('API keys', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const create = (body: object) =>
    t.http
      .post('/api/v1/api-keys')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send(body);

  it('creates a key whose secret is shown once, uses it without CSRF, records last use, and revokes it', async () => {
    const created = await create({ name: 'Accounting export', role: 'viewer' }).expect(201);
    expect(created.body).toMatchObject({
      createdAt: expect.any(String),
      id: expect.any(String),
      name: 'Accounting export',
      prefix: expect.stringMatching(/^sk_[a-z0-9]{8}$/),
      role: 'viewer',
      secret: expect.stringMatching(/^sk_[a-z0-9]{8}_/),
    });
    const { id, secret, prefix } = created.body;
    expect(secret.startsWith(prefix)).toBe(true);

    const me = await t.http
      .get('/api/v1/auth/me')
      .set('authorization', `Bearer ${secret}`)
      .expect(200);
    expect(me.body).toMatchObject({ id, kind: 'apiKey', role: 'viewer' });

    const list = await t.http.get('/api/v1/api-keys').set('cookie', admin.cookie).expect(200);
    const listed = list.body.data.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ lastUsedAt: expect.any(String), prefix, revokedAt: null });
    expect(listed).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const [row] = await t.dataSource.query('SELECT secret_hash FROM api_keys WHERE id = $1', [id]);
    expect(row.secret_hash).not.toContain(secret.slice(12));

    await t.http
      .delete(`/api/v1/api-keys/${id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(204);
    const revoked = await t.http
      .get('/api/v1/auth/me')
      .set('authorization', `Bearer ${secret}`)
      .expect(401);
    expectProblem(revoked.body, 401, 'unauthorized');
  });

  it('defaults the role to billing, and a billing key can write but not administer', async () => {
    const { body } = await create({ name: 'PSA bridge' }).expect(201);
    expect(body.role).toBe('billing');
    const bearer = `Bearer ${body.secret}`;
    await t.http
      .post('/api/v1/api-keys')
      .set('authorization', bearer)
      .send({ name: 'escalate' })
      .expect(403);
    await t.http.get('/api/v1/users').set('authorization', bearer).expect(403);
  });

  it('answers 401 to a garbage bearer even when a valid session cookie comes along', async () => {
    await t.http.get('/api/v1/auth/me').set('authorization', 'Bearer nonsense').expect(401);
    await t.http
      .get('/api/v1/auth/me')
      .set('authorization', 'Bearer nonsense')
      .set('cookie', admin.cookie)
      .expect(401);
    await t.http
      .get('/api/v1/auth/me')
      .set('authorization', 'Bearer sk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .expect(401);
  });

  it('validates the body and writes nothing on bad input', async () => {
    const response = await create({ name: '', role: 'owner', scope: 'all' }).expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'scope', message: 'is not an allowed field' },
        { field: 'role', message: 'must be one of: admin, billing, viewer' },
        { field: 'name', message: expect.stringMatching(/longer than or equal to 1/) },
      ]),
    );
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM api_keys WHERE name = ''`,
    );
    expect(count).toBe(0);
  });

  it('404s when revoking a key that does not exist, 400 for a malformed id', async () => {
    const missing = await t.http
      .delete('/api/v1/api-keys/9b2f4f0e-8a53-4c1e-9d43-0d0e5b7f3a11')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(404);
    expectProblem(missing.body, 404, 'not-found');
    const malformed = await t.http
      .delete('/api/v1/api-keys/not-a-uuid')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  describe('credentials die with their owner', () => {
    /** A second admin, signed in, with an admin key of their own. */
    async function adminWithKey() {
      const user = await createUser(t, 'admin');
      const session = await login(t, user.email);
      const { body } = await t.http
        .post('/api/v1/api-keys')
        .set('cookie', session.cookie)
        .set('x-csrf-token', session.csrf)
        .send({ name: `key of ${user.email}`, role: 'admin' })
        .expect(201);
      const bearer = `Bearer ${body.secret}`;
      await t.http.get('/api/v1/users').set('authorization', bearer).expect(200);
      return { bearer, keyId: body.id as string, session, user };
    }

    const changeUser = (id: string, change: object) =>
      t.http
        .patch(`/api/v1/users/${id}`)
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .send(change)
        .expect(200);

    it('answers 401 to a key whose creator has been disabled', async () => {
      const { bearer, user } = await adminWithKey();
      await changeUser(user.id, { disabled: true });
      const refused = await t.http.get('/api/v1/auth/me').set('authorization', bearer).expect(401);
      expectProblem(refused.body, 401, 'unauthorized');
      await t.http.get('/api/v1/invoices').set('authorization', bearer).expect(401);
    });

    it('lets a key do no more than its creator may now: demoted to billing, it bills but no longer administers', async () => {
      const { bearer, user } = await adminWithKey();
      await changeUser(user.id, { role: 'billing' });

      const me = await t.http.get('/api/v1/auth/me').set('authorization', bearer).expect(200);
      expect(me.body).toMatchObject({ kind: 'apiKey', role: 'billing' });
      const forbidden = await t.http.get('/api/v1/users').set('authorization', bearer).expect(403);
      expectProblem(forbidden.body, 403, 'forbidden');
      await t.http
        .post('/api/v1/api-keys')
        .set('authorization', bearer)
        .send({ name: 'escalate' })
        .expect(403);
      await t.http
        .post('/api/v1/organizations')
        .set('authorization', bearer)
        .send({ name: 'Billed by a demoted key' })
        .expect(201);

      // Promoted back, the key regains what it was made with.
      await changeUser(user.id, { role: 'admin' });
      await t.http.get('/api/v1/users').set('authorization', bearer).expect(200);
    });

    it('ends the sessions of a disabled user at once and marks their keys revoked', async () => {
      const { bearer, keyId, session, user } = await adminWithKey();
      await t.http.get('/api/v1/auth/me').set('cookie', session.cookie).expect(200);
      const before = await t.http
        .get('/api/v1/api-keys')
        .set('cookie', admin.cookie)
        .query({ pageSize: 200 })
        .expect(200);
      expect(before.body.data.find((k: { id: string }) => k.id === keyId).revokedAt).toBeNull();

      await changeUser(user.id, { disabled: true });
      await t.http.get('/api/v1/auth/me').set('cookie', session.cookie).expect(401);
      const after = await t.http
        .get('/api/v1/api-keys')
        .set('cookie', admin.cookie)
        .query({ pageSize: 200 })
        .expect(200);
      const revoked = after.body.data.find((k: { id: string }) => k.id === keyId);
      expect(revoked.revokedAt).toEqual(expect.any(String));
      expect(Date.now() - Date.parse(revoked.revokedAt)).toBeLessThan(60_000);

      // Enabling the user again brings neither the old session nor the key back.
      await changeUser(user.id, { disabled: false });
      await t.http.get('/api/v1/auth/me').set('cookie', session.cookie).expect(401);
      await t.http.get('/api/v1/auth/me').set('authorization', bearer).expect(401);
    });
  });
});
