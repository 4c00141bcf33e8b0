import { createHash } from 'node:crypto';

import { ContactTokensService } from '../../src/modules/contacts';
import { apiKey, upsertOrganization } from '../utils/ar-factories';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';

const HOUR_MS = 3_600_000;

describe('contact tokens: single-use secrets for welcome and password reset links', () => {
  let t: TestApp;
  let tokens: ContactTokensService;
  let bearer: string;
  let organizationId: string;
  let contactCount = 0;

  beforeAll(async () => {
    t = await createTestApp();
    tokens = t.app.get(ContactTokensService);
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    organizationId = (await upsertOrganization(t, bearer, 'CT-1', 'Token Co')).id;
  });
  afterAll(() => t.close());

  const newContact = async (): Promise<string> => {
    contactCount += 1;
    const response = await t.http
      .post(`/api/v1/organizations/${organizationId}/contacts`)
      .set('authorization', bearer)
      .send({ email: `c${contactCount}@token.example`, firstName: 'Ann', lastName: 'Perkins' })
      .expect(201);
    return response.body.id as string;
  };

  const issue = (contactId: string, purpose: 'welcome' | 'password_reset') =>
    t.dataSource.transaction((manager) => tokens.issue(manager, contactId, purpose));
  const consume = (token: string, purpose: 'welcome' | 'password_reset') =>
    t.dataSource.transaction((manager) => tokens.consume(manager, token, purpose));

  it('issues a 256-bit base64url token, keeps only its SHA-256, and lets it be used once', async () => {
    const contactId = await newContact();
    const before = Date.now();
    const { token, expiresAt } = await issue(contactId, 'welcome');
    const after = Date.now();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + 7 * 24 * HOUR_MS);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(after + 7 * 24 * HOUR_MS);

    const stored: { token_hash: Buffer; purpose: string; expires_at: Date; consumed_at: null }[] =
      await t.dataSource.query(
        'SELECT token_hash, purpose, expires_at, consumed_at FROM contact_tokens WHERE contact_id = $1',
        [contactId],
      );
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(stored[0]).toMatchObject({ consumed_at: null, purpose: 'welcome' });
    expect(stored[0].expires_at.getTime()).toBe(expiresAt.getTime());

    expect(await consume(token, 'welcome')).toEqual({ contactId });
    expect(await consume(token, 'welcome')).toBeNull();
    const [used]: { consumed_at: Date | null }[] = await t.dataSource.query(
      'SELECT consumed_at FROM contact_tokens WHERE contact_id = $1',
      [contactId],
    );
    expect(used.consumed_at).toBeInstanceOf(Date);
  });

  it('gives a password reset token one hour', async () => {
    const contactId = await newContact();
    const before = Date.now();
    const { expiresAt } = await issue(contactId, 'password_reset');
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(HOUR_MS);
    expect(expiresAt.getTime() - before).toBeLessThan(HOUR_MS + 60_000);
  });

  it('refuses a token for another purpose without using it up', async () => {
    const contactId = await newContact();
    const welcome = await issue(contactId, 'welcome');
    const reset = await issue(contactId, 'password_reset');

    expect(await consume(welcome.token, 'password_reset')).toBeNull();
    expect(await consume(reset.token, 'welcome')).toBeNull();
    expect(await consume(welcome.token, 'welcome')).toEqual({ contactId });
    expect(await consume(reset.token, 'password_reset')).toEqual({ contactId });
  });

  it('refuses an expired token, and one that was never issued', async () => {
    const contactId = await newContact();
    const { token } = await issue(contactId, 'password_reset');
    await t.dataSource.query(
      `UPDATE contact_tokens SET expires_at = now() - interval '1 second' WHERE contact_id = $1`,
      [contactId],
    );
    expect(await consume(token, 'password_reset')).toBeNull();
    const [row]: { consumed_at: Date | null }[] = await t.dataSource.query(
      'SELECT consumed_at FROM contact_tokens WHERE contact_id = $1',
      [contactId],
    );
    expect(row.consumed_at).toBeNull();

    expect(await consume('', 'welcome')).toBeNull();
    expect(await consume('not-a-token', 'welcome')).toBeNull();
    expect(await consume(token.slice(0, -1), 'password_reset')).toBeNull();
  });

  it('lets exactly one of many simultaneous uses of a token win', async () => {
    const contactId = await newContact();
    const { token } = await issue(contactId, 'welcome');
    // As many as the test app's connection pool holds, so all of them are in flight at once.
    const results = await Promise.all(Array.from({ length: 5 }, () => consume(token, 'welcome')));
    expect(results.filter((r) => r !== null)).toEqual([{ contactId }]);
  });

  it('makes a second use wait for the first transaction, and fail once that commits', async () => {
    const contactId = await newContact();
    const { token } = await issue(contactId, 'welcome');
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstConsumed!: () => void;
    const firstHasConsumed = new Promise<void>((resolve) => (firstConsumed = resolve));

    const first = t.dataSource.transaction(async (manager) => {
      const result = await tokens.consume(manager, token, 'welcome');
      firstConsumed();
      await firstMayCommit;
      return result;
    });
    await firstHasConsumed;
    let secondSettled = false;
    const second = consume(token, 'welcome').finally(() => (secondSettled = true));
    // The second UPDATE is queued behind the first's row lock, not answered from a stale read.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondSettled).toBe(false);
    releaseFirst();

    expect(await first).toEqual({ contactId });
    expect(await second).toBeNull();
  });

  it('leaves the token usable when the transaction that used it rolls back', async () => {
    const contactId = await newContact();
    const { token } = await issue(contactId, 'password_reset');
    await expect(
      t.dataSource.transaction(async (manager) => {
        expect(await tokens.consume(manager, token, 'password_reset')).toEqual({ contactId });
        throw new Error('the password change failed');
      }),
    ).rejects.toThrow('the password change failed');
    expect(await consume(token, 'password_reset')).toEqual({ contactId });
  });

  it('makes a new token of a purpose invalidate the older unused ones, and only those', async () => {
    const contactId = await newContact();
    const otherContactId = await newContact();
    const firstWelcome = await issue(contactId, 'welcome');
    const reset = await issue(contactId, 'password_reset');
    const othersWelcome = await issue(otherContactId, 'welcome');
    const secondWelcome = await issue(contactId, 'welcome');
    const thirdWelcome = await issue(contactId, 'welcome');

    expect(await consume(firstWelcome.token, 'welcome')).toBeNull();
    expect(await consume(secondWelcome.token, 'welcome')).toBeNull();
    expect(await consume(thirdWelcome.token, 'welcome')).toEqual({ contactId });
    expect(await consume(reset.token, 'password_reset')).toEqual({ contactId });
    expect(await consume(othersWelcome.token, 'welcome')).toEqual({ contactId: otherContactId });
  });

  it('tells when each kind of link was last issued and whether it was used', async () => {
    const contactId = await newContact();
    expect(await tokens.lastIssued(t.dataSource.manager, contactId)).toEqual([]);

    await issue(contactId, 'welcome');
    const latest = await issue(contactId, 'welcome');
    const reset = await issue(contactId, 'password_reset');
    await consume(latest.token, 'welcome');

    const issued = await tokens.lastIssued(t.dataSource.manager, contactId);
    expect(issued).toEqual([
      {
        consumedAt: null,
        expiresAt: reset.expiresAt,
        issuedAt: expect.any(Date),
        purpose: 'password_reset',
      },
      {
        consumedAt: expect.any(Date),
        expiresAt: latest.expiresAt,
        issuedAt: expect.any(Date),
        purpose: 'welcome',
      },
    ]);
  });

  it('refuses to issue a token for a contact that does not exist', async () => {
    await expect(issue('00000000-0000-4000-8000-000000000000', 'welcome')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('forgets a contact’s tokens with the contact', async () => {
    const contactId = await newContact();
    await issue(contactId, 'welcome');
    await t.dataSource.query('DELETE FROM contacts WHERE id = $1', [contactId]);
    const left: unknown[] = await t.dataSource.query(
      'SELECT 1 FROM contact_tokens WHERE contact_id = $1',
      [contactId],
    );
    expect(left).toHaveLength(0);
  });
});
