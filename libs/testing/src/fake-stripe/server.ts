import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';

import { FaultQueue } from '../fault-queue';
import { buildEvent, newId, unixNow, type StripeEvent } from './objects';
import { settleBankDebits } from './payments';
import { dispatch, type Emit, type FakeConfig, type RequestContext } from './router';
import { Store } from './store';
import { WebhookSender, type WebhookDelivery } from './webhooks';
import { canonicalParams, StripeHttpError, type Params } from './wire';

export interface FakeStripeRequest {
  method: string;
  path: string;
  /** Header names lowercased, repeated headers joined with ', '. */
  headers: Record<string, string>;
  query: Params;
  /** The form body parsed with qs bracket syntax (`metadata[x]=1` → `{ metadata: { x: '1' } }`). */
  body: Params;
}

export type Fault =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hangMs: number }
  | { afterCommit: true };

export interface FaultMatch {
  method: string;
  path: RegExp;
}

export interface FakeStripeOptions {
  apiKey?: string;
  /** What Stripe.js would hold: reaches a SetupIntent's retrieve/confirm with its client secret. */
  publishableKey?: string;
  webhookSecret?: string;
  /** Listen on a fixed port (for a product process configured before the fake starts); default: any free port. */
  port?: number;
  apiVersion?: string;
  authenticationRequiredStatus?: FakeConfig['authenticationRequiredStatus'];
  achDisputeStatus?: string;
}

export interface FakeStripe {
  url: string;
  port: number;
  apiKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Deliver webhooks for every event to this URL (POST, JSON, Stripe-Signature header). null = no delivery. */
  setWebhookUrl(url: string | null): void;
  /** Requests received (method, path, headers lowercased, parsed body) for assertions. */
  requests: FakeStripeRequest[];
  /** Count of PaymentIntents actually created (not idempotent replays). */
  paymentIntentsCreated(): number;
  /**
   * The most API requests (control routes aside) that were being answered at the same moment
   * since the last reset: how many calls the client had in flight at once.
   */
  peakConcurrency(): number;
  resetPeakConcurrency(): void;
  /** Resolve every us_bank_account PI still 'processing' per its test PM; emits events and delivers webhooks. */
  settleBankDebits(): Promise<StripeEvent[]>;
  /**
   * Inject a fault for the next `times` requests whose method+path match. `status` answers at once
   * without executing (nothing is stored under the idempotency key); `hangMs` executes after the
   * delay, holding the idempotency key meanwhile; `afterCommit` executes and stores the result
   * under the idempotency key, then drops the connection without answering.
   */
  injectFault(match: FaultMatch, fault: Fault, times?: number): void;
  /** Deliver an event signed with the wrong secret; returns the HTTP status the app answered. */
  deliverWithBadSignature(eventId: string): Promise<number>;
  /** Deliver an event signed with a timestamp 10 minutes old; returns the app's status. */
  deliverWithOldTimestamp(eventId: string): Promise<number>;
  /** Redeliver an existing event (duplicates). Returns the app's status. */
  redeliver(eventId: string): Promise<number>;
  /** Every event emitted so far, oldest first. */
  events: StripeEvent[];
  /** Every webhook delivery attempt with the app's status, in order. */
  deliveries: WebhookDelivery[];
  /** Resolves once every webhook queued so far has been attempted. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/** The API version of stripe@23; events carry it as `api_version`. */
export const FAKE_STRIPE_API_VERSION = '2026-10-28.endive';
const OLD_SIGNATURE_AGE_S = 600;
const DEFAULT_FAULT_BODY = {
  error: { type: 'api_error', message: 'Injected fault: an error occurred on our side.' },
};

interface Outcome {
  status: number;
  body: unknown;
}

class FakeStripeServer implements FakeStripe {
  url = '';
  port = 0;
  readonly requests: FakeStripeRequest[] = [];
  readonly apiKey: string;
  readonly publishableKey: string;
  readonly webhookSecret: string;
  private readonly store = new Store();
  private readonly config: FakeConfig;
  private readonly webhooks: WebhookSender;
  private readonly faults = new FaultQueue<Fault>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private readonly server: Server;
  private closing = false;
  private inFlight = 0;
  private peak = 0;

  constructor(options: FakeStripeOptions) {
    this.apiKey = options.apiKey ?? `sk_test_fake_${newId('k').slice(2)}`;
    this.publishableKey = options.publishableKey ?? 'pk_test_fake';
    this.webhookSecret = options.webhookSecret ?? `whsec_test_${newId('s').slice(2)}`;
    this.config = {
      apiVersion: options.apiVersion ?? FAKE_STRIPE_API_VERSION,
      authenticationRequiredStatus:
        options.authenticationRequiredStatus ?? 'requires_payment_method',
      achDisputeStatus: options.achDisputeStatus ?? 'lost',
    };
    this.webhooks = new WebhookSender(this.webhookSecret);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          send(res, 500, {
            error: { type: 'api_error', message: `fake-stripe: ${String(error)}` },
          });
        }
      });
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
  }

  get events(): StripeEvent[] {
    return this.store.events;
  }

  get deliveries(): WebhookDelivery[] {
    return this.webhooks.deliveries;
  }

  setWebhookUrl(url: string | null): void {
    this.webhooks.url = url;
  }

  paymentIntentsCreated(): number {
    return this.store.paymentIntentsCreated;
  }

  peakConcurrency(): number {
    return this.peak;
  }

  resetPeakConcurrency(): void {
    this.peak = this.inFlight;
  }

  async settleBankDebits(): Promise<StripeEvent[]> {
    const events: StripeEvent[] = [];
    // No API request caused these, so the envelope's request is null, as for Stripe's own events.
    const emit = this.emitter({ id: null, idempotency_key: null }, events);
    settleBankDebits({ store: this.store, config: this.config, emit });
    this.webhooks.enqueue(events);
    await this.webhooks.flush();
    return events;
  }

  injectFault(match: FaultMatch, fault: Fault, times = 1): void {
    this.faults.arm(match, fault, times);
  }

  deliverWithBadSignature(eventId: string): Promise<number> {
    return this.webhooks.deliverNow(this.event(eventId), {
      secret: `whsec_wrong_${newId('s').slice(2)}`,
    });
  }

  deliverWithOldTimestamp(eventId: string): Promise<number> {
    return this.webhooks.deliverNow(this.event(eventId), {
      timestamp: unixNow() - OLD_SIGNATURE_AGE_S,
    });
  }

  redeliver(eventId: string): Promise<number> {
    return this.webhooks.deliverNow(this.event(eventId));
  }

  flushWebhooks(): Promise<void> {
    return this.webhooks.flush();
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    await this.webhooks.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // The SDK keeps sockets alive; without this, close() would wait for them to idle out.
    this.server.closeAllConnections();
    await closed;
  }

  private event(eventId: string): StripeEvent {
    const event = this.store.events.find((candidate) => candidate.id === eventId);
    if (!event) throw new Error(`fake-stripe: no event ${eventId}`);
    return event;
  }

  private emitter(request: StripeEvent['request'], sink: StripeEvent[]): Emit {
    return (type, object, previousAttributes) => {
      const event = buildEvent(type, object, this.config.apiVersion, request, previousAttributes);
      event.pending_webhooks = this.webhooks.url === null ? 0 : 1;
      this.store.events.push(event);
      sink.push(event);
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/__fake/')) {
      return this.handleControl(method, url.pathname, rawBody, res);
    }
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    res.once('close', () => (this.inFlight -= 1));
    const headers = lowercaseHeaders(req.headers);
    const query = qs.parse(url.search.slice(1));
    const body = method === 'POST' ? qs.parse(rawBody) : {};
    this.requests.push({ method, path: url.pathname, headers, query, body });

    const requestId = newId('req', 14);
    const idempotencyKey = method === 'POST' ? (headers['idempotency-key'] ?? null) : null;
    res.setHeader('Request-Id', requestId);
    res.setHeader('Stripe-Version', headers['stripe-version'] ?? this.config.apiVersion);
    if (idempotencyKey !== null) res.setHeader('Idempotency-Key', idempotencyKey);

    const fault = this.faults.take(method, url.pathname);
    if (fault && 'status' in fault) {
      return send(res, fault.status, fault.body ?? DEFAULT_FAULT_BODY, fault.headers);
    }
    const keyKind = this.authenticate(headers.authorization);
    if (keyKind instanceof StripeHttpError) return send(res, 401, keyKind.body());

    const params = { ...query, ...body };
    const events: StripeEvent[] = [];
    let outcome: Outcome;
    try {
      const replay =
        idempotencyKey === null
          ? undefined
          : this.claimIdempotencyKey(idempotencyKey, method, url.pathname, params);
      if (fault && 'hangMs' in fault) await this.sleep(fault.hangMs);
      if (this.closing) return;
      if (replay) {
        res.setHeader('Idempotent-Replayed', 'true');
        outcome = replay;
      } else {
        outcome = this.execute(method, url.pathname, params, keyKind, {
          request: { id: requestId, idempotency_key: idempotencyKey },
          events,
        });
        if (idempotencyKey !== null) this.recordOutcome(idempotencyKey, outcome);
      }
    } catch (error) {
      if (!(error instanceof StripeHttpError)) throw error;
      outcome = { status: error.status, body: error.body() };
    }

    if (fault && 'afterCommit' in fault) req.socket.destroy();
    else send(res, outcome.status, outcome.body);
    this.webhooks.enqueue(events);
  }

  private execute(
    method: string,
    path: string,
    params: Params,
    keyKind: RequestContext['keyKind'],
    effects: { request: StripeEvent['request']; events: StripeEvent[] },
  ): Outcome {
    const emit = this.emitter(effects.request, effects.events);
    try {
      return dispatch({
        method,
        path,
        params,
        keyKind,
        store: this.store,
        config: this.config,
        emit,
      });
    } catch (error) {
      if (error instanceof StripeHttpError) return { status: error.status, body: error.body() };
      // A bug in the fake: answer like a Stripe 500 so the idempotency key is not left in flight.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return {
        status: 500,
        body: { error: { type: 'api_error', message: `fake-stripe: ${message}` } },
      };
    }
  }

  private authenticate(
    authorization: string | undefined,
  ): RequestContext['keyKind'] | StripeHttpError {
    const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (key === this.apiKey) return 'secret';
    if (key === this.publishableKey) return 'publishable';
    const message =
      key === undefined
        ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
        : `Invalid API Key provided: ${redact(key)}`;
    return new StripeHttpError(401, { type: 'invalid_request_error', message });
  }

  /**
   * Binds the key to this request (integrations.md 5.3). Returns the stored outcome to replay, or
   * undefined when this request is the first and must execute; throws on misuse of the key.
   */
  private claimIdempotencyKey(
    key: string,
    method: string,
    path: string,
    params: Params,
  ): Outcome | undefined {
    const canonical = canonicalParams(params);
    const record = this.store.idempotency.get(key);
    if (!record) {
      this.store.idempotency.set(key, { method, path, params: canonical });
      return undefined;
    }
    if (!record.response) {
      throw idempotencyError(
        409,
        `There is currently another in-progress request using this idempotency key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      );
    }
    if (record.method !== method || record.path !== path) {
      throw idempotencyError(
        400,
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${record.method} ${record.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (record.params !== canonical) {
      throw idempotencyError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return record.response;
  }

  /**
   * Stripe saves a result once the endpoint has started executing; requests rejected by
   * validation (400) or lookup (404) are not saved, so a corrected retry may reuse the key.
   */
  private recordOutcome(key: string, outcome: Outcome): void {
    const record = this.store.idempotency.get(key)!;
    if (outcome.status === 400 || outcome.status === 404) this.store.idempotency.delete(key);
    else record.response = outcome;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.sleepers.add(sleeper);
    });
  }

  /** The `/__fake/*` control API, for a product process started outside the test's own process. */
  private async handleControl(
    method: string,
    path: string,
    rawBody: string,
    res: ServerResponse,
  ): Promise<void> {
    let input: Record<string, unknown>;
    try {
      input = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { error: 'control API bodies are JSON' });
    }
    const route = `${method} ${path}`;
    if (route === 'POST /__fake/settle-bank-debits') {
      return send(res, 200, { events: await this.settleBankDebits() });
    }
    if (route === 'POST /__fake/faults') {
      const { method: faultMethod, path: pattern, flags, fault, times } = input;
      if (typeof faultMethod !== 'string' || typeof pattern !== 'string' || !fault) {
        return send(res, 400, { error: 'expected {method, path (regex source), fault, times?}' });
      }
      const regex = new RegExp(pattern, typeof flags === 'string' ? flags : undefined);
      this.injectFault(
        { method: faultMethod, path: regex },
        fault as Fault,
        typeof times === 'number' ? times : 1,
      );
      return send(res, 200, { ok: true });
    }
    if (route === 'GET /__fake/requests') return send(res, 200, { data: this.requests });
    if (route === 'POST /__fake/webhook-url') {
      this.setWebhookUrl(typeof input.url === 'string' ? input.url : null);
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: `no control route ${route}` });
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const fake = new FakeStripeServer(options);
  await fake.listen(options.port ?? 0);
  return fake;
}

function idempotencyError(status: number, message: string): StripeHttpError {
  return new StripeHttpError(status, { type: 'idempotency_error', message });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body, null, 2);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function lowercaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/** Like Stripe, never echo a full secret key back. */
function redact(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}
