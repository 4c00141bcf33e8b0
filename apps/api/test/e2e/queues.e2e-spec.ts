import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

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
