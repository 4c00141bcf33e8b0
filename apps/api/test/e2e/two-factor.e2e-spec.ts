import { authenticator } from 'otplib';

import { apiKey, upsertOrganization } from '../utils/ar-factories';
import { accessProfileIds, addContact, issueToken } from '../utils/portal-factories';
import {
  createTestApp,
  createUser,
  expectProblem,
  login,
  loginAs,
  Session,
  TestApp,
  TEST_PASSWORD,
} from '../utils/test-app';

/** Client addresses from a documentation range, a fresh one per test: no throttle carries over. */
let nextAddress = 0;
const freshAddress = () => `203.0.113.${++nextAddress}`;

/** The code an authenticator app shows `offsetSteps` steps of 30 s from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  authenticator.clone({ epoch: Date.now() + offsetSteps * 30_000 }).generate(secret);

function cookiesOf(response: { headers: Record<string, unknown> }): string[] {
  return ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []);
}

function sessionFrom(response: { headers: Record<string, unknown> }): Session {
  const pairs = cookiesOf(response).map((c) => c.split(';')[0]!);
  const csrf = pairs.find((p) => p.startsWith('settle_csrf='))?.split('=')[1];
  if (!csrf) throw new Error('no settle_csrf cookie');
  return { cookie: pairs.filter((p) => !p.startsWith('settle_sign_in=')).join('; '), csrf };
}

describe('staff two-factor sign-in', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    // 127.0.0.1 (supertest) is the trusted proxy, so X-Forwarded-For sets each request's address.
    t = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1' });
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const as = (session: Session, method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    t.http[method](path).set('cookie', session.cookie).set('x-csrf-token', session.csrf);

  /** Sets up and enables 2FA for a fresh user; answers the secret and the recovery codes. */
  async function enrolled(role: 'admin' | 'billing' | 'viewer' = 'billing') {
    const user = await createUser(t, role);
    const session = await login(t, user.email);
    const setup = await as(session, 'post', '/api/v1/auth/two-factor/setup').expect(200);
    const enrolmentCode = codeAt(setup.body.secret);
    const enabled = await as(session, 'post', '/api/v1/auth/two-factor/enable')
      .send({ code: enrolmentCode })
      .expect(200);
    return {
      ...user,
      enrolmentCode,
      recoveryCodes: enabled.body.recoveryCodes as string[],
      secret: setup.body.secret as string,
      session,
    };
  }

  /** The password step: answers the pending-sign-in cookie. */
  async function passwordStep(email: string, ip: string): Promise<string> {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', ip)
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    expect(response.body).toEqual({ twoFactorRequired: true });
    const cookies = cookiesOf(response);
    expect(cookies.some((c) => c.startsWith('settle_session='))).toBe(false);
    const pending = cookies.find((c) => c.startsWith('settle_sign_in='));
    expect(pending).toMatch(/HttpOnly/);
    expect(pending).toMatch(/Max-Age=300/);
    return pending!.split(';')[0]!;
  }

  const secondStep = (pending: string, ip: string, body: object) =>
    t.http
      .post('/api/v1/auth/login/two-factor')
      .set('cookie', pending)
      .set('x-forwarded-for', ip)
      .send(body);

  async function auditActions(userId: string): Promise<string[]> {
    const rows: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [userId],
    );
    return rows.map((r) => r.action);
  }

  it('enrols: setup gives a pending secret with a QR code, enable with a code gives 10 recovery codes once', async () => {
    const user = await createUser(t, 'billing');
    const session = await login(t, user.email);
    const setup = await as(session, 'post', '/api/v1/auth/two-factor/setup').expect(200);
    expect(setup.body).toEqual({
      otpauthUrl: expect.stringMatching(
        /^otpauth:\/\/totp\/Settle:.+\?secret=[A-Z2-7]+&period=30&digits=6&algorithm=SHA1&issuer=Settle$/,
      ),
      qrCodeDataUrl: expect.stringMatching(/^data:image\/png;base64,/),
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
    });
    // Pending: not on yet, and the secret is sealed at rest.
    let me = await as(session, 'get', '/api/v1/auth/me').expect(200);
    expect(me.body).toMatchObject({ twoFactorEnabled: false, twoFactorEnrolmentRequired: false });
    const [stored] = await t.dataSource.query(
      `SELECT two_factor_pending_secret, two_factor_secret FROM users WHERE id = $1`,
      [user.id],
    );
    expect(stored.two_factor_secret).toBeNull();
    expect(stored.two_factor_pending_secret).toMatch(/^v1:/);
    expect(stored.two_factor_pending_secret).not.toContain(setup.body.secret);

    const wrong = await as(session, 'post', '/api/v1/auth/two-factor/enable')
      .send({ code: '000000' === codeAt(setup.body.secret) ? '111111' : '000000' })
      .expect(400);
    expectProblem(wrong.body, 400, 'validation-error');
    expect(wrong.body.errors).toEqual([
      { field: 'code', message: 'is not a valid code; try the current one' },
    ]);

    const enabled = await as(session, 'post', '/api/v1/auth/two-factor/enable')
      .send({ code: codeAt(setup.body.secret) })
      .expect(200);
    const codes: string[] = enabled.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const hashes: { code_hash: string }[] = await t.dataSource.query(
      `SELECT code_hash FROM two_factor_recovery_codes WHERE user_id = $1`,
      [user.id],
    );
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash)).not.toContain(codes[0]);
    me = await as(session, 'get', '/api/v1/auth/me').expect(200);
    expect(me.body.twoFactorEnabled).toBe(true);
    await as(session, 'post', '/api/v1/auth/two-factor/setup').expect(409);
    expect(await auditActions(user.id)).toContain('user.two_factor_enabled');
  });

  it('signs in with a code in two steps; the code used to enrol and a reused code are refused', async () => {
    const user = await enrolled();
    const ip = freshAddress();
    const pending = await passwordStep(user.email, ip);

    // The code that enabled 2FA belongs to a step already used.
    const reusedEnrolment = await secondStep(pending, ip, { code: user.enrolmentCode }).expect(401);
    expectProblem(reusedEnrolment.body, 401, 'unauthorized');
    expect(reusedEnrolment.body.errors).toEqual([
      { field: 'code', message: 'is not valid or was already used' },
    ]);

    const next = codeAt(user.secret, 1);
    const signedIn = await secondStep(pending, ip, { code: next }).expect(200);
    expect(signedIn.body).toMatchObject({ email: user.email, twoFactorEnabled: true });
    const session = sessionFrom(signedIn);
    await as(session, 'get', '/api/v1/auth/me').expect(200);
    expect(cookiesOf(signedIn).some((c) => /^settle_sign_in=;/.test(c))).toBe(true);

    // The same code again, in a new sign-in: refused.
    const again = await passwordStep(user.email, ip);
    await secondStep(again, ip, { code: next }).expect(401);
    // A cookie that is not a pending sign-in, or none at all, gets nowhere.
    await secondStep('settle_sign_in=forged', ip, { code: codeAt(user.secret, 1) }).expect(401);
    await t.http.post('/api/v1/auth/login/two-factor').send({ code: '123456' }).expect(401);
    // Exactly one factor.
    const both = await secondStep(again, ip, {
      code: '123456',
      recoveryCode: 'abcde-fghjk',
    }).expect(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'code',
      'recoveryCode',
    ]);
  });

  it('a recovery code signs in once, and its use is audited', async () => {
    const user = await enrolled();
    const ip = freshAddress();
    const [code] = user.recoveryCodes as [string];
    const pending = await passwordStep(user.email, ip);
    // typed back in upper case without the dash
    await secondStep(pending, ip, { recoveryCode: code.toUpperCase().replace('-', '') }).expect(
      200,
    );
    const again = await passwordStep(user.email, ip);
    const refused = await secondStep(again, ip, { recoveryCode: code }).expect(401);
    expect(refused.body.errors).toEqual([
      { field: 'recoveryCode', message: 'is not valid or was already used' },
    ]);
    await secondStep(again, ip, { recoveryCode: user.recoveryCodes[1] }).expect(200);
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(['user.recovery_code_used', 'user.recovery_code_used', 'auth.login']),
    );
  });

  it('wrong codes count toward the sign-in lockout', async () => {
    const user = await enrolled();
    const ip = freshAddress();
    const pending = await passwordStep(user.email, ip);
    let status = 0;
    for (let attempt = 0; attempt < 10 && status !== 429; attempt++)
      status = (await secondStep(pending, ip, { code: '000000' })).status;
    expect(status).toBe(429);
    // Locked out now even with the right code.
    await secondStep(pending, ip, { code: codeAt(user.secret, 1) }).expect(429);
  });

  it('disable and regenerate need the password; regenerated codes replace the old ones', async () => {
    const user = await enrolled();
    const wrong = await as(user.session, 'post', '/api/v1/auth/two-factor/recovery-codes')
      .send({ password: 'not my password at all' })
      .expect(400);
    expect(wrong.body.errors).toEqual([
      { field: 'password', message: 'is not your current password' },
    ]);
    const fresh = await as(user.session, 'post', '/api/v1/auth/two-factor/recovery-codes')
      .send({ password: TEST_PASSWORD })
      .expect(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const ip = freshAddress();
    const pending = await passwordStep(user.email, ip);
    await secondStep(pending, ip, { recoveryCode: user.recoveryCodes[0] }).expect(401);
    await secondStep(pending, ip, { recoveryCode: fresh.body.recoveryCodes[0] }).expect(200);

    await as(user.session, 'post', '/api/v1/auth/two-factor/disable')
      .send({ password: 'not my password at all' })
      .expect(400);
    await as(user.session, 'post', '/api/v1/auth/two-factor/disable')
      .send({ password: TEST_PASSWORD })
      .expect(204);
    // A plain sign-in again.
    const plain = await t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', freshAddress())
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(plain.body).toMatchObject({ email: user.email, twoFactorEnabled: false });
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(['user.recovery_codes_regenerated', 'user.two_factor_disabled']),
    );
  });

  it('enforcement: without 2FA every route but me, logout and enrolment is a 403 until enrolled', async () => {
    // An admin without 2FA may not lock themselves out by turning it on for everyone.
    const selfLockout = await as(admin, 'put', '/api/v1/settings/security')
      .send({ requireTwoFactor: true })
      .expect(422);
    expect(selfLockout.body.errors).toEqual([
      { field: 'requireTwoFactor', message: 'set up two-factor sign-in for yourself first' },
    ]);
    const key = await as(admin, 'post', '/api/v1/api-keys')
      .send({ name: 'enforcement', role: 'admin' })
      .expect(201);
    const bearer = `Bearer ${key.body.secret}`;
    const require = (on: boolean) =>
      t.http
        .put('/api/v1/settings/security')
        .set('authorization', bearer)
        .send({ requireTwoFactor: on })
        .expect(200);

    const user = await createUser(t, 'billing');
    const session = await login(t, user.email);
    await require(true);
    try {
      const me = await as(session, 'get', '/api/v1/auth/me').expect(200);
      expect(me.body).toMatchObject({ twoFactorEnabled: false, twoFactorEnrolmentRequired: true });
      for (const [method, path] of [
        ['get', '/api/v1/organizations'],
        ['get', '/api/v1/auth/sessions'],
        ['get', '/api/v1/settings/general'],
        ['post', '/api/v1/auth/two-factor/recovery-codes'],
      ] as const) {
        const refused = await as(session, method, path).expect(403);
        expectProblem(refused.body, 403, 'two_factor_enrolment_required');
      }
      // API keys have no second factor and are not held back.
      await t.http.get('/api/v1/organizations').set('authorization', bearer).expect(200);

      const setup = await as(session, 'post', '/api/v1/auth/two-factor/setup').expect(200);
      await as(session, 'post', '/api/v1/auth/two-factor/enable')
        .send({ code: codeAt(setup.body.secret) })
        .expect(200);
      await as(session, 'get', '/api/v1/organizations').expect(200);
      const after = await as(session, 'get', '/api/v1/auth/me').expect(200);
      expect(after.body).toMatchObject({
        twoFactorEnabled: true,
        twoFactorEnrolmentRequired: false,
      });

      // Another user without 2FA may still sign out.
      const other = await loginAs(t, 'viewer');
      await as(other, 'post', '/api/v1/auth/logout').expect(204);
    } finally {
      await require(false);
    }
    await as(admin, 'get', '/api/v1/settings/security').expect(200, { requireTwoFactor: false });
  });

  it('only an admin changes the security settings', async () => {
    const billing = await loginAs(t, 'billing');
    await as(billing, 'put', '/api/v1/settings/security')
      .send({ requireTwoFactor: true })
      .expect(403);
    const bad = await as(admin, 'put', '/api/v1/settings/security')
      .send({ requireTwoFactor: 'yes' })
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'requireTwoFactor', message: 'must be true or false' },
    ]);
  });

  it('an admin resets 2FA: it is off and their sessions end', async () => {
    const user = await enrolled();
    await as(user.session, 'get', '/api/v1/auth/me').expect(200);
    const listed = await as(admin, 'get', `/api/v1/users/${user.id}`).expect(200);
    expect(listed.body.twoFactorEnabled).toBe(true);
    await as(admin, 'post', `/api/v1/users/${user.id}/two-factor/reset`).expect(204);
    await as(user.session, 'get', '/api/v1/auth/me').expect(401);
    const plain = await t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', freshAddress())
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(plain.body.twoFactorEnabled).toBe(false);
    expect(await auditActions(user.id)).toContain('user.two_factor_reset');
    const billing = await loginAs(t, 'billing');
    await as(billing, 'post', `/api/v1/users/${user.id}/two-factor/reset`).expect(403);
  });

  it('lists your sessions and revoking one ends it; admins see and revoke anyone’s', async () => {
    const user = await createUser(t, 'viewer');
    const first = await login(t, user.email);
    const second = await login(t, user.email);
    const mine = await as(first, 'get', '/api/v1/auth/sessions').expect(200);
    expect(mine.body.data).toHaveLength(2);
    expect(mine.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(Object.keys(mine.body.data[0]).sort()).toEqual([
      'createdAt',
      'current',
      'id',
      'ip',
      'lastSeenAt',
      'userAgent',
    ]);
    const other = mine.body.data.find((s: { current: boolean }) => !s.current);
    await as(first, 'delete', `/api/v1/auth/sessions/${other.id}`).expect(204);
    await as(second, 'get', '/api/v1/auth/me').expect(401);
    await as(first, 'get', '/api/v1/auth/me').expect(200);
    // Someone else's session is not yours to end.
    const adminSessions = await as(admin, 'get', '/api/v1/auth/sessions').expect(200);
    await as(first, 'delete', `/api/v1/auth/sessions/${adminSessions.body.data[0].id}`).expect(404);

    const listed = await as(admin, 'get', `/api/v1/users/${user.id}/sessions`).expect(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0].current).toBe(false);
    await as(admin, 'delete', `/api/v1/users/${user.id}/sessions/${listed.body.data[0].id}`).expect(
      204,
    );
    await as(first, 'get', '/api/v1/auth/me').expect(401);
    await as(admin, 'get', `/api/v1/users/${user.id}/sessions`).expect(200, { data: [] });
    expect(await auditActions(user.id)).toContain('user.session_revoked');
  });

  it('password policy: 12 to 128 characters, not a breached password, not the email', async () => {
    const cases = [
      { message: 'must be at least 12 characters', password: 'short' },
      { message: 'must be at most 128 characters', password: 'x'.repeat(129) },
      { message: 'is one of the most common passwords; choose another', password: 'Qwerty123456' },
      { message: 'must not be your email address', password: 'Long.Person@Example.test' },
    ];
    for (const { message, password } of cases) {
      const refused = await as(admin, 'post', '/api/v1/users')
        .send({ email: 'long.person@example.test', name: 'Long', password, role: 'viewer' })
        .expect(400);
      expectProblem(refused.body, 400, 'validation-error');
      expect(refused.body.errors).toEqual([{ field: 'password', message }]);
    }
    const user = await createUser(t, 'viewer');
    const reset = await as(admin, 'post', `/api/v1/users/${user.id}/password`)
      .send({ password: user.email.toUpperCase() })
      .expect(400);
    expect(reset.body.errors).toEqual([
      { field: 'password', message: 'must not be your email address' },
    ]);
    await as(admin, 'post', `/api/v1/users/${user.id}/password`)
      .send({ password: 'x'.repeat(128) })
      .expect(204);
  });

  it('portal contacts share the policy: a link refuses their own email as the password and stays usable', async () => {
    const bearer = await apiKey(t, admin.cookie, admin.csrf, 'admin');
    const org = await upsertOrganization(t, bearer, 'two-factor-portal', 'Portal Policy');
    const profiles = await accessProfileIds(t, bearer);
    const contact = await addContact(t, bearer, org.id, profiles.User);
    const token = await issueToken(t, contact.id, 'welcome');
    for (const [password, message] of [
      [contact.email.toUpperCase(), 'must not be your email address'],
      ['x'.repeat(129), 'must be at most 128 characters'],
    ]) {
      const refused = await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password, token })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'password', message }]);
    }
    await t.http
      .post('/api/v1/portal/auth/invitations/accept')
      .send({ password: 'a long enough pass phrase', token })
      .expect(200);
  });
});
