import { createHmac } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { unixNow, type StripeEvent } from './objects';

/** One attempt to deliver an event: the app's HTTP status, or why there was none. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  status: number | null;
  error?: string;
}

export interface DeliveryOptions {
  /** Sign with this secret instead of the endpoint's (bad-signature tests). */
  secret?: string;
  /** Sign with this unix timestamp instead of now (replay-window tests). */
  timestamp?: number;
}

const DELIVERY_TIMEOUT_MS = 10_000;

/** Stripe's scheme: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export function signatureHeader(payload: string, secret: string, timestamp = unixNow()): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Posts events to the app one at a time, in emission order, like a single Stripe webhook endpoint.
 * Failures are recorded, never retried: tests drive redelivery explicitly.
 */
export class WebhookSender {
  url: string | null = null;
  readonly deliveries: WebhookDelivery[] = [];
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly inFlight = new Set<ClientRequest>();

  constructor(private readonly secret: string) {}

  /** Queues events for the URL set now; events emitted while no URL is set are never sent. */
  enqueue(events: StripeEvent[]): void {
    const url = this.url;
    if (url === null) return;
    for (const event of events) {
      this.queue = this.queue.then(async () => {
        if (!this.stopped) await this.deliver(url, event).catch(() => undefined);
      });
    }
  }

  /** Resolves once everything queued so far has been attempted. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Delivers one event now (after the queue drains) and returns the app's HTTP status. */
  async deliverNow(event: StripeEvent, options: DeliveryOptions = {}): Promise<number> {
    if (this.url === null) throw new Error('fake-stripe: setWebhookUrl() before delivering events');
    await this.flush();
    return this.deliver(this.url, event, options);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const request of this.inFlight) request.destroy();
    await this.flush();
  }

  private async deliver(url: string, event: StripeEvent, options: DeliveryOptions = {}) {
    // Pretty-printed like Stripe's; the signature covers these exact bytes.
    const payload = JSON.stringify(event, null, 2);
    const header = signatureHeader(payload, options.secret ?? this.secret, options.timestamp);
    try {
      const status = await this.post(url, payload, header);
      this.deliveries.push({ eventId: event.id, type: event.type, status });
      return status;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deliveries.push({ eventId: event.id, type: event.type, status: null, error: message });
      throw error;
    }
  }

  private post(url: string, payload: string, signature: string): Promise<number> {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        target,
        {
          method: 'POST',
          timeout: DELIVERY_TIMEOUT_MS,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'Stripe-Signature': signature,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      this.inFlight.add(request);
      request.on('close', () => this.inFlight.delete(request));
      request.on('timeout', () => request.destroy(new Error('webhook delivery timed out')));
      request.on('error', reject);
      request.end(payload);
    });
  }
}
