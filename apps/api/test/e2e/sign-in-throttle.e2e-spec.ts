import { performance } from 'node:perf_hooks';

import { eventually } from '@settle/testing';

import {
  createTestApp,
  createUser,
  expectProblem,
  loginAs,
  TestApp,
  TEST_PASSWORD,
} from '../utils/test-app';

const FREE_FAILURES = 3;
const CAP_SECONDS = 60;
const ADDRESS_LIMIT = 40;

/** Client addresses from the documentation ranges; they only ever appear in X-Forwarded-For. */
let nextAddress = 0;
const freshAddress = () => `198.51.100.${++nextAddress}`;

/**
 * The throttle reads Date.now(). Holding it still keeps a wait from running out while a loaded
 * machine is slow, and moving it by hand stands in for waiting.
 */
function holdClock(): (ms: number) => void {
  let now = Date.now();
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  return (ms) => {
    now += ms;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('sign-in throttling per email and client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 127.0.0.1 (supertest) is the trusted proxy, so X-Forwarded-For sets each request's address.
    t = await createTestApp({
      LOGIN_IP_MAX_ATTEMPTS: String(ADDRESS_LIMIT),
      LOGIN_LOCKOUT_MINUTES: String(CAP_SECONDS / 60),
      LOGIN_MAX_FAILURES: String(FREE_FAILURES),
      TRUSTED_PROXIES: '127.0.0.1',
    });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const attempt = (email: string, password: string, from: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password });

  async function timed(email: string, password: string, from: string) {
    const started = performance.now();
    const response = await attempt(email, password, from);
    return { ms: performance.now() - started, response };
  }

  it('answers a known and an unknown email alike: same statuses, Retry-After, bodies and timing, before and after the throttle', async () => {
    const known = await createUser(t, 'billing', 'known@example.test');
    const unknown = 'nobody@example.test';
    const kinds = [known.email, unknown] as const;
    const attemptsPerAddress = FREE_FAILURES + 3;
    const rounds = 16;
    const timings = new Map(
      kinds.map((kind) => [kind, { 401: [] as number[], 429: [] as number[] }]),
    );
    const answers = new Map(kinds.map((kind) => [kind, [] as string[]]));
    holdClock();

    // Warm-up outside the measurement: the first argon2 and query plans cost extra.
    const warmUp = freshAddress();
    for (const email of kinds) await attempt(email, 'wrong password', warmUp).expect(401);

    for (let round = 0; round < rounds; round++) {
      const from = freshAddress();
      for (let i = 0; i < attemptsPerAddress; i++) {
        // Alternate who goes first so neither kind always meets a warmer process.
        const order = (round + i) % 2 ? [...kinds].reverse() : kinds;
        for (const email of order) {
          const { ms, response } = await timed(email, `wrong password ${i}`, from);
          const status = response.status as 401 | 429;
          timings.get(email)![status].push(ms);
          answers
            .get(email)!
            .push(`${status} ${response.headers['retry-after'] ?? '-'} ${response.body.detail}`);
        }
      }
    }

    const expected = Array.from({ length: attemptsPerAddress }, (_, i) =>
      i < FREE_FAILURES
        ? '401 - Invalid email or password'
        : '429 1 Too many failed sign-in attempts. Try again in 1 second.',
    );
    for (const email of kinds)
      expect(answers.get(email)).toEqual(Array.from({ length: rounds }, () => expected).flat());

    const medians = Object.fromEntries(
      kinds.map((email) => {
        const { 401: refused, 429: held } = timings.get(email)!;
        return [email, { 401: median(refused), 429: median(held) }];
      }),
    );
    console.info('sign-in timing medians (ms)', JSON.stringify(medians));
    expect(Math.abs(medians[known.email][401] - medians[unknown][401])).toBeLessThan(20);
    expect(Math.abs(medians[known.email][429] - medians[unknown][429])).toBeLessThan(20);
    // A held-back attempt never reaches argon2: it is far cheaper than a refused password.
    expect(medians[known.email][429]).toBeLessThan(medians[known.email][401]);
  }, 120_000);

  it('lets the owner sign in from another address while one address is held back for their email', async () => {
    const owner = await createUser(t, 'admin');
    const attacker = freshAddress();
    holdClock();
    for (let i = 0; i < FREE_FAILURES; i++)
      await attempt(owner.email, `guess ${i}`, attacker).expect(401);
    const held = await attempt(owner.email, TEST_PASSWORD, attacker).expect(429);
    expectProblem(held.body, 429, 'too-many-requests');
    expect(held.headers['retry-after']).toBe('1');

    await attempt(owner.email, TEST_PASSWORD, freshAddress()).expect(200);
    // The owner signing in elsewhere does not lift the wait at the attacker's address.
    await attempt(owner.email, TEST_PASSWORD, attacker).expect(429);
  });

  it('forgets the failures of an address once it signs in successfully', async () => {
    const user = await createUser(t, 'viewer');
    const from = freshAddress();
    for (let i = 0; i < FREE_FAILURES; i++)
      await attempt(user.email, `typo ${i}`, from).expect(401);
    await attempt(user.email, TEST_PASSWORD, from).expect(429);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await attempt(user.email, TEST_PASSWORD, from).expect(200);

    // A fresh start: the free failures again, then the one-second wait, not a longer one.
    for (let i = 0; i < FREE_FAILURES; i++)
      await attempt(user.email, `typo again ${i}`, from).expect(401);
    const held = await attempt(user.email, 'typo once more', from).expect(429);
    expect(held.headers['retry-after']).toBe('1');
  });

  it('doubles the wait after each further failure up to LOGIN_LOCKOUT_MINUTES, and refused attempts do not lengthen it', async () => {
    const user = await createUser(t, 'billing');
    const from = freshAddress();
    const wait = holdClock();

    for (let i = 0; i < FREE_FAILURES; i++)
      await attempt(user.email, `wrong ${i}`, from).expect(401);
    const waits: number[] = [];
    for (let step = 0; step < 9; step++) {
      const held = await attempt(user.email, TEST_PASSWORD, from).expect(429);
      const seconds = Number(held.headers['retry-after']);
      waits.push(seconds);
      // Knocking half-way through the wait is too early, and does not lengthen it.
      wait((seconds * 1000) / 2);
      const early = await attempt(user.email, 'knock', from).expect(429);
      expect(early.headers['retry-after']).toBe(String(Math.ceil(seconds / 2)));
      wait((seconds * 1000) / 2);
      await attempt(user.email, `wrong after ${seconds}s`, from).expect(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, CAP_SECONDS, CAP_SECONDS, CAP_SECONDS]);

    const capped = await attempt(user.email, TEST_PASSWORD, from).expect(429);
    expect(capped.body.detail).toBe('Too many failed sign-in attempts. Try again in 1 minute.');
    wait(CAP_SECONDS * 1000 - 1);
    await attempt(user.email, TEST_PASSWORD, from).expect(429);
    wait(1);
    await attempt(user.email, TEST_PASSWORD, from).expect(200);
  });

  it('records a held-back sign-in in the audit log once per wait, for known and unknown emails', async () => {
    const user = await createUser(t, 'billing');
    const unknown = 'ghost@example.test';
    const from = freshAddress();
    holdClock();
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < FREE_FAILURES; i++) await attempt(email, `wrong ${i}`, from).expect(401);
      for (let i = 0; i < 3; i++) await attempt(email, 'again', from).expect(429);
    }

    jest.restoreAllMocks();
    const admin = await loginAs(t, 'admin');
    const entries = async (query: Record<string, string>) =>
      (
        await t.http
          .get('/api/v1/audit-log')
          .query({ action: 'auth.throttled', pageSize: 100, ...query })
          .set('cookie', admin.cookie)
          .expect(200)
      ).body;
    await eventually(async () => {
      const known = await entries({ entityId: user.id });
      expect(known.total).toBe(1);
      expect(known.data[0]).toMatchObject({
        actorType: 'system',
        after: { email: user.email, failures: FREE_FAILURES, ip: from, retryAfterSeconds: 1 },
        entityType: 'user',
      });
      const all = await entries({});
      const ghost = all.data.filter(
        (entry: { after: { email: string } }) => entry.after.email === unknown,
      );
      expect(ghost).toHaveLength(1);
      expect(ghost[0].entityId).toBeNull();
    });
  });

  it('still limits how many sign-ins one address may try, whatever the emails', async () => {
    const from = freshAddress();
    holdClock();
    // Held-back attempts count towards the address's limit too; they keep this test quick.
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      const response = await attempt(`spray-${i % 4}@example.test`, 'Winter2024!', from);
      expect(response.status).toBe(i < 4 * FREE_FAILURES ? 401 : 429);
    }
    const limited = await attempt('spray-new@example.test', 'Winter2024!', from).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(CAP_SECONDS - 10);
    await attempt('spray-new@example.test', 'Winter2024!', freshAddress()).expect(401);
  });
});
