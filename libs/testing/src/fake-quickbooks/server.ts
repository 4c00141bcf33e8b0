import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { invoicePdf } from '../fake-connectwise/records';
import { FaultQueue, type RequestMatch } from '../fault-queue';
import {
  DETAILS,
  faultBody,
  INVALID_TOKEN_HEADERS,
  platformFaultBody,
  scenarioFault,
  type QboFault,
  type QboScenario,
} from './faults';
import { compareValues, Condition, fieldValue, matches, parseQuery, QueryError } from './query';
import {
  buildRecord,
  dollars,
  QBO_ENTITIES,
  qboTime,
  STANDARD_RECORDS,
  type QboDeleted,
  type QboEntity,
  type QboInput,
  type QboInvoice,
  type QboLine,
  type QboPayment,
  type QboRecordTypes,
} from './records';

export interface FakeQuickBooksRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: string;
  /** The minor version the request was served at: as sent, or 75 when absent or older (ignored like the real API). */
  minorVersion: number | null;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export type QboFaultMatch = RequestMatch;

export interface FakeQuickBooksOptions {
  realmId?: string;
  companyName?: string;
  clientId?: string;
  clientSecret?: string;
  /** When set, authorize and token calls must use one of these; otherwise any http(s) URI passes. */
  redirectUris?: string[];
  /** The fake clock's start; every change moves it one second on. */
  now?: Date;
  /** API requests served at once before a 429 (integrations.md 2.7: 10 per realm and app). */
  maxConcurrent?: number;
  /** How long every API request takes (to model a remote service's latency under the cap). */
  latencyMs?: number;
  /** Objects one CDC answer holds at most (1000 in the real service). */
  cdcMaxObjects?: number;
  /** Seeds Undeposited Funds, a bank account and the usual payment methods (default true). */
  standardRecords?: boolean;
  port?: number;
}

export interface FakeQuickBooksCompany {
  /** Transactions dated on or before this day are refused with 6210 (books closed). */
  closedThrough: string | null;
  /** Every write is refused with 6190. */
  subscriptionEnded: boolean;
  maxConcurrent: number;
  latencyMs: number;
}

export interface FakeQuickBooksTokens {
  accessToken: string;
  refreshToken: string;
}

export interface FakeQuickBooks {
  /** The origin: both QBO_API_BASE and QBO_OAUTH_BASE point at it. */
  url: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  requests: FakeQuickBooksRequest[];
  company: FakeQuickBooksCompany;
  /** Adds a record as if typed in the QuickBooks UI. */
  add<E extends QboEntity>(entity: E, input: QboInput<E>): QboRecordTypes[E];
  /** Edits a record as a user would: merges the fields, bumps SyncToken and LastUpdatedTime. */
  edit<E extends QboEntity>(entity: E, id: string, changes: QboInput<E>): QboRecordTypes[E];
  /** Deletes a record: reads answer 610 and CDC reports it `Deleted`. */
  remove(entity: QboEntity, id: string): void;
  get<E extends QboEntity>(entity: E, id: string): QboRecordTypes[E] | undefined;
  all<E extends QboEntity>(entity: E): QboRecordTypes[E][];
  /** Marks a payment as deposited: it can no longer be voided or deleted (6540). */
  deposit(paymentId: string): void;
  /** Tokens for the realm as if an admin had just connected (skips the browser part). */
  issueTokens(): FakeQuickBooksTokens;
  /** The next authorization redirects back with `error=access_denied`, as when the admin clicks Cancel. */
  denyNextAuthorization(): void;
  advanceClock(ms: number): void;
  now(): Date;
  injectFault(match: QboFaultMatch, fault: QboFault, times?: number): void;
  /** Arms one of the contract's failure scenarios (integrations.md 6.2) for the next matching requests. */
  injectScenario(
    match: QboFaultMatch,
    scenario: QboScenario,
    times?: number,
    detail?: string,
  ): void;
  /** Requests (control routes aside) whose path matches. */
  requestsTo(path: RegExp): FakeQuickBooksRequest[];
  close(): Promise<void>;
}

interface Grant {
  realmId: string;
  revoked: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_TOKEN_SECONDS = 8_726_400;
const REFRESH_TOKEN_HARD_SECONDS = 157_680_000;
const CODE_LIFETIME_MS = 10 * 60_000;
const MAX_RESULTS = 1000;
const DEFAULT_MAX_RESULTS = 100;
const CDC_LOOKBACK_MS = 30 * DAY;
const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';
const PATH_ENTITIES: Record<string, QboEntity> = {
  account: 'Account',
  creditmemo: 'CreditMemo',
  customer: 'Customer',
  invoice: 'Invoice',
  payment: 'Payment',
  paymentmethod: 'PaymentMethod',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return {
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    headers: {
      'content-type':
        typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8',
      ...headers,
    },
    status,
  };
}

class FakeQuickBooksServer implements FakeQuickBooks {
  url = '';
  readonly realmId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: FakeQuickBooksRequest[] = [];
  readonly company: FakeQuickBooksCompany;
  private readonly options: FakeQuickBooksOptions;
  private readonly store = new Map<QboEntity, Map<string, QboRecordTypes[QboEntity]>>(
    QBO_ENTITIES.map((entity) => [entity, new Map()]),
  );
  private readonly deleted = new Map<QboEntity, Map<string, QboDeleted>>(
    QBO_ENTITIES.map((entity) => [entity, new Map()]),
  );
  /** Each entity's records in Id order, rebuilt after a change (paging 100,000 stays cheap). */
  private readonly sorted = new Map<QboEntity, QboRecordTypes[QboEntity][]>();
  private readonly voided = new Set<string>();
  private readonly deposited = new Set<string>();
  private readonly faults = new FaultQueue<QboFault>();
  private readonly codes = new Map<
    string,
    { grant: Grant; redirectUri: string; expiresAt: number; used: boolean }
  >();
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly refreshTokens = new Map<
    string,
    { grant: Grant; expiresAt: number; supersededAt: number | null }
  >();
  /** `${realm}:${requestid}` → the first answer, replayed byte for byte. */
  private readonly replays = new Map<string, Answer>();
  private denials = 0;
  private inFlight = 0;
  private clock: number;
  private readonly server: Server;

  constructor(options: FakeQuickBooksOptions) {
    this.options = options;
    this.realmId = options.realmId ?? '9130349';
    this.clientId = options.clientId ?? 'fakeQboClientId';
    this.clientSecret = options.clientSecret ?? 'fakeQboClientSecret';
    this.company = {
      closedThrough: null,
      latencyMs: options.latencyMs ?? 0,
      maxConcurrent: options.maxConcurrent ?? 10,
      subscriptionEnded: false,
    };
    this.clock =
      Math.floor((options.now ?? new Date('2026-01-01T00:00:00Z')).getTime() / 1000) * 1000;
    if (options.standardRecords !== false)
      for (const [entity, records] of Object.entries(STANDARD_RECORDS))
        for (const record of records) this.add(entity as QboEntity, record);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  now(): Date {
    return new Date(this.clock);
  }

  advanceClock(ms: number): void {
    this.clock += ms;
  }

  private stamp(): string {
    this.clock += 1000;
    return qboTime(this.clock);
  }

  private time(): string {
    return qboTime(this.clock, true);
  }

  /** Today on the company's (Pacific) calendar. */
  private today(): string {
    return qboTime(this.clock).slice(0, 10);
  }

  private records<E extends QboEntity>(entity: E): Map<string, QboRecordTypes[E]> {
    return this.store.get(entity) as Map<string, QboRecordTypes[E]>;
  }

  private nextId(entity: QboEntity): string {
    let max = 0;
    for (const id of this.records(entity).keys()) max = Math.max(max, Number(id) || 0);
    for (const id of this.deleted.get(entity)!.keys()) max = Math.max(max, Number(id) || 0);
    return String(max + 1);
  }

  add<E extends QboEntity>(entity: E, input: QboInput<E>): QboRecordTypes[E] {
    const id = input.Id ?? this.nextId(entity);
    const record = buildRecord(entity, { ...input, Id: id }, this.stamp());
    this.records(entity).set(id, record);
    this.deleted.get(entity)!.delete(id);
    this.sorted.delete(entity);
    return record;
  }

  edit<E extends QboEntity>(entity: E, id: string, changes: QboInput<E>): QboRecordTypes[E] {
    const record = this.get(entity, id);
    if (!record) throw new Error(`No ${entity} ${id}`);
    const stamp = this.stamp();
    const edited = {
      ...record,
      ...changes,
      Id: id,
      MetaData: { CreateTime: record.MetaData.CreateTime, LastUpdatedTime: stamp },
      SyncToken: String(Number(record.SyncToken) + 1),
    } as QboRecordTypes[E];
    this.records(entity).set(id, edited);
    this.sorted.delete(entity);
    return edited;
  }

  remove(entity: QboEntity, id: string): void {
    if (!this.records(entity).delete(id)) throw new Error(`No ${entity} ${id}`);
    this.deleted.get(entity)!.set(id, {
      Id: id,
      MetaData: { LastUpdatedTime: this.stamp() },
      domain: 'QBO',
      status: 'Deleted',
    });
    this.sorted.delete(entity);
  }

  get<E extends QboEntity>(entity: E, id: string): QboRecordTypes[E] | undefined {
    return this.records(entity).get(id);
  }

  all<E extends QboEntity>(entity: E): QboRecordTypes[E][] {
    return [...this.records(entity).values()];
  }

  private byId<E extends QboEntity>(entity: E): QboRecordTypes[E][] {
    let sorted = this.sorted.get(entity);
    if (!sorted) {
      sorted = this.all(entity).sort((a, b) => compareValues(a.Id, b.Id));
      this.sorted.set(entity, sorted);
    }
    return sorted as QboRecordTypes[E][];
  }

  deposit(paymentId: string): void {
    if (!this.get('Payment', paymentId)) throw new Error(`No Payment ${paymentId}`);
    this.deposited.add(paymentId);
  }

  issueTokens(): FakeQuickBooksTokens {
    return this.issue({ realmId: this.realmId, revoked: false });
  }

  private issue(grant: Grant): FakeQuickBooksTokens {
    const accessToken = `qbo_at_${token()}`;
    const refreshToken = `qbo_rt_${token()}`;
    this.accessTokens.set(accessToken, {
      expiresAt: this.clock + ACCESS_TOKEN_SECONDS * 1000,
      grant,
    });
    this.refreshTokens.set(refreshToken, {
      expiresAt: this.clock + REFRESH_TOKEN_SECONDS * 1000,
      grant,
      supersededAt: null,
    });
    return { accessToken, refreshToken };
  }

  denyNextAuthorization(): void {
    this.denials++;
  }

  injectFault(match: QboFaultMatch, fault: QboFault, times = 1): void {
    this.faults.arm(match, fault, times);
  }

  injectScenario(match: QboFaultMatch, scenario: QboScenario, times = 1, detail?: string): void {
    this.injectFault(match, scenarioFault(scenario, this.time(), detail), times);
  }

  requestsTo(path: RegExp): FakeQuickBooksRequest[] {
    return this.requests.filter((request) => path.test(request.path));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (url.pathname.startsWith('/__fake/')) {
      try {
        return write(res, json(200, this.control(method, url.pathname, body)));
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 400;
        return write(
          res,
          json(status, { error: error instanceof Error ? error.message : String(error) }),
        );
      }
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const api = url.pathname.startsWith('/v3/company/');
    const asked = url.searchParams.get('minorversion');
    this.requests.push({
      at: Date.now(),
      body,
      headers,
      method,
      minorVersion: api ? Math.max(75, Number(asked) || 0) : null,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    });
    const intuitTid = { intuit_tid: randomBytes(16).toString('hex') };
    if (api && this.inFlight >= this.company.maxConcurrent)
      return write(
        res,
        json(
          429,
          platformFaultBody(429, 'ThrottleExceeded', '003001', 'Throttle exceeded', 'SERVICE'),
          intuitTid,
        ),
      );
    if (api) this.inFlight++;
    try {
      const fault = this.faults.take(method, url.pathname);
      if (fault?.reset) {
        req.socket.destroy();
        return;
      }
      const delay = (fault?.delayMs ?? 0) + (api ? this.company.latencyMs : 0);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      if (fault?.status)
        return write(res, json(fault.status, fault.body ?? '', { ...intuitTid, ...fault.headers }));
      let answer: Answer;
      try {
        answer = api
          ? this.api(method, url, headers, body, Boolean(fault?.unapplied))
          : this.oauth(method, url, headers, body);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        answer = json(error.status, error.body, error.headers);
      }
      write(res, { ...answer, headers: { ...answer.headers, ...intuitTid } });
    } catch (error) {
      write(
        res,
        json(
          500,
          faultBody(this.time(), '10000', 'Fake failure', String(error), { type: 'SystemFault' }),
        ),
      );
    } finally {
      if (api) this.inFlight--;
    }
  }

  // ---- control API (another process, e.g. the demo or the bench, drives the fake over HTTP)

  private control(method: string, path: string, text: string): unknown {
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const parts = path.split('/').filter(Boolean).slice(1);
    const entity = QBO_ENTITIES.find((e) => e === parts[1]);
    if (parts[0] === 'records' && entity) {
      if (method === 'GET' && !parts[2]) return this.all(entity);
      if (method === 'POST' && !parts[2]) return this.add(entity, body as QboInput<typeof entity>);
      if (method === 'PATCH' && parts[2])
        return this.edit(entity, parts[2], body as QboInput<typeof entity>);
      if (method === 'DELETE' && parts[2]) {
        this.remove(entity, parts[2]);
        return { deleted: true };
      }
    }
    if (parts[0] === 'seed' && method === 'POST') {
      const added: Record<string, number> = {};
      for (const [name, records] of Object.entries(body)) {
        const seeded = QBO_ENTITIES.find((e) => e === name);
        if (!seeded || !Array.isArray(records)) throw new Error(`Cannot seed ${name}`);
        for (const record of records) this.add(seeded, record as QboInput<typeof seeded>);
        added[seeded] = records.length;
      }
      return added;
    }
    if (parts[0] === 'faults' && method === 'POST') {
      const {
        detail,
        method: m,
        path: p,
        scenario,
        times,
        ...fault
      } = body as unknown as {
        detail?: string;
        method?: string;
        path: string;
        scenario?: QboScenario;
        times?: number;
      } & QboFault;
      const match = { method: m, path: new RegExp(p) };
      if (scenario) this.injectScenario(match, scenario, times ?? 1, detail);
      else this.injectFault(match, fault, times ?? 1);
      return { armed: true };
    }
    if (parts[0] === 'clock' && method === 'POST') {
      this.advanceClock(Number(body.advanceMs ?? 0));
      return { now: this.now().toISOString() };
    }
    if (parts[0] === 'company' && method === 'PATCH') {
      Object.assign(this.company, body);
      return this.company;
    }
    if (parts[0] === 'deposit' && parts[1] && method === 'POST') {
      this.deposit(parts[1]);
      return { deposited: true };
    }
    if (parts[0] === 'tokens' && method === 'POST') return this.issueTokens();
    if (parts[0] === 'deny-authorization' && method === 'POST') {
      this.denyNextAuthorization();
      return { denying: true };
    }
    if (parts[0] === 'requests' && method === 'GET') return this.requests;
    if (parts[0] === 'requests' && method === 'DELETE') {
      this.requests.length = 0;
      return { cleared: true };
    }
    throw new HttpError(404, `No control route ${method} ${path}`);
  }

  // ---- OAuth 2.0 (integrations.md 2.1)

  private oauth(method: string, url: URL, headers: Record<string, string>, body: string): Answer {
    if (url.pathname === '/connect/oauth2' && method === 'GET')
      return this.authorize(url.searchParams);
    if (url.pathname === '/oauth2/v1/tokens/bearer' && method === 'POST')
      return this.token(headers, new URLSearchParams(body));
    if (url.pathname === '/v2/oauth2/tokens/revoke' && method === 'POST') {
      this.authenticateClient(headers);
      let revoked: string | null;
      try {
        revoked = (JSON.parse(body) as { token?: string }).token ?? null;
      } catch {
        revoked = new URLSearchParams(body).get('token');
      }
      if (!revoked)
        return json(400, { error: 'invalid_request', error_description: 'token is required' });
      const grant = this.refreshTokens.get(revoked)?.grant ?? this.accessTokens.get(revoked)?.grant;
      // Revoking either token of a connection ends the whole connection, as at Intuit.
      if (grant) grant.revoked = true;
      return json(200, '');
    }
    return json(404, {
      error: 'not_found',
      error_description: `No route ${method} ${url.pathname}`,
    });
  }

  private authorize(params: URLSearchParams): Answer {
    const redirectUri = params.get('redirect_uri') ?? '';
    const state = params.get('state') ?? '';
    if (params.get('client_id') !== this.clientId)
      return json(400, 'The client_id is not valid for this app.');
    if (!this.redirectAllowed(redirectUri))
      return json(400, 'The redirect_uri is not registered for this app.');
    const back = new URL(redirectUri);
    back.searchParams.set('state', state);
    if (params.get('response_type') !== 'code')
      back.searchParams.set('error', 'unsupported_response_type');
    else if (!(params.get('scope') ?? '').split(/[ +]/).includes(ACCOUNTING_SCOPE))
      back.searchParams.set('error', 'invalid_scope');
    else if (this.denials > 0) {
      this.denials--;
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = `AB11${token()}`;
      this.codes.set(code, {
        expiresAt: this.clock + CODE_LIFETIME_MS,
        grant: { realmId: this.realmId, revoked: false },
        redirectUri,
        used: false,
      });
      back.searchParams.set('code', code);
      back.searchParams.set('realmId', this.realmId);
    }
    return { body: Buffer.alloc(0), headers: { location: back.toString() }, status: 302 };
  }

  private redirectAllowed(uri: string): boolean {
    if (this.options.redirectUris) return this.options.redirectUris.includes(uri);
    return /^https?:\/\/[^\s]+$/.test(uri);
  }

  private authenticateClient(headers: Record<string, string>): void {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (headers.authorization !== expected) throw new HttpError(401, { error: 'invalid_client' });
  }

  private token(headers: Record<string, string>, form: URLSearchParams): Answer {
    this.authenticateClient(headers);
    const invalidGrant = (description: string) =>
      json(400, { error: 'invalid_grant', error_description: description });
    let tokens: FakeQuickBooksTokens;
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (!code || code.used || this.clock > code.expiresAt)
        return invalidGrant('Invalid authorization code');
      if (code.redirectUri !== form.get('redirect_uri'))
        return invalidGrant('Invalid redirect_uri');
      code.used = true;
      tokens = this.issue(code.grant);
    } else if (grantType === 'refresh_token') {
      const presented = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (
        !presented ||
        presented.grant.revoked ||
        this.clock > presented.expiresAt ||
        (presented.supersededAt !== null && this.clock > presented.supersededAt + DAY)
      )
        return invalidGrant('Incorrect or invalid refresh token');
      // The presented token stays valid for 24 h after its successor is issued (integrations.md 2.1).
      presented.supersededAt ??= this.clock;
      tokens = this.issue(presented.grant);
    } else if (!grantType) {
      return json(400, { error: 'invalid_request', error_description: 'grant_type is required' });
    } else return json(400, { error: 'unsupported_grant_type' });
    const body: Record<string, unknown> = {
      access_token: tokens.accessToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: tokens.refreshToken,
      token_type: 'bearer',
      x_refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
    };
    if (headers['x-include-refresh-token-hard-expires-in'] === 'true')
      body.x_refresh_token_hard_expires_in = REFRESH_TOKEN_HARD_SECONDS;
    return json(200, body);
  }

  // ---- Accounting API (integrations.md 2.2–2.6)

  private api(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string,
    unapplied: boolean,
  ): Answer {
    const match = /^\/v3\/company\/([^/]+)\/(.+?)\/?$/.exec(url.pathname);
    if (!match)
      throw new HttpError(
        404,
        faultBody(this.time(), '0', 'Not Found', `No route ${url.pathname}`),
      );
    const [, realm, rest] = match as unknown as [string, string, string];
    this.authenticate(headers, realm);
    const requestId = url.searchParams.get('requestid');
    const replayKey = method === 'POST' && requestId ? `${realm}:${requestId}` : null;
    if (requestId && requestId.length > 50)
      throw this.validation(
        '2010',
        'Request has invalid or unsupported property',
        'requestid is longer than 50 characters',
        'requestid',
      );
    const stored = replayKey ? this.replays.get(replayKey) : undefined;
    if (stored) return stored;
    let answer: Answer;
    try {
      answer = this.execute(method, url, rest, body, unapplied);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      answer = json(error.status, error.body, error.headers);
    }
    if (replayKey && answer.status < 500) this.replays.set(replayKey, answer);
    return answer;
  }

  private authenticate(headers: Record<string, string>, realm: string): void {
    const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
    const access = bearer ? this.accessTokens.get(bearer) : undefined;
    if (!access || access.grant.revoked || this.clock > access.expiresAt)
      throw new HttpError(
        401,
        platformFaultBody(
          401,
          'AuthenticationFailed',
          '003200',
          access && !access.grant.revoked
            ? `Token expired: ${bearer!.slice(0, 12)}…`
            : 'Token invalid',
          'AUTHENTICATION',
        ),
        INVALID_TOKEN_HEADERS,
      );
    if (access.grant.realmId !== realm)
      throw new HttpError(
        403,
        platformFaultBody(
          403,
          'ApplicationAuthorizationFailed',
          '003100',
          'The token does not grant access to this company',
          'AUTHORIZATION',
        ),
      );
  }

  private validation(code: string, message: string, detail: string, element = ''): HttpError {
    return new HttpError(400, faultBody(this.time(), code, message, detail, { element }));
  }

  private envelope(entity: QboEntity, record: unknown): Answer {
    return json(200, { [entity]: record, time: this.time() });
  }

  private execute(
    method: string,
    url: URL,
    rest: string,
    body: string,
    unapplied: boolean,
  ): Answer {
    const params = url.searchParams;
    if (method === 'GET' && rest === `companyinfo/${this.realmId}`)
      return json(200, {
        CompanyInfo: {
          CompanyName: this.options.companyName ?? 'Sandbox Company_US_1',
          Country: 'US',
          Id: '1',
          LegalName: this.options.companyName ?? 'Sandbox Company_US_1',
          MetaData: { CreateTime: qboTime(0), LastUpdatedTime: qboTime(0) },
          SyncToken: '1',
          domain: 'QBO',
          sparse: false,
        },
        time: this.time(),
      });
    if (rest === 'query' && (method === 'GET' || method === 'POST'))
      return this.query(method === 'GET' ? (params.get('query') ?? '') : body);
    if (rest === 'cdc' && method === 'GET') return this.cdc(params);
    const read = /^([a-z]+)\/([^/]+)(\/pdf)?$/.exec(rest);
    if (read && method === 'GET') {
      const entity = PATH_ENTITIES[read[1]!];
      if (!entity) throw this.unsupported(rest);
      const record = this.get(entity, read[2]!);
      if (!record)
        throw this.validation(
          '610',
          'Object Not Found',
          this.deleted.get(entity)!.has(read[2]!) ? DETAILS.deleted : DETAILS.inactive,
        );
      if (read[3]) {
        if (entity !== 'Invoice' && entity !== 'CreditMemo') throw this.unsupported(rest);
        return {
          body: invoicePdf((record as QboInvoice).DocNumber),
          headers: { 'content-type': 'application/pdf' },
          status: 200,
        };
      }
      return this.envelope(entity, record);
    }
    if (method === 'POST' && (rest === 'payment' || rest === 'invoice')) {
      if (this.company.subscriptionEnded)
        throw this.validation('6190', 'Invalid Company Status', DETAILS.subscriptionEnded);
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body) as Record<string, unknown>;
        if (!input || typeof input !== 'object') throw new Error('not an object');
      } catch {
        throw this.validation(
          '2010',
          'Request has invalid or unsupported property',
          'The request body is not a JSON object',
        );
      }
      const operation = params.get('operation');
      // An Id names the payment to update (sparse): with or without operation=update.
      if (rest === 'payment' && input.Id !== undefined && (!operation || operation === 'update'))
        if (params.get('include') !== 'void') return this.updatePayment(input);
      if (rest === 'payment' && !operation) return this.createPayment(input, unapplied);
      if (rest === 'payment' && operation === 'delete') return this.reversePayment(input, 'delete');
      if (rest === 'payment' && operation === 'update' && params.get('include') === 'void')
        return this.reversePayment(input, 'void');
      if (rest === 'invoice' && operation === 'void') return this.voidInvoice(input);
    }
    throw this.unsupported(rest);
  }

  private unsupported(rest: string): HttpError {
    return this.validation('500', 'Unsupported Operation', `Operation ${rest} is not supported.`);
  }

  /**
   * The records a WHERE can match: looked up by id when it names them (`Id = …`, `Id IN (…)`), as
   * the real service's index does, instead of scanning (and re-sorting after every write) all of
   * a large company's records.
   */
  private candidates(entity: QboEntity, where: Condition[]): QboRecordTypes[QboEntity][] {
    const byId = where.find((c) => c.field === 'Id' && (c.op === '=' || c.op === 'IN'));
    if (!byId) return this.byId(entity);
    const store = this.store.get(entity)!;
    return [...new Set(byId.values.map(String))]
      .flatMap((id) => {
        const record = store.get(id);
        return record ? [record] : [];
      })
      .sort((a, b) => compareValues(a.Id, b.Id));
  }

  private query(statement: string): Answer {
    let parsed;
    try {
      parsed = parseQuery(statement);
    } catch (error) {
      if (error instanceof QueryError)
        throw this.validation(error.code, error.message, error.detail);
      throw error;
    }
    const source = this.candidates(parsed.entity, parsed.where);
    let rows = parsed.where.length ? source.filter((r) => matches(r, parsed.where)) : source;
    if (parsed.count)
      return json(200, { QueryResponse: { totalCount: rows.length }, time: this.time() });
    // The candidates come in Id order (byId keeps that order, as the real service's index does):
    // ORDERBY Id, the order every pager asks for, needs no sort of every record for each page.
    const byIdAscending =
      parsed.orderBy.length === 1 &&
      parsed.orderBy[0].field === 'Id' &&
      !parsed.orderBy[0].descending;
    if (parsed.orderBy.length && !byIdAscending) {
      rows = [...rows].sort((a, b) => {
        for (const { descending, field } of parsed.orderBy) {
          const order = compareValues(fieldValue(a, field), fieldValue(b, field));
          if (order) return descending ? -order : order;
        }
        return compareValues(a.Id, b.Id);
      });
    }
    const size = Math.min(MAX_RESULTS, Math.max(1, parsed.maxResults ?? DEFAULT_MAX_RESULTS));
    const page = rows.slice(parsed.startPosition - 1, parsed.startPosition - 1 + size);
    const response = page.length
      ? { [parsed.entity]: page, maxResults: page.length, startPosition: parsed.startPosition }
      : {};
    return json(200, { QueryResponse: response, time: this.time() });
  }

  private cdc(params: URLSearchParams): Answer {
    const names = (params.get('entities') ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const since = params.get('changedSince');
    if (!names.length || !since)
      throw this.validation(
        '2020',
        'Required param missing, need to supply the required value for the API',
        `Required parameter ${names.length ? 'changedSince' : 'entities'} is missing in the request`,
      );
    const entities = names.map((name) => {
      const entity = QBO_ENTITIES.find((e) => e.toLowerCase() === name.toLowerCase());
      if (!entity)
        throw this.validation(
          '2010',
          'Request has invalid or unsupported property',
          `CDC does not support the entity ${name}`,
          'entities',
        );
      return entity;
    });
    const from = Date.parse(since);
    if (Number.isNaN(from))
      throw this.validation(
        '2010',
        'Request has invalid or unsupported property',
        `changedSince ${since} is not a date-time`,
        'changedSince',
      );
    // The exact code and text are uncertain (integrations.md 6.2); the 30-day limit is documented.
    if (from < this.clock - CDC_LOOKBACK_MS)
      throw this.validation(
        '2010',
        'Request has invalid or unsupported property',
        'changedSince cannot be more than 30 days in the past',
        'changedSince',
      );
    const changes: { entity: QboEntity; at: number; record: unknown }[] = [];
    for (const entity of entities) {
      for (const record of this.all(entity)) {
        const at = Date.parse(record.MetaData.LastUpdatedTime);
        if (at > from) changes.push({ at, entity, record });
      }
      for (const record of this.deleted.get(entity)!.values()) {
        const at = Date.parse(record.MetaData.LastUpdatedTime);
        if (at > from) changes.push({ at, entity, record });
      }
    }
    // The oldest first, so a client that re-asks from the last one it got misses nothing.
    changes.sort((a, b) => a.at - b.at);
    const kept = changes.slice(0, this.options.cdcMaxObjects ?? 1000);
    const QueryResponse = entities.map((entity) => {
      const records = kept.filter((c) => c.entity === entity).map((c) => c.record);
      return records.length
        ? { [entity]: records, maxResults: records.length, startPosition: 1 }
        : {};
    });
    return json(200, { CDCResponse: [{ QueryResponse }], time: this.time() });
  }

  private closedOn(txnDate: string): boolean {
    return this.company.closedThrough !== null && txnDate <= this.company.closedThrough;
  }

  private ref(input: unknown, entity: QboEntity, element: string): string | null {
    if (input === undefined || input === null) return null;
    const value = (input as { value?: unknown }).value;
    if (typeof value !== 'string' && typeof value !== 'number')
      throw this.validation(
        '2020',
        'Required param missing, need to supply the required value for the API',
        `Required parameter ${element}.value is missing in the request`,
        element,
      );
    if (!this.get(entity, String(value)))
      throw this.validation(
        '2500',
        'Invalid Reference Id',
        `Invalid Reference Id : ${entity} element id ${value} not found`,
        element,
      );
    return String(value);
  }

  private createPayment(input: Record<string, unknown>, unapplied: boolean): Answer {
    const customerId = (input.CustomerRef as { value?: unknown } | undefined)?.value;
    if (customerId === undefined || customerId === null)
      throw this.validation(
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameter CustomerRef is missing in the request',
        'CustomerRef',
      );
    const total = input.TotalAmt;
    if (typeof total !== 'number' || !Number.isFinite(total))
      throw this.validation(
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameter TotalAmt is missing in the request',
        'TotalAmt',
      );
    if (total < 0)
      throw this.validation(
        '6000',
        'A business validation error has occurred while processing your request',
        'Business Validation Error: The payment amount cannot be negative.',
        'TotalAmt',
      );
    const customer = this.get('Customer', String(customerId));
    if (!customer?.Active)
      throw this.validation('610', 'Object Not Found', DETAILS.inactive, 'CustomerRef');
    const txnDate = typeof input.TxnDate === 'string' ? input.TxnDate : this.today();
    if (this.closedOn(txnDate))
      throw this.validation('6210', 'Account Period Closed', DETAILS.closedPeriod);
    this.ref(input.DepositToAccountRef, 'Account', 'DepositToAccountRef');
    this.ref(input.PaymentMethodRef, 'PaymentMethod', 'PaymentMethodRef');
    const lines = Array.isArray(input.Line) ? (input.Line as QboLine[]) : [];
    // Check every line before changing anything: a refused payment leaves the books untouched.
    const applied: {
      line: QboLine;
      entity: 'CreditMemo' | 'Invoice';
      id: string;
      amount: number;
    }[] = [];
    for (const line of lines) {
      if (typeof line?.Amount !== 'number' || line.Amount < 0)
        throw this.validation(
          '2020',
          'Required param missing, need to supply the required value for the API',
          'Required parameter Line.Amount is missing in the request',
          'Line.Amount',
        );
      for (const link of line.LinkedTxn ?? []) {
        const entity =
          link.TxnType === 'Invoice'
            ? 'Invoice'
            : link.TxnType === 'CreditMemo'
              ? 'CreditMemo'
              : null;
        if (!entity)
          throw this.validation(
            '2010',
            'Request has invalid or unsupported property',
            `A payment cannot be linked to a ${link.TxnType}`,
            'Line.LinkedTxn',
          );
        const target = this.get(entity, String(link.TxnId));
        if (!target)
          throw this.validation('610', 'Object Not Found', DETAILS.deleted, 'Line.LinkedTxn');
        if (this.voided.has(`${entity}:${target.Id}`))
          throw this.validation(
            '620',
            'TxnID Cannot Be Linked',
            DETAILS.cannotLink,
            'Line.LinkedTxn',
          );
        // A payment for another customer's invoice is taken but applied to nothing [QB-16].
        if (unapplied || target.CustomerRef.value !== customer.Id) continue;
        if (dollars(line.Amount) > target.Balance)
          throw this.validation(
            '6000',
            'A business validation error has occurred while processing your request',
            `Business Validation Error: The amount applied to ${entity} ${target.Id} is more than its balance.`,
            'Line.Amount',
          );
        applied.push({ amount: dollars(line.Amount), entity, id: target.Id, line });
      }
    }
    const net = applied.reduce(
      (sum, a) => sum + (a.entity === 'Invoice' ? a.amount : -a.amount),
      0,
    );
    if (dollars(net) > total)
      throw this.validation(
        '6000',
        'A business validation error has occurred while processing your request',
        'Business Validation Error: The amounts applied are more than the payment amount.',
        'TotalAmt',
      );
    const payment = this.add('Payment', {
      CustomerRef: { name: customer.DisplayName, value: customer.Id },
      DepositToAccountRef: (input.DepositToAccountRef as QboPayment['DepositToAccountRef']) ?? {
        name: 'Undeposited Funds',
        value: '4',
      },
      Line: applied.map((a) => ({
        Amount: a.amount,
        LinkedTxn: [{ TxnId: a.id, TxnType: a.entity }],
      })),
      PaymentMethodRef: input.PaymentMethodRef as QboPayment['PaymentMethodRef'],
      PaymentRefNum: input.PaymentRefNum as string | undefined,
      PrivateNote: input.PrivateNote as string | undefined,
      TotalAmt: dollars(total),
      TxnDate: txnDate,
      UnappliedAmt: dollars(total - net),
    });
    for (const { amount, entity, id } of applied) {
      const target = this.get(entity, id)!;
      this.edit(entity, id, {
        Balance: dollars(target.Balance - amount),
        ...(entity === 'Invoice'
          ? {
              LinkedTxn: [
                ...(target as QboInvoice).LinkedTxn,
                { TxnId: payment.Id, TxnType: 'Payment' },
              ],
            }
          : { RemainingCredit: dollars(target.Balance - amount) }),
      });
    }
    return this.envelope('Payment', this.get('Payment', payment.Id));
  }

  /**
   * A sparse update of a payment (`{Id, SyncToken, sparse: true, TotalAmt?, Line?}`): a new Line
   * replaces the old one, as in QuickBooks. The invoices and credit memos it was applied to get
   * the old amounts back, then the new ones are applied; a line over what an invoice would then
   * owe, or lines over the total, are refused (6000) and change nothing. 610 when the payment is
   * gone, 5010 when the SyncToken is stale, 6540 when it was deposited, 6210 in a closed period.
   */
  private updatePayment(input: Record<string, unknown>): Answer {
    const payment = this.current('Payment', input);
    if (input.sparse !== true)
      throw this.validation(
        '2010',
        'Request has invalid or unsupported property',
        'The fake takes sparse payment updates only (sparse: true)',
        'sparse',
      );
    if (this.deposited.has(payment.Id))
      throw this.validation('6540', 'Deposited Transaction cannot be changed', DETAILS.deposited);
    if (this.closedOn(payment.TxnDate))
      throw this.validation('6210', 'Account Period Closed', DETAILS.closedPeriod);
    const total = input.TotalAmt === undefined ? payment.TotalAmt : input.TotalAmt;
    if (typeof total !== 'number' || !Number.isFinite(total) || total < 0)
      throw this.validation(
        '6000',
        'A business validation error has occurred while processing your request',
        'Business Validation Error: The payment amount must be a number, not negative.',
        'TotalAmt',
      );
    const lines = input.Line === undefined ? payment.Line : (input.Line as QboLine[]);
    if (!Array.isArray(lines))
      throw this.validation(
        '2010',
        'Request has invalid or unsupported property',
        'Line must be a list',
        'Line',
      );
    type Target = { entity: 'CreditMemo' | 'Invoice'; id: string };
    const key = (t: Target) => `${t.entity}:${t.id}`;
    // What each linked record owes with this payment's old lines taken back.
    const available = new Map<string, { target: Target; balance: number; applied: number }>();
    for (const line of payment.Line)
      for (const link of line.LinkedTxn ?? []) {
        const target = { entity: link.TxnType as Target['entity'], id: String(link.TxnId) };
        const record = this.get(target.entity, target.id);
        if (!record) continue;
        const at = available.get(key(target)) ?? { applied: 0, balance: record.Balance, target };
        at.balance = dollars(at.balance + line.Amount);
        available.set(key(target), at);
      }
    const applied: { entity: Target['entity']; id: string; amount: number }[] = [];
    for (const line of lines) {
      if (typeof line?.Amount !== 'number' || line.Amount < 0)
        throw this.validation(
          '2020',
          'Required param missing, need to supply the required value for the API',
          'Required parameter Line.Amount is missing in the request',
          'Line.Amount',
        );
      for (const link of line.LinkedTxn ?? []) {
        if (link.TxnType !== 'Invoice' && link.TxnType !== 'CreditMemo')
          throw this.validation(
            '2010',
            'Request has invalid or unsupported property',
            `A payment cannot be linked to a ${link.TxnType}`,
            'Line.LinkedTxn',
          );
        const target = { entity: link.TxnType, id: String(link.TxnId) } as Target;
        const record = this.get(target.entity, target.id);
        if (!record)
          throw this.validation('610', 'Object Not Found', DETAILS.deleted, 'Line.LinkedTxn');
        if (this.voided.has(key(target)))
          throw this.validation(
            '620',
            'TxnID Cannot Be Linked',
            DETAILS.cannotLink,
            'Line.LinkedTxn',
          );
        if (record.CustomerRef.value !== payment.CustomerRef.value)
          throw this.validation(
            '6000',
            'A business validation error has occurred while processing your request',
            `Business Validation Error: ${target.entity} ${target.id} belongs to another customer.`,
            'Line.LinkedTxn',
          );
        const at = available.get(key(target)) ?? { applied: 0, balance: record.Balance, target };
        at.applied = dollars(at.applied + line.Amount);
        if (at.applied > at.balance)
          throw this.validation(
            '6000',
            'A business validation error has occurred while processing your request',
            `Business Validation Error: The amount applied to ${target.entity} ${target.id} is more than its balance.`,
            'Line.Amount',
          );
        available.set(key(target), at);
        applied.push({ amount: dollars(line.Amount), entity: target.entity, id: target.id });
      }
    }
    const net = applied.reduce(
      (sum, a) => sum + (a.entity === 'Invoice' ? a.amount : -a.amount),
      0,
    );
    if (dollars(net) > dollars(total))
      throw this.validation(
        '6000',
        'A business validation error has occurred while processing your request',
        'Business Validation Error: The amounts applied are more than the payment amount.',
        'TotalAmt',
      );
    for (const { applied: amount, balance, target } of available.values()) {
      const record = this.get(target.entity, target.id)!;
      const left = dollars(balance - amount);
      if (target.entity === 'Invoice') {
        const others = (record as QboInvoice).LinkedTxn.filter(
          (l) => !(l.TxnType === 'Payment' && l.TxnId === payment.Id),
        );
        this.edit('Invoice', target.id, {
          Balance: left,
          LinkedTxn: amount > 0 ? [...others, { TxnId: payment.Id, TxnType: 'Payment' }] : others,
        });
      } else this.edit('CreditMemo', target.id, { Balance: left, RemainingCredit: left });
    }
    return this.envelope(
      'Payment',
      this.edit('Payment', payment.Id, {
        Line: applied.map((a) => ({
          Amount: a.amount,
          LinkedTxn: [{ TxnId: a.id, TxnType: a.entity }],
        })),
        TotalAmt: dollars(total),
        UnappliedAmt: dollars(total - net),
      }),
    );
  }

  /** Checks an `{Id, SyncToken}` body against the record (610 when gone, 5010 when stale). */
  private current<E extends QboEntity>(
    entity: E,
    input: Record<string, unknown>,
  ): QboRecordTypes[E] {
    const record = this.get(entity, String(input.Id));
    if (!record) throw this.validation('610', 'Object Not Found', DETAILS.deleted, 'Id');
    if (String(input.SyncToken) !== record.SyncToken)
      throw this.validation('5010', 'Stale Object Error', DETAILS.stale, 'SyncToken');
    return record;
  }

  private reversePayment(input: Record<string, unknown>, how: 'delete' | 'void'): Answer {
    const payment = this.current('Payment', input);
    if (this.deposited.has(payment.Id))
      throw this.validation('6540', 'Deposited Transaction cannot be changed', DETAILS.deposited);
    if (this.closedOn(payment.TxnDate))
      throw this.validation('6210', 'Account Period Closed', DETAILS.closedPeriod);
    for (const line of payment.Line) {
      for (const link of line.LinkedTxn ?? []) {
        const entity = link.TxnType as 'CreditMemo' | 'Invoice';
        const target = this.get(entity, link.TxnId);
        if (!target) continue;
        const balance = dollars(target.Balance + line.Amount);
        this.edit(entity, target.Id, {
          Balance: balance,
          ...(entity === 'Invoice'
            ? {
                LinkedTxn: (target as QboInvoice).LinkedTxn.filter(
                  (l) => !(l.TxnType === 'Payment' && l.TxnId === payment.Id),
                ),
              }
            : { RemainingCredit: balance }),
        });
      }
    }
    if (how === 'delete') {
      this.remove('Payment', payment.Id);
      return json(200, {
        Payment: { Id: payment.Id, domain: 'QBO', status: 'Deleted' },
        time: this.time(),
      });
    }
    return this.envelope(
      'Payment',
      this.edit('Payment', payment.Id, {
        Line: [],
        PrivateNote: 'Voided',
        TotalAmt: 0,
        UnappliedAmt: 0,
      }),
    );
  }

  private voidInvoice(input: Record<string, unknown>): Answer {
    const invoice = this.current('Invoice', input);
    if (this.closedOn(invoice.TxnDate))
      throw this.validation('6210', 'Account Period Closed', DETAILS.closedPeriod);
    this.voided.add(`Invoice:${invoice.Id}`);
    return this.envelope(
      'Invoice',
      this.edit('Invoice', invoice.Id, { Balance: 0, PrivateNote: 'Voided', TotalAmt: 0 }),
    );
  }
}

function write(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/**
 * A local fake of QuickBooks Online (integrations.md 2 and 6.2) on 127.0.0.1: OAuth 2.0 and the
 * v3 Accounting API on one origin, so QBO_OAUTH_BASE and QBO_API_BASE both point at `fake.url`.
 */
export async function startFakeQuickBooks(
  options: FakeQuickBooksOptions = {},
): Promise<FakeQuickBooks> {
  const server = new FakeQuickBooksServer(options);
  await server.listen(options.port ?? 0);
  return server;
}
