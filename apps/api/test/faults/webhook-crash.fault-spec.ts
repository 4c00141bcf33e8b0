import { eventually, startWebhookReceiver, WebhookReceiver } from '@settle/testing';
import { Client } from 'pg';

import {
  Api,
  settleEnvironment,
  SettleProcess,
  signInAsDemoAdmin,
  startSettle,
} from '../utils/settle-process';

jest.setTimeout(240_000);

/** Short, so the lease of the delivery the killed process held (2 × this + 5 s) runs out soon. */
const WEBHOOK_TIMEOUT_MS = 4_000;

/**
 * Issue 16: a process killed (SIGKILL) while it waits for a webhook endpoint's answer. The event
 * is in the outbox and its delivery row was claimed under a lease before the request went out,
 * so the restarted process finds the lease run out and sends the same event again: at least
 * once, with the same event id for the receiver to drop the copy.
 */
describe('kill -9 of the API during a webhook delivery', () => {
  let receiver: WebhookReceiver;
  let env: Record<string, string>;
  let settle: SettleProcess | undefined;
  let db: Client;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    env = await settleEnvironment('webhook-crash', {
      EMAIL_DISPATCH_INTERVAL_MS: '300',
      SETTLE_WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_SWEEP_INTERVAL_MS: '500',
      WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
    });
    db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await settle?.kill();
    await db.end();
    await receiver.close();
  });

  it('delivers the event after the restart, with the same event id', async () => {
    settle = await startSettle(env);
    const api = await signInAsDemoAdmin(settle.url);
    const created = await api('POST', '/webhook-endpoints', {
      events: ['payment.succeeded'],
      url: receiver.url('/crash'),
    });
    expect(created.status).toBe(201);
    const endpointId = created.body.id as string;
    // the first request hangs: the process is killed while it waits for the answer
    receiver.script('/crash', ['hang']);

    const paymentId = await succeededPayment(api);
    await eventually(() => expect(to('/crash')).toHaveLength(1), 30_000, 50);
    await settle.kill();
    const { rows: held } = await db.query(
      `SELECT status, next_attempt_at > now() AS leased FROM webhook_deliveries
        WHERE endpoint_id = $1`,
      [endpointId],
    );
    // the kill found the delivery claimed and unanswered, or the test proves less than it says
    expect(held).toEqual([{ leased: true, status: 'delivering' }]);

    const restartedAt = Date.now();
    settle = await startSettle(env);
    const again = await signInAsDemoAdmin(settle.url);
    await eventually(
      async () => {
        const log = await again('GET', `/webhook-endpoints/${endpointId}/deliveries`);
        expect(log.body.data).toEqual([expect.objectContaining({ status: 'succeeded' })]);
      },
      90_000,
      250,
    );
    const [first, second] = to('/crash');
    expect(to('/crash')).toHaveLength(2);
    expect(second!.body.id).toBe(first!.body.id);
    expect(second!.headers['settle-event-id']).toBe(first!.headers['settle-event-id']);
    expect(second!.body).toMatchObject({
      data: { object: { id: paymentId } },
      type: 'payment.succeeded',
    });
    console.log(
      `Webhook crash: delivered again ${Date.now() - restartedAt} ms after the restart ` +
        `(lease ${2 * WEBHOOK_TIMEOUT_MS + 5_000} ms)`,
    );
  });

  const to = (path: string) => receiver.received.filter((r) => r.path === path);
});

/** A card payment of one invoice of a new organization, succeeded. */
async function succeededPayment(api: Api): Promise<string> {
  const org = await api('PUT', '/organizations/external/faults/webhook-crash', {
    name: 'Webhook Crash',
  });
  const method = await api('POST', `/organizations/${org.body.id}/payment-methods`, {
    token: 'pm_card_visa',
  });
  expect(method.status).toBe(201);
  const { timeZone } = (await api('GET', '/settings/general')).body;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const invoice = await api('POST', '/invoices/bulk', {
    invoices: [
      {
        currency: 'USD',
        dueDate: today,
        externalId: 'webhook-crash-inv',
        issueDate: today,
        number: 'WC-1',
        organizationId: org.body.id,
        source: 'faults',
        sourceBalance: 12_500,
        total: 12_500,
      },
    ],
  });
  expect(invoice.status).toBe(200);
  const payment = await api(
    'POST',
    '/payments',
    {
      allocations: [{ amount: 12_500, invoiceId: invoice.body.invoices[0].id }],
      organizationId: org.body.id,
      paymentMethodId: method.body.id,
    },
    { 'idempotency-key': 'webhook-crash-payment' },
  );
  expect(payment.status).toBe(201);
  expect(payment.body.status).toBe('succeeded');
  return payment.body.id as string;
}
