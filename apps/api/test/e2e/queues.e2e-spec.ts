import { QueueStatusService } from '../../src/modules/system';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

async function waitForState(
  t: TestApp,
  session: Session,
  queue: string,
  id: string,
  state: string,
) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { body } = await t.http
      .get(`/api/v1/system/queues/${queue}/jobs/${id}`)
      .set('cookie', session.cookie)
      .expect(200);
    if (body.state === state) return body;
    if (Date.now() > deadline) throw new Error(`job ${id} stayed ${body.state}, expected ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('queues', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const enqueue = (queue: string, body: object) =>
    t.http
      .post(`/api/v1/system/queues/${queue}/diagnostics`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send(body)
      .expect(202);

  it('runs a job the API enqueued, on every queue', async () => {
    for (const queue of ['sync', 'payments', 'emails']) {
      const { body } = await enqueue(queue, {});
      const done = await waitForState(t, admin, queue, body.id, 'completed');
      expect(done).toMatchObject({ attemptsMade: 0, name: 'diagnostic', state: 'completed' });
    }
  });

  it('retries a throwing job with growing backoff and leaves it in the failed set for admins to see', async () => {
    const started = Date.now();
    const { body } = await enqueue('payments', { fail: true });
    const failed = await waitForState(t, admin, 'payments', body.id, 'failed');
    expect(failed.attemptsMade).toBe(3);
    expect(failed.failedReason).toMatch(/Diagnostic failure requested by .* \(attempt 3\)/);
    // Exponential backoff of 200 ms: 200 + 400 ms of waiting at least between three attempts.
    expect(new Date(failed.finishedAt).getTime() - started).toBeGreaterThanOrEqual(600);

    const failedSet = await t.http
      .get('/api/v1/system/queues/payments/failed')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(failedSet.body.map((j: { id: string }) => j.id)).toContain(body.id);
    const summary = await t.http
      .get('/api/v1/system/queues')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(
      summary.body.find((q: { name: string }) => q.name === 'payments').failed,
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows the queue board to admins only', async () => {
    const board = await t.http.get('/admin/queues').set('cookie', admin.cookie).expect(200);
    expect(board.headers['content-type']).toMatch(/text\/html/);
    const viewer = await loginAs(t, 'viewer');
    await t.http.get('/admin/queues').set('cookie', viewer.cookie).expect(403);
    const anonymous = await t.http.get('/admin/queues').expect(302);
    expect(anonymous.headers.location).toBe('/login?redirectTo=%2Fadmin%2Fqueues');
    await t.http.get('/api/v1/system/queues').set('cookie', viewer.cookie).expect(403);
  });

  describe('queue board actions', () => {
    const PAUSE = '/admin/queues/api/queues/emails/pause';
    const RESUME = '/admin/queues/api/queues/emails/resume';
    const emailsPaused = () =>
      t.app
        .get(QueueStatusService)
        .all()
        .find((queue) => queue.name === 'emails')!
        .isPaused();

    it('gives the board its CSRF token in a cookie only it reads', async () => {
      const board = await t.http.get('/admin/queues').set('cookie', admin.cookie).expect(200);
      const cookies = ([] as string[]).concat(board.headers['set-cookie'] ?? []);
      const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='));
      expect(xsrf).toBeDefined();
      expect(xsrf!.split(';')[0]).toBe(`XSRF-TOKEN=${admin.csrf}`);
      expect(xsrf).toMatch(/; Path=\/admin\/queues(;|$)/);
      expect(xsrf).toMatch(/; SameSite=Lax/);
      expect(xsrf).not.toMatch(/HttpOnly/i);
      // A browser that holds it already is not sent it again.
      const again = await t.http
        .get('/admin/queues')
        .set('cookie', `${admin.cookie}; XSRF-TOKEN=${admin.csrf}`)
        .expect(200);
      expect(again.headers['set-cookie']).toBeUndefined();
    });

    it('refuses to pause a queue for a request without the CSRF token', async () => {
      const crossSite = await t.http
        .put(PAUSE)
        .set('cookie', admin.cookie)
        .set('origin', 'https://attacker.example')
        .expect(403);
      expect(crossSite.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectProblem(crossSite.body, 403, 'csrf-token-invalid');
      const wrong = await t.http
        .put(PAUSE)
        .set('cookie', admin.cookie)
        .set('x-xsrf-token', `${admin.csrf.slice(1)}x`)
        .expect(403);
      expectProblem(wrong.body, 403, 'csrf-token-invalid');
      // Every other kind of board action is refused the same way, before the board sees it.
      const actions = [
        ['post', '/admin/queues/api/queues/emails/add'],
        ['put', '/admin/queues/api/queues/pause'],
        ['put', '/admin/queues/api/queues/emails/empty'],
        ['patch', '/admin/queues/api/queues/emails/1/priority'],
      ] as const;
      for (const [method, path] of actions) {
        const refused = await t.http[method](path).set('cookie', admin.cookie).send({});
        expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      }
      expect(await emailsPaused()).toBe(false);
    });

    it('pauses and resumes a queue for the board’s own requests', async () => {
      try {
        await t.http
          .put(PAUSE)
          .set('cookie', admin.cookie)
          .set('x-xsrf-token', admin.csrf)
          .expect(200);
        expect(await emailsPaused()).toBe(true);
        await t.http
          .put(RESUME)
          .set('cookie', admin.cookie)
          .set('x-csrf-token', admin.csrf)
          .expect(200);
        expect(await emailsPaused()).toBe(false);
      } finally {
        await t.app
          .get(QueueStatusService)
          .all()
          .find((queue) => queue.name === 'emails')!
          .resume();
      }
    });

    it('refuses board actions to non-admins and sends the signed-out to sign in', async () => {
      const billing = await loginAs(t, 'billing');
      const refused = await t.http
        .put(PAUSE)
        .set('cookie', billing.cookie)
        .set('x-xsrf-token', billing.csrf)
        .expect(403);
      expectProblem(refused.body, 403, 'forbidden');
      const anonymous = await t.http.put(PAUSE).set('x-xsrf-token', admin.csrf).expect(302);
      expect(anonymous.headers.location).toBe('/login?redirectTo=%2Fadmin%2Fqueues');
      expect(await emailsPaused()).toBe(false);
    });
  });

  it('names a queue that does not exist', async () => {
    const response = await t.http
      .get('/api/v1/system/queues/invoices/failed')
      .set('cookie', admin.cookie)
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'queue', message: 'must be one of: sync, payments, emails' },
    ]);
  });
});
