import { createTestApp, createUser, TestApp, TEST_PASSWORD } from '../utils/test-app';

/**
 * Which address a request comes from decides the per-address sign-in throttle and what a
 * session records. X-Forwarded-For may name it only when the connection is a trusted proxy.
 */
describe('client address', () => {
  // Failed attempts use an unknown account, so the per-account lockout never plays a part.
  const NOBODY = 'nobody@example.test';
  const signIn = (t: TestApp, email: string, forwardedFor: string, password = TEST_PASSWORD) =>
    t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', forwardedFor)
      .send({ email, password });

  async function recordedAddresses(t: TestApp, email: string): Promise<string[]> {
    const rows: { ip: string }[] = await t.dataSource.query(
      `SELECT s.ip FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = $1 ORDER BY s.created_at`,
      [email],
    );
    return rows.map((row) => row.ip);
  }

  describe('with no trusted proxy (the default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ LOGIN_IP_MAX_ATTEMPTS: '3' });
    });
    afterAll(() => t.close());

    it('records the connection’s address and throttles it, whatever X-Forwarded-For claims', async () => {
      const { email } = await createUser(t, 'billing');
      await signIn(t, email, '203.0.113.9').expect(200);
      const [recorded] = await recordedAddresses(t, email);
      expect(recorded).not.toBe('203.0.113.9');
      expect(recorded).toMatch(/^(::ffff:)?127\.0\.0\.1$/);

      // Each attempt claims a new address; all of them count against the connection's.
      await signIn(t, NOBODY, '203.0.113.10').expect(401);
      await signIn(t, NOBODY, '203.0.113.11').expect(401);
      await signIn(t, email, '203.0.113.12').expect(429);
      expect(await recordedAddresses(t, email)).toEqual([recorded]);
    });
  });

  describe('behind a trusted proxy', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ LOGIN_IP_MAX_ATTEMPTS: '3', TRUSTED_PROXIES: '127.0.0.1' });
    });
    afterAll(() => t.close());

    it('records and throttles the client the proxy names', async () => {
      const { email } = await createUser(t, 'billing');
      await signIn(t, email, '203.0.113.9').expect(200);
      // Only the entry the trusted proxy appended counts: one a client wrote itself does not.
      await signIn(t, email, '203.0.113.66, 198.51.100.1').expect(200);
      expect(await recordedAddresses(t, email)).toEqual(['203.0.113.9', '198.51.100.1']);

      // Each client has its own count: others' attempts do not throttle 198.51.100.2...
      for (const n of [3, 4, 5]) await signIn(t, NOBODY, `198.51.100.${n}`).expect(401);
      for (let attempt = 1; attempt <= 3; attempt++) {
        await signIn(t, NOBODY, '198.51.100.2').expect(401);
      }
      // ...and its own fourth attempt is refused, while another client still signs in.
      await signIn(t, email, '198.51.100.2').expect(429);
      await signIn(t, email, '198.51.100.6').expect(200);
    });
  });
});
