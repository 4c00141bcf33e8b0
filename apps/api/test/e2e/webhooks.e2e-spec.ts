import {
  eventually,
  startWebhookReceiver,
  verifySettleSignature,
  WebhookReceiver,
} from '@settle/testing';

import { apiKey } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

/** 100 ms retry units: retries after 0.1 s, 0.5 s, 3 s …; the three-day window is 7.2 minutes. */
const RETRY_BASE_MS = 100;

describe('outbound webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let admin: Session;
  let adminKey: string;
  let billingKey: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '300',
      SETTLE_WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      WEBHOOK_SWEEP_INTERVAL_MS: '300',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    admin = await loginAs(t, 'admin');
    adminKey = await apiKey(t, admin.cookie, admin.csrf, 'admin');
    billingKey = await apiKey(t, admin.cookie, admin.csrf, 'billing');
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function endpoint(path: string, events: string[] = ['payment.succeeded']) {
    const response = await t.http
      .post('/api/v1/webhook-endpoints')
      .set('authorization', adminKey)
      .send({ description: `receiver ${path}`, events, url: receiver.url(path) })
      .expect(201);
    return response.body as { id: string; secret: string };
  }

  async function succeededPayment() {
    const { invoices, org } = await organizationWithInvoices(t, adminKey, [12_500]);
    const method = await addMethod(t, adminKey, org.id, 'pm_card_visa');
    const response = await pay(t, adminKey, {
      allocations: [{ amount: 12_500, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    return response.body as { id: string };
  }

  const to = (path: string) => receiver.received.filter((r) => r.path === path);

  async function deliveries(endpointId: string) {
    const response = await t.http
      .get(`/api/v1/webhook-endpoints/${endpointId}/deliveries`)
      .set('authorization', adminKey)
      .expect(200);
    return response.body.data as {
      id: string;
      status: string;
      attempts: number;
      eventId: string;
    }[];
  }

  it('sends a signed payment.succeeded the receiver can verify, and never shows the secret again', async () => {
    const { id, secret } = await endpoint('/signed');
    expect(secret).toMatch(/^whsec_[\w-]{40,}$/);
    const payment = await succeededPayment();

    await eventually(() => expect(to('/signed')).toHaveLength(1), 15_000);
    const [hook] = to('/signed');
    expect(
      verifySettleSignature(hook.headers['settle-signature'] as string, hook.rawBody, secret),
    ).toBe(true);
    expect(
      verifySettleSignature(
        hook.headers['settle-signature'] as string,
        hook.rawBody,
        'whsec_wrong',
      ),
    ).toBe(false);
    expect(hook.body).toMatchObject({
      data: { object: { id: payment.id, status: 'succeeded' }, objectType: 'payment' },
      id: expect.stringMatching(/^evt_\d+$/),
      type: 'payment.succeeded',
    });
    expect(hook.headers['settle-event-id']).toBe(hook.body.id);
    expect(hook.headers['content-type']).toBe('application/json');

    const listed = await t.http
      .get('/api/v1/webhook-endpoints')
      .set('authorization', adminKey)
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ attempts: 1, eventId: hook.body.id, status: 'succeeded' });
  });

  it('retries after a 500 and logs both attempts with their answers', async () => {
    receiver.script('/flaky', [500]);
    const { id } = await endpoint('/flaky');
    await succeededPayment();

    await eventually(() => expect(to('/flaky')).toHaveLength(2), 15_000);
    const [first, second] = to('/flaky');
    expect(second.body.id).toBe(first.body.id);
    // each attempt is signed anew
    expect(second.headers['settle-signature']).toBeDefined();
    await eventually(
      async () => expect((await deliveries(id))[0].status).toBe('succeeded'),
      10_000,
    );
    const [delivery] = await deliveries(id);
    const detail = await t.http
      .get(`/api/v1/webhook-endpoints/${id}/deliveries/${delivery.id}`)
      .set('authorization', adminKey)
      .expect(200);
    expect(detail.body.attempts).toBe(2);
    expect(detail.body.attemptLog.map((a: { responseStatus: number }) => a.responseStatus)).toEqual(
      [200, 500],
    );
    expect(JSON.parse(detail.body.requestBody)).toEqual(first.body);
  });

  it('redelivers on request, with the same event id', async () => {
    const { id } = await endpoint('/again');
    await succeededPayment();
    await eventually(() => expect(to('/again')).toHaveLength(1), 15_000);
    const [delivery] = await deliveries(id);

    const response = await t.http
      .post(`/api/v1/webhook-endpoints/${id}/deliveries/${delivery.id}/redeliver`)
      .set('authorization', adminKey)
      .expect(202);
    expect(response.body).toMatchObject({
      id: delivery.id,
      status: expect.stringMatching(/pending|delivering|succeeded/),
    });
    await eventually(() => expect(to('/again')).toHaveLength(2), 15_000);
    expect(to('/again')[1].body.id).toBe(to('/again')[0].body.id);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'webhook_endpoint.created',
      'webhook_delivery.redelivered',
    ]);
  });

  it('sends only the event types an endpoint subscribed to', async () => {
    const { id } = await endpoint('/refunds-only', ['payment.refunded']);
    await succeededPayment();
    await eventually(async () => {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`,
      );
      expect(n).toBe(0);
    }, 15_000);
    expect(await deliveries(id)).toHaveLength(0);
    expect(to('/refunds-only')).toHaveLength(0);
  });

  it('disables an endpoint that has failed for the whole retry window and records why', async () => {
    receiver.always('/down', 503);
    const { id } = await endpoint('/down');
    await succeededPayment();
    await eventually(() => expect(to('/down').length).toBeGreaterThanOrEqual(1), 15_000);
    await eventually(async () => {
      const [row] = await t.dataSource.query(
        `SELECT failing_since FROM webhook_endpoints WHERE id = $1`,
        [id],
      );
      expect(row.failing_since).not.toBeNull();
    }, 10_000);
    // Three days at 100 ms units is 7.2 minutes: move the first failure back past it.
    await t.dataSource.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '8 minutes' WHERE id = $1`,
      [id],
    );
    await succeededPayment();

    await eventually(async () => {
      const response = await t.http
        .get(`/api/v1/webhook-endpoints/${id}`)
        .set('authorization', adminKey)
        .expect(200);
      expect(response.body).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining('answered 503'),
      });
    }, 15_000);
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox_events WHERE type = 'webhook_endpoint.disabled' AND aggregate_id = $1`,
      [id],
    );
    expect(event.payload).toMatchObject({ endpointId: id, url: receiver.url('/down') });
    // every admin is told by email (no SMTP server here: the email is written, then fails)
    await eventually(async () => {
      const emails = await t.dataSource.query(
        `SELECT template_data FROM emails WHERE type = 'staff_webhook_disabled'`,
      );
      expect(emails.length).toBeGreaterThanOrEqual(1);
      expect(emails[0].template_data).toMatchObject({ url: receiver.url('/down') });
    }, 15_000);
    const seen = to('/down').length;
    await succeededPayment();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(to('/down')).toHaveLength(seen);

    // Re-enabled by hand, it starts afresh.
    receiver.always('/down', 200);
    const resumed = await t.http
      .patch(`/api/v1/webhook-endpoints/${id}`)
      .set('authorization', adminKey)
      .send({ enabled: true })
      .expect(200);
    expect(resumed.body).toMatchObject({ disabledReason: null, enabled: true, failingSince: null });
  });

  it('refuses bad endpoints with the field and the reason, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ events: ['payment.succeeded'] }, 'url'],
      [{ events: ['payment.succeeded'], url: 'ftp://example.com/x' }, 'url'],
      [{ events: ['payment.succeeded'], url: 'not a url' }, 'url'],
      [{ events: [], url: 'https://example.com/x' }, 'events'],
      [{ events: ['payment.exploded'], url: 'https://example.com/x' }, 'events'],
      [{ events: 'payment.succeeded', url: 'https://example.com/x' }, 'events'],
      [
        {
          description: 'x'.repeat(201),
          events: ['payment.succeeded'],
          url: 'https://example.com/x',
        },
        'description',
      ],
    ];
    const [{ n: before }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_endpoints`,
    );
    for (const [body, field] of cases) {
      const response = await t.http
        .post('/api/v1/webhook-endpoints')
        .set('authorization', adminKey)
        .send(body);
      expect(response.status).toBe(400);
      expectProblem(response.body, 400, 'validation-error');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const [{ n: after }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_endpoints`,
    );
    expect(after).toBe(before);
  });

  it('is for administrators only', async () => {
    await t.http.get('/api/v1/webhook-endpoints').set('authorization', billingKey).expect(403);
    await t.http
      .post('/api/v1/webhook-endpoints')
      .set('authorization', billingKey)
      .send({ events: ['payment.succeeded'], url: receiver.url('/nope') })
      .expect(403);
  });

  it('rotates the secret: deliveries are signed with the new one', async () => {
    const { id, secret: old } = await endpoint('/rotated');
    const rotated = await t.http
      .post(`/api/v1/webhook-endpoints/${id}/rotate-secret`)
      .set('authorization', adminKey)
      .expect(200);
    await succeededPayment();
    await eventually(() => expect(to('/rotated')).toHaveLength(1), 15_000);
    const [hook] = to('/rotated');
    const signature = hook.headers['settle-signature'] as string;
    expect(verifySettleSignature(signature, hook.rawBody, rotated.body.secret)).toBe(true);
    expect(verifySettleSignature(signature, hook.rawBody, old)).toBe(false);
  });
});
