import { SYSTEM_ACTOR } from '../../src/common/auth-context';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/modules/demo-data/demo-data.service';
import { UsersService } from '../../src/modules/users/users.service';
import { createTestApp, expectProblem, login, loginAs, Session, TestApp } from '../utils/test-app';

describe('staff users (admin-managed)', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const write = (method: 'post' | 'patch', path: string) =>
    t.http[method](path).set('cookie', admin.cookie).set('x-csrf-token', admin.csrf);

  it('creates a user who can then sign in; the password is never returned', async () => {
    const created = await write('post', '/api/v1/users')
      .send({
        email: ' New.Person@Example.test ',
        name: 'New Person',
        password: 'a very long password',
        role: 'billing',
      })
      .expect(201);
    expect(created.body).toEqual({
      createdAt: expect.any(String),
      disabled: false,
      email: 'new.person@example.test',
      id: expect.any(String),
      lastLoginAt: null,
      name: 'New Person',
      role: 'billing',
      twoFactorEnabled: false,
    });
    await login(t, 'new.person@example.test', 'a very long password');
  });

  it('answers 409 naming the email when it is already in use', async () => {
    const body = {
      email: 'twice@example.test',
      name: 'Twice',
      password: 'a very long password',
      role: 'viewer',
    };
    await write('post', '/api/v1/users').send(body).expect(201);
    const again = await write('post', '/api/v1/users')
      .send({ ...body, email: 'TWICE@example.test' })
      .expect(409);
    expectProblem(again.body, 409, 'conflict');
    expect(again.body.errors).toEqual([{ field: 'email', message: 'is already in use' }]);
  });

  it('refuses a short password and a bad email with field errors', async () => {
    const response = await write('post', '/api/v1/users')
      .send({ email: 'not-an-email', name: 'X', password: 'short', role: 'viewer' })
      .expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'must be an email address' },
        { field: 'password', message: 'must be at least 12 characters' },
      ]),
    );
  });

  it('refuses a password of only whitespace or one of the most common, on create and on reset', async () => {
    const body = { email: 'policy@example.test', name: 'Policy', role: 'viewer' };
    const attempts = [
      { message: 'must not be only whitespace', password: ' '.repeat(12) },
      {
        message: 'must be at least 12 characters, not counting whitespace at either end',
        password: '   padded    ',
      },
      // On zxcvbn's list of common passwords, which is compared without regard to case.
      { message: 'is one of the most common passwords; choose another', password: 'Qwerty123456' },
      { message: 'is one of the most common passwords; choose another', password: 'administrator' },
    ];
    for (const { message, password } of attempts) {
      const refused = await write('post', '/api/v1/users')
        .send({ ...body, password })
        .expect(400);
      expectProblem(refused.body, 400, 'validation-error');
      expect(refused.body.errors).toEqual([{ field: 'password', message }]);
    }
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE email = $1`,
      [body.email],
    );
    expect(count).toBe(0);

    const created = await write('post', '/api/v1/users')
      .send({ ...body, password: 'mellow tangerine harbour' })
      .expect(201);
    for (const { message, password } of attempts) {
      const refused = await write('post', `/api/v1/users/${created.body.id}/password`)
        .send({ password })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'password', message }]);
    }
    await login(t, body.email, 'mellow tangerine harbour');
  });

  it('still lets the demo users sign in with the demo password, which demo data sets through the service', async () => {
    const [demoAdmin] = DEMO_USERS;
    await t.app
      .get(UsersService)
      .createIfMissing(SYSTEM_ACTOR, { ...demoAdmin, password: DEMO_PASSWORD });
    await login(t, demoAdmin.email, DEMO_PASSWORD);
  });

  it('changes a role, resets a password (ending old sessions) and records both in the audit log', async () => {
    const created = await write('post', '/api/v1/users')
      .send({
        email: 'role@example.test',
        name: 'Role',
        password: 'first long password',
        role: 'viewer',
      })
      .expect(201);
    const id = created.body.id;
    const oldSession = await login(t, 'role@example.test', 'first long password');

    const promoted = await write('patch', `/api/v1/users/${id}`)
      .send({ role: 'billing' })
      .expect(200);
    expect(promoted.body.role).toBe('billing');
    await t.http.get('/api/v1/auth/me').set('cookie', oldSession.cookie).expect(401);

    await write('post', `/api/v1/users/${id}/password`)
      .send({ password: 'second long password' })
      .expect(204);
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'role@example.test', password: 'first long password' })
      .expect(401);
    await login(t, 'role@example.test', 'second long password');

    const audit = await t.http
      .get('/api/v1/audit-log')
      .query({ entityId: id })
      .set('cookie', admin.cookie)
      .expect(200);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.created', 'user.updated', 'user.password_reset']),
    );
    const update = audit.body.data.find((e: { action: string }) => e.action === 'user.updated');
    expect(update).toMatchObject({
      actorType: 'user',
      before: { role: 'viewer' },
      after: { role: 'billing' },
      requestId: expect.any(String),
    });
    expect(JSON.stringify(audit.body)).not.toMatch(/password_hash|passwordHash|argon2/);
  });

  it('will not let the last active admin be demoted or disabled', async () => {
    await t.dataSource.query(`UPDATE users SET disabled = true WHERE role = 'admin'`);
    const [me] = await t.dataSource.query(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
    await t.dataSource.query(`UPDATE users SET disabled = false WHERE id = $1`, [me.id]);
    const session = await (async () => {
      const [{ email }] = await t.dataSource.query('SELECT email FROM users WHERE id = $1', [
        me.id,
      ]);
      return login(t, email);
    })();
    const response = await t.http
      .patch(`/api/v1/users/${me.id}`)
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({ role: 'viewer' })
      .expect(409);
    expect(response.body.errors).toEqual([
      { field: 'role', message: 'cannot remove the last active admin' },
    ]);
  });

  it('lists with search, sort and paging, and 404s an unknown id', async () => {
    const list = await t.http
      .get('/api/v1/users')
      .query({ pageSize: 2, q: 'example.test', sort: '-email' })
      .set('cookie', admin.cookie)
      .expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(list.body.data).toHaveLength(2);
    const emails = list.body.data.map((u: { email: string }) => u.email);
    expect([...emails].sort().reverse()).toEqual(emails);
    await t.http
      .get('/api/v1/users/3f1b7a0e-1111-4a2b-9c3d-000000000000')
      .set('cookie', admin.cookie)
      .expect(404);
  });
});
