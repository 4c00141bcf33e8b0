import { performance } from 'node:perf_hooks';

import { getQueueToken } from '@nestjs/bull';
import { eventually } from '@settle/testing';
import { Queue } from 'bull';

import { JobName, QueueName } from '../../src/queues/queues';
import { apiKey, upsertOrganization } from '../utils/ar-factories';
import {
  acceptInvitation,
  accessProfileIds,
  addContact,
  issueToken,
  PORTAL_PASSWORD,
  portalLogin,
  PortalSession,
  ProfileName,
  sessionFrom,
} from '../utils/portal-factories';
import {
  createTestApp,
  createUser,
  expectProblem,
  login,
  loginAs,
  TestApp,
  TEST_PASSWORD,
} from '../utils/test-app';

const FREE_FAILURES = 3;

/** Client addresses from a documentation range, set through X-Forwarded-For. */
let nextAddress = 0;
const freshAddress = () => `203.0.113.${++nextAddress}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('portal sign-in: invitations, passwords, resets, sessions apart from staff', () => {
  let t: TestApp;
  let bearer: string;
  let profiles: Record<ProfileName, string>;
  let organization: { id: string; name: string };
  let other: { id: string; name: string };

  beforeAll(async () => {
    // 127.0.0.1 (supertest) is the trusted proxy, so X-Forwarded-For sets each request's address.
    t = await createTestApp({
      LOGIN_LOCKOUT_MINUTES: '1',
      LOGIN_MAX_FAILURES: String(FREE_FAILURES),
      TRUSTED_PROXIES: '127.0.0.1',
    });
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    profiles = await accessProfileIds(t, bearer);
    organization = await upsertOrganization(t, bearer, 'PA-1', 'Acme Dental');
    other = await upsertOrganization(t, bearer, 'PA-2', 'Beta Vets');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const me = (session: PortalSession) =>
    t.http.get('/api/v1/portal/me').set('cookie', session.cookie);
  const signIn = (email: string, password: string, from = freshAddress()) =>
    t.http.post('/api/v1/portal/auth/login').set('X-Forwarded-For', from).send({ email, password });

  describe('invitations', () => {
    it('sets a password from the welcome link and signs in, with the contact and its organizations', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles['Billing Admin']);
      // Related to a second organization as a plain User: both appear, each with its rights.
      await t.http
        .post(`/api/v1/contacts/${contact.id}/organizations`)
        .set('authorization', bearer)
        .send({ accessProfileId: profiles.User, organizationId: other.id })
        .expect(201);
      const token = await issueToken(t, contact.id, 'welcome');

      const response = await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: PORTAL_PASSWORD, token })
        .expect(200);

      const expected = {
        contact: { email: contact.email, id: contact.id, name: 'Pat Payer' },
        organizations: [
          {
            id: organization.id,
            name: 'Acme Dental',
            permissions: {
              manageAutopay: true,
              manageMethods: true,
              pay: true,
              viewCredits: true,
              viewInvoices: true,
            },
          },
          {
            id: other.id,
            name: 'Beta Vets',
            permissions: {
              manageAutopay: false,
              manageMethods: false,
              pay: false,
              viewCredits: false,
              viewInvoices: true,
            },
          },
        ],
        staffView: false,
      };
      expect(response.body).toEqual(expected);
      const cookies = ([] as string[]).concat(response.headers['set-cookie']);
      const sessionCookie = cookies.find((c) => c.startsWith('settle_portal_session='))!;
      expect(sessionCookie).toMatch(/HttpOnly/i);
      expect(sessionCookie).toMatch(/SameSite=Lax/i);
      expect(sessionCookie).toMatch(/Path=\/api\/v1\/portal(;|$)/);
      const csrfCookie = cookies.find((c) => c.startsWith('settle_portal_csrf='))!;
      expect(csrfCookie).not.toMatch(/HttpOnly/i);
      // Staff's cookies are left alone: one browser may hold both sessions.
      expect(cookies.some((c) => /^settle_(session|csrf)=/.test(c))).toBe(false);

      const session = sessionFrom(response.headers['set-cookie']);
      expect((await me(session).expect(200)).body).toEqual(expected);
      await signIn(contact.email, PORTAL_PASSWORD).expect(200);
      const [row]: { password_hash: string }[] = await t.dataSource.query(
        'SELECT password_hash FROM contact_credentials WHERE contact_id = $1',
        [contact.id],
      );
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('uses the link once: a second accept is a 400 naming the token', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      const token = await issueToken(t, contact.id, 'welcome');
      await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: PORTAL_PASSWORD, token })
        .expect(200);

      const again = await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: 'another fine pass phrase', token })
        .expect(400);
      expectProblem(again.body, 400, 'validation-error');
      expect(again.body.errors).toEqual([
        { field: 'token', message: expect.stringMatching(/invalid, already used or expired/) },
      ]);
      expect(again.headers['set-cookie']).toBeUndefined();
      // The first password stands.
      await signIn(contact.email, PORTAL_PASSWORD).expect(200);
      await signIn(contact.email, 'another fine pass phrase').expect(401);
    });

    it('refuses an expired link, and a reset link offered as an invitation', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      const expired = await issueToken(t, contact.id, 'welcome');
      await t.dataSource.query(
        `UPDATE contact_tokens SET expires_at = now() - interval '1 second' WHERE contact_id = $1`,
        [contact.id],
      );
      const response = await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: PORTAL_PASSWORD, token: expired })
        .expect(400);
      expect(response.body.errors[0].field).toBe('token');

      const reset = await issueToken(t, contact.id, 'password_reset');
      await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: PORTAL_PASSWORD, token: reset })
        .expect(400);
      await signIn(contact.email, PORTAL_PASSWORD).expect(401);
      expect(
        (
          await t.dataSource.query(
            'SELECT count(*)::int AS n FROM contact_credentials WHERE contact_id = $1',
            [contact.id],
          )
        )[0].n,
      ).toBe(0);
    });

    it("applies staff's password policy, and a refused password leaves the link usable", async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      const token = await issueToken(t, contact.id, 'welcome');
      const weak = await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: 'short', token })
        .expect(400);
      expect(weak.body.errors).toEqual([
        { field: 'password', message: 'must be at least 12 characters' },
      ]);
      await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: 'password1234', token })
        .expect(400);
      await t.http
        .post('/api/v1/portal/auth/invitations/accept')
        .send({ password: PORTAL_PASSWORD, token })
        .expect(200);
    });
  });

  describe('signing in', () => {
    it('answers a wrong password, an unknown email and a contact without a password with the same 401', async () => {
      const withPassword = await addContact(t, bearer, organization.id, profiles.User);
      await acceptInvitation(t, withPassword.id);
      const invitedOnly = await addContact(t, bearer, organization.id, profiles.User);

      const answers = [];
      for (const [email, password] of [
        [withPassword.email, 'not the password at all'],
        ['nobody@portal.example', PORTAL_PASSWORD],
        [invitedOnly.email, PORTAL_PASSWORD],
      ]) {
        const response = await signIn(email, password).expect(401);
        expectProblem(response.body, 401, 'unauthorized');
        expect(response.headers['set-cookie']).toBeUndefined();
        answers.push(response.body.detail);
      }
      expect(new Set(answers)).toEqual(new Set(['Invalid email or password']));

      const ok = await signIn(withPassword.email.toUpperCase(), PORTAL_PASSWORD).expect(200);
      expect(ok.body.contact.id).toBe(withPassword.id);
      const [row]: { last_login_at: Date | null }[] = await t.dataSource.query(
        'SELECT last_login_at FROM contacts WHERE id = $1',
        [withPassword.id],
      );
      expect(row.last_login_at).toBeInstanceOf(Date);
    });

    it('locks an address out after the free failures, as for staff, without touching the staff door', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      await acceptInvitation(t, contact.id);
      // The same person is also staff, with the same email.
      await createUser(t, 'viewer', contact.email);
      const from = freshAddress();
      // The throttle reads Date.now(): held still, a slow machine cannot outwait the lockout.
      const now = Date.now();
      jest.spyOn(Date, 'now').mockImplementation(() => now);
      for (let i = 0; i < FREE_FAILURES; i++)
        await signIn(contact.email, `guess number ${i}`, from).expect(401);

      const held = await signIn(contact.email, PORTAL_PASSWORD, from).expect(429);
      expectProblem(held.body, 429, 'too-many-requests');
      expect(Number(held.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Another address is not held back, nor is the staff sign-in from this one.
      await signIn(contact.email, PORTAL_PASSWORD, freshAddress()).expect(200);
      await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', from)
        .send({ email: contact.email, password: TEST_PASSWORD })
        .expect(200);
    });
  });

  describe('sessions', () => {
    it('ends the session on logout, which needs the CSRF header', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      const session = await acceptInvitation(t, contact.id);

      const forged = await t.http
        .post('/api/v1/portal/auth/logout')
        .set('cookie', session.cookie)
        .expect(403);
      expectProblem(forged.body, 403, 'csrf-token-invalid');
      await me(session).expect(200);

      const out = await t.http
        .post('/api/v1/portal/auth/logout')
        .set('cookie', session.cookie)
        .set('x-csrf-token', session.csrf)
        .expect(204);
      const cleared = ([] as string[]).concat(out.headers['set-cookie']);
      expect(cleared.some((c) => /^settle_portal_session=;/.test(c))).toBe(true);
      const after = await me(session).expect(401);
      expectProblem(after.body, 401, 'unauthorized');
    });

    it('keeps portal and staff sessions apart: neither opens the other door', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles['Billing Admin']);
      const portal = await acceptInvitation(t, contact.id);
      const staffUser = await createUser(t, 'admin');
      const staff = await login(t, staffUser.email);

      await t.http.get('/api/v1/auth/me').set('cookie', portal.cookie).expect(401);
      await t.http
        .get('/api/v1/invoices')
        .set('cookie', portal.cookie)
        .set('x-csrf-token', portal.csrf)
        .expect(401);
      await t.http.get('/api/v1/portal/me').set('cookie', staff.cookie).expect(401);
      await t.http
        .get(`/api/v1/portal/organizations/${organization.id}/invoices`)
        .set('cookie', staff.cookie)
        .expect(401);
      await t.http
        .get(`/api/v1/portal/organizations/${organization.id}/invoices`)
        .set('authorization', bearer)
        .expect(401);
      // Both at once, as one browser holds them: each door takes its own.
      const both = `${portal.cookie}; ${staff.cookie}`;
      await t.http.get('/api/v1/portal/me').set('cookie', both).expect(200);
      expect((await t.http.get('/api/v1/auth/me').set('cookie', both).expect(200)).body.id).toBe(
        staffUser.id,
      );
    });

    it('answers an unknown portal URL with a 404 problem when the portal session is good', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      const session = await acceptInvitation(t, contact.id);
      const missing = await t.http
        .get('/api/v1/portal/no-such-thing')
        .set('cookie', session.cookie)
        .expect(404);
      expectProblem(missing.body, 404, 'not-found');
    });

    it('ends every session of a contact at once when staff revoke its access', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles['Billing Admin']);
      await t.http
        .post(`/api/v1/contacts/${contact.id}/organizations`)
        .set('authorization', bearer)
        .send({ accessProfileId: profiles.User, organizationId: other.id })
        .expect(201);
      const phone = await acceptInvitation(t, contact.id);
      const laptop = await portalLogin(t, contact.email);
      await me(phone).expect(200);

      await t.http
        .patch(`/api/v1/organizations/${organization.id}/contacts/${contact.id}`)
        .set('authorization', bearer)
        .send({ accessProfileId: null })
        .expect(200);

      await me(phone).expect(401);
      await me(laptop).expect(401);
      await t.http
        .get(`/api/v1/portal/organizations/${other.id}/invoices`)
        .set('cookie', laptop.cookie)
        .expect(401);
      // Signing in again shows only what is left.
      const again = await portalLogin(t, contact.email);
      const body = (await me(again).expect(200)).body;
      expect(body.organizations.map((o: { id: string }) => o.id)).toEqual([other.id]);
      await t.http
        .get(`/api/v1/portal/organizations/${organization.id}/invoices`)
        .set('cookie', again.cookie)
        .expect(404);

      // With no access left anywhere, the password opens nothing.
      await t.http
        .patch(`/api/v1/organizations/${other.id}/contacts/${contact.id}`)
        .set('authorization', bearer)
        .send({ accessProfileId: null })
        .expect(200);
      await me(again).expect(401);
      const refused = await signIn(contact.email, PORTAL_PASSWORD).expect(403);
      expectProblem(refused.body, 403, 'forbidden');
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) =>
      t.http.post('/api/v1/portal/auth/password-reset').send({ email });

    /** A reader of the reset links emailed from now on, by contact, from the email log. */
    function captureResetLinks(): () => Promise<Map<string, string>> {
      const since = new Date();
      return async () => {
        const rows: { contact_id: string; url: string }[] = await t.dataSource.query(
          `SELECT contact_id, template_data->>'resetUrl' AS url FROM emails
            WHERE type = 'password_reset' AND created_at >= $1 ORDER BY created_at`,
          [since],
        );
        return new Map(rows.map((r) => [r.contact_id, new URL(r.url).searchParams.get('token')!]));
      };
    }

    it('answers 202 with the same empty body for a known and an unknown address, in similar time', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      await acceptInvitation(t, contact.id);
      const sent = captureResetLinks();
      const kinds = { known: contact.email, unknown: 'nobody-at-all@portal.example' };
      const timings = { known: [] as number[], unknown: [] as number[] };
      // Warm-up outside the measurement.
      await requestReset(kinds.known).expect(202);
      await requestReset(kinds.unknown).expect(202);
      for (let round = 0; round < 12; round++) {
        const order = round % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
        for (const kind of order) {
          const started = performance.now();
          const response = await requestReset(kinds[kind]);
          timings[kind].push(performance.now() - started);
          expect(response.status).toBe(202);
          expect(response.text).toBe('');
        }
      }
      const medians = { known: median(timings.known), unknown: median(timings.unknown) };
      console.info('password reset timing medians (ms)', JSON.stringify(medians));
      expect(Math.abs(medians.known - medians.unknown)).toBeLessThan(15);

      await eventually(async () => expect((await sent()).has(contact.id)).toBe(true), 10_000);
      const tokens: { purpose: string; consumed_at: Date | null }[] = await t.dataSource.query(
        'SELECT purpose, consumed_at FROM contact_tokens WHERE contact_id = $1 AND purpose = $2',
        [contact.id, 'password_reset'],
      );
      // A new link replaces the unused ones before it.
      expect(tokens).toEqual([{ consumed_at: null, purpose: 'password_reset' }]);
    }, 60_000);

    it('issues nothing for an address no contact with access has', async () => {
      const revoked = await addContact(t, bearer, organization.id, null);
      const sent = captureResetLinks();
      const before: { n: number }[] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM contact_tokens',
      );
      await requestReset('stranger@portal.example').expect(202);
      await requestReset(revoked.email).expect(202);
      const marker = await addContact(t, bearer, organization.id, profiles.User);
      await requestReset(marker.email).expect(202);
      await eventually(async () => expect((await sent()).has(marker.id)).toBe(true), 10_000);
      // The jobs run in this process: wait until every reset job has.
      const queue = t.app.get<Queue>(getQueueToken(QueueName.emails));
      await eventually(async () => {
        const unfinished = await queue.getJobs(['waiting', 'active', 'delayed', 'paused']);
        expect(unfinished.filter((job) => job.name === JobName.portalPasswordReset)).toEqual([]);
      }, 10_000);
      expect([...(await sent()).keys()]).toEqual([marker.id]);
      const after: { n: number }[] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM contact_tokens',
      );
      expect(after[0].n).toBe(before[0].n + 1);
    });

    it('sets a new password with the link, ends the other sessions and signs in; the link works once', async () => {
      const contact = await addContact(t, bearer, organization.id, profiles.User);
      const old = await acceptInvitation(t, contact.id);
      const sent = captureResetLinks();
      await requestReset(contact.email).expect(202);
      await eventually(async () => expect((await sent()).has(contact.id)).toBe(true), 10_000);
      const token = (await sent()).get(contact.id)!;

      const confirmed = await t.http
        .post('/api/v1/portal/auth/password-reset/confirm')
        .send({ password: 'a brand new pass phrase', token })
        .expect(200);
      expect(confirmed.body.contact.id).toBe(contact.id);
      const fresh = sessionFrom(confirmed.headers['set-cookie']);
      await me(fresh).expect(200);
      await me(old).expect(401);
      await signIn(contact.email, PORTAL_PASSWORD).expect(401);
      await signIn(contact.email, 'a brand new pass phrase').expect(200);

      const reused = await t.http
        .post('/api/v1/portal/auth/password-reset/confirm')
        .send({ password: 'yet another pass phrase', token })
        .expect(400);
      expect(reused.body.errors[0].field).toBe('token');
    });

    it('refuses a bad address as bad input, naming the field', async () => {
      const response = await requestReset('not an email').expect(400);
      expect(response.body.errors).toEqual([
        { field: 'email', message: 'must be an email address' },
      ]);
    });
  });
});
