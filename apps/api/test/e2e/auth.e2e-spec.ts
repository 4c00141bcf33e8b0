import {
  createTestApp,
  createUser,
  expectProblem,
  login,
  loginAs,
  TestApp,
  TEST_PASSWORD,
} from '../utils/test-app';

describe('staff authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs in, sets an httpOnly session cookie and a readable CSRF cookie, and knows who you are', async () => {
    const user = await createUser(t, 'billing', 'Pat@Example.test');
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'pat@example.test', password: TEST_PASSWORD })
      .expect(200);
    expect(response.body).toMatchObject({
      email: 'pat@example.test',
      id: user.id,
      role: 'billing',
    });
    expect(response.body).not.toHaveProperty('passwordHash');
    const cookies = ([] as string[]).concat(response.headers['set-cookie']);
    expect(cookies.find((c) => c.startsWith('settle_session='))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('settle_csrf='))).not.toMatch(/HttpOnly/i);

    const session = await login(t, 'pat@example.test');
    const me = await t.http.get('/api/v1/auth/me').set('cookie', session.cookie).expect(200);
    expect(me.body).toEqual({
      email: 'pat@example.test',
      id: user.id,
      kind: 'user',
      name: 'Test billing',
      role: 'billing',
      twoFactorEnabled: false,
      twoFactorEnrolmentRequired: false,
    });
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    await createUser(t, 'viewer', 'vera@example.test');
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'vera@example.test', password: 'nope' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'ghost@example.test', password: 'nope' })
      .expect(401);
    expectProblem(wrong.body, 401, 'unauthorized');
    expect(wrong.body.detail).toBe('Invalid email or password');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cookie-authenticated write without the CSRF header, or with a wrong one', async () => {
    const admin = await loginAs(t, 'admin');
    const missing = await t.http
      .post('/api/v1/api-keys')
      .set('cookie', admin.cookie)
      .send({ name: 'x' })
      .expect(403);
    expectProblem(missing.body, 403, 'csrf-token-invalid');
    await t.http
      .post('/api/v1/api-keys')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', 'forged')
      .send({ name: 'x' })
      .expect(403);
    await t.http
      .post('/api/v1/api-keys')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ name: 'x' })
      .expect(201);
  });

  it('logs out: the session stops working', async () => {
    const session = await loginAs(t, 'viewer');
    await t.http
      .post('/api/v1/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .expect(204);
    await t.http.get('/api/v1/auth/me').set('cookie', session.cookie).expect(401);
  });

  it('checks credentials before the body: no credentials and a bad body is a 401, not a 400', async () => {
    const response = await t.http.post('/api/v1/users').send({ bogus: true }).expect(401);
    expectProblem(response.body, 401, 'unauthorized');
  });

  it('gives a viewer 403 on any write and 200 on reads', async () => {
    const viewer = await loginAs(t, 'viewer');
    await t.http.get('/api/v1/settings/general').set('cookie', viewer.cookie).expect(200);
    const put = await t.http
      .put('/api/v1/settings/general')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.csrf)
      .send({ accentColor: '#000000', defaultCurrency: 'USD', mspName: 'Hack', timeZone: 'UTC' })
      .expect(403);
    expectProblem(put.body, 403, 'forbidden');
    expect(put.body.detail).not.toMatch(/admin/i);
    await t.http.get('/api/v1/users').set('cookie', viewer.cookie).expect(403);
  });

  it('ends the sessions of a user who is disabled', async () => {
    const admin = await loginAs(t, 'admin');
    const user = await createUser(t, 'billing');
    const session = await login(t, user.email);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ disabled: true })
      .expect(200);
    await t.http.get('/api/v1/auth/me').set('cookie', session.cookie).expect(401);
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
  });
});

describe('staff cookies with COOKIE_SECURE', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ COOKIE_SECURE: 'true' });
  });
  afterAll(() => t.close());

  const cookieNamed = (response: { headers: Record<string, unknown> }, name: string) => {
    const all = ([] as string[]).concat((response.headers['set-cookie'] as string[]) ?? []);
    const found = all.filter((cookie) => cookie.startsWith(`${name}=`));
    expect(found).toHaveLength(1);
    return found[0].split(/;\s*/);
  };

  it('clears both cookies on logout with the attributes they were set with, Secure included', async () => {
    const user = await createUser(t, 'viewer');
    const signIn = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    for (const name of ['settle_session', 'settle_csrf'])
      expect(cookieNamed(signIn, name)).toEqual(
        expect.arrayContaining(['Path=/', 'SameSite=Lax', 'Secure']),
      );

    const session = await login(t, user.email);
    const logout = await t.http
      .post('/api/v1/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .expect(204);
    const sessionCookie = cookieNamed(logout, 'settle_session');
    const csrfCookie = cookieNamed(logout, 'settle_csrf');
    for (const attributes of [sessionCookie, csrfCookie]) {
      expect(attributes[0]).toMatch(/^settle_\w+=$/);
      expect(attributes).toEqual(
        expect.arrayContaining([
          'Path=/',
          'SameSite=Lax',
          'Secure',
          'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        ]),
      );
    }
    expect(sessionCookie).toContain('HttpOnly');
    expect(csrfCookie).not.toContain('HttpOnly');
  });
});
