import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { SourceAuthError, SourceError } from '../source-adapter';

/** Versions 1–74 are ignored since 2025-08-01; we say 75 on every call (integrations.md 2.2). */
export const QBO_MINOR_VERSION = 75;

export type QuickBooksEntity =
  'Account' | 'CreditMemo' | 'Customer' | 'Invoice' | 'Payment' | 'PaymentMethod';

export interface QuickBooksClientOptions {
  /** Origin of the API: https://quickbooks.api.intuit.com, the sandbox, or a fake. */
  apiBase: string;
  /** Records per query page (the service returns at most 1,000). */
  pageSize: number;
  timeoutMs: number;
  /** Attempts per request on 429, 5xx, timeouts and dropped connections. */
  attempts: number;
  /** First backoff after a 429 without Retry-After, a 5xx or a network error; doubles each time. */
  backoffMs: number;
  /** A Retry-After longer than this is cut to it, so a run never stalls for hours. */
  maxRetryAfterMs: number;
}

export const QUICKBOOKS_CLIENT_DEFAULTS: Omit<QuickBooksClientOptions, 'apiBase'> = {
  attempts: 6,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
  pageSize: 1000,
  timeoutMs: 30_000,
};

/** One company's access: the caller keeps the tokens (sealed) and refreshes them. */
export interface QuickBooksAccess {
  realmId: string;
  accessToken(): string | Promise<string>;
  /**
   * Called once when QuickBooks says the access token has expired: refresh, store the new
   * tokens, and answer the new access token. Without it an expired token is an auth error.
   */
  refreshAccessToken?(): Promise<string>;
}

/** The first error of a Fault, in either casing QuickBooks uses (integrations.md 2.6). */
export interface QuickBooksFault {
  status: number;
  code: string;
  message: string;
  detail: string;
  element: string | null;
  /** ValidationFault, AuthorizationFault, AUTHENTICATION … */
  type: string | null;
  intuitTid: string | null;
}

function describeFault(fault: QuickBooksFault): string {
  return `QuickBooks refused the request (${fault.status}, code ${fault.code} ${fault.message})${fault.detail ? `: ${fault.detail}` : ''}`;
}

/** QuickBooks answered with a Fault: a validation or business rule, a stale object, a missing record … */
export class QuickBooksApiError extends SourceError {
  constructor(readonly fault: QuickBooksFault) {
    super(describeFault(fault));
  }
}

/** The token was refused (401/403, or Fault 120): the connection has to be fixed by staff. */
export class QuickBooksAuthError extends SourceAuthError {
  constructor(readonly fault: QuickBooksFault) {
    super(describeFault(fault));
  }
}

/**
 * A string literal for a WHERE clause: quoted, with quotes and backslashes escaped.
 * @public for the payment push (issue 15 item 3), which reads a customer's open invoices.
 */
export function qboLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface QuickBooksRef {
  value: string;
  name?: string;
}

export interface QuickBooksPaymentInput {
  CustomerRef: QuickBooksRef;
  /** Dollars with two decimals, as QuickBooks takes them. */
  TotalAmt: number;
  TxnDate?: string;
  PaymentRefNum?: string;
  PrivateNote?: string;
  PaymentMethodRef?: QuickBooksRef;
  DepositToAccountRef?: QuickBooksRef;
  Line: { Amount: number; LinkedTxn: { TxnId: string; TxnType: 'CreditMemo' | 'Invoice' }[] }[];
}

export interface QuickBooksPayment extends QuickBooksPaymentInput {
  Id: string;
  SyncToken: string;
  UnappliedAmt?: number;
  MetaData?: { CreateTime: string; LastUpdatedTime: string };
}

export interface QuickBooksCdc {
  /** Changed records (and `{Id, status: "Deleted"}` for deleted ones) by entity. */
  changes: Partial<Record<QuickBooksEntity, Record<string, unknown>[]>>;
  /** The server's clock at the answer: the next `changedSince`. */
  time: string;
}

interface Response_ {
  status: number;
  text: string;
  bytes: Buffer;
  intuitTid: string | null;
}

/**
 * A thin fetch-based QuickBooks Online Accounting API client (integrations.md 0.1 and 2):
 * `minorversion=75` on every call, a `requestid` on every write (so a retry after a timeout is
 * replayed, never executed twice), query paging by STARTPOSITION/MAXRESULTS, CDC, Faults mapped
 * to typed errors, one token refresh when the access token has expired, and retries that honour
 * Retry-After on 429 and back off on 5xx, timeouts and dropped connections.
 */
export class QuickBooksClient {
  private readonly base: string;

  constructor(
    private readonly access: QuickBooksAccess,
    private readonly options: QuickBooksClientOptions,
  ) {
    this.base = `${options.apiBase.replace(/\/+$/, '')}/v3/company/${encodeURIComponent(access.realmId)}`;
  }

  /** The company's name: proves the token and the realm (a connection test). */
  async companyInfo(): Promise<{ CompanyName: string; Id: string }> {
    const body = await this.json('GET', `companyinfo/${encodeURIComponent(this.access.realmId)}`);
    return envelope(body, 'CompanyInfo') as { CompanyName: string; Id: string };
  }

  /**
   * `SELECT * FROM entity [WHERE where] ORDERBY orderBy`, page by page until a short page.
   * `where` is the clause's text; quote strings with qboLiteral.
   */
  async *select<T = Record<string, unknown>>(
    entity: QuickBooksEntity,
    where?: string,
    orderBy = 'Id',
  ): AsyncGenerator<T[]> {
    const size = Math.min(1000, this.options.pageSize);
    for (let start = 1; ; start += size) {
      const statement = `SELECT * FROM ${entity}${where ? ` WHERE ${where}` : ''} ORDERBY ${orderBy} STARTPOSITION ${start} MAXRESULTS ${size}`;
      const body = (await this.json('GET', 'query', { query: statement })) as {
        QueryResponse?: Record<string, unknown>;
      };
      const rows = body.QueryResponse?.[entity];
      const page = Array.isArray(rows) ? (rows as T[]) : [];
      if (page.length) yield page;
      if (page.length < size) return;
    }
  }

  async count(entity: QuickBooksEntity, where?: string): Promise<number> {
    const statement = `SELECT count(*) FROM ${entity}${where ? ` WHERE ${where}` : ''}`;
    const body = (await this.json('GET', 'query', { query: statement })) as {
      QueryResponse?: { totalCount?: unknown };
    };
    const total = body.QueryResponse?.totalCount;
    return typeof total === 'number' ? total : 0;
  }

  /** Changes since a moment no more than 30 days back (1,000 objects at most per answer). */
  async cdc(entities: QuickBooksEntity[], changedSince: Date | string): Promise<QuickBooksCdc> {
    const since = changedSince instanceof Date ? changedSince.toISOString() : changedSince;
    const body = (await this.json('GET', 'cdc', {
      changedSince: since,
      entities: entities.join(','),
    })) as { CDCResponse?: { QueryResponse?: Record<string, unknown>[] }[]; time?: unknown };
    const changes: QuickBooksCdc['changes'] = {};
    for (const response of body.CDCResponse ?? [])
      for (const group of response.QueryResponse ?? [])
        for (const entity of entities) {
          const rows = group[entity];
          if (Array.isArray(rows))
            changes[entity] = [...(changes[entity] ?? []), ...(rows as Record<string, unknown>[])];
        }
    if (typeof body.time !== 'string')
      throw new SourceError('QuickBooks answered a CDC request without its time.');
    return { changes, time: body.time };
  }

  /** One record; a record deleted in QuickBooks is a QuickBooksApiError with code 610. */
  async get<T = Record<string, unknown>>(entity: QuickBooksEntity, id: string): Promise<T> {
    const body = await this.json('GET', `${entity.toLowerCase()}/${encodeURIComponent(id)}`);
    return envelope(body, entity) as T;
  }

  async pdf(entity: 'CreditMemo' | 'Invoice', id: string): Promise<Buffer> {
    const response = await this.request(
      'GET',
      `${entity.toLowerCase()}/${encodeURIComponent(id)}/pdf`,
      {},
      undefined,
      'application/pdf',
    );
    return response.bytes;
  }

  /**
   * Creates a payment applied to its invoices. `requestId` (≤ 50 characters, unique per
   * company) makes a repeat of the same push a replay; use one per payment push.
   */
  async createPayment(
    payment: QuickBooksPaymentInput,
    requestId: string = randomUUID(),
  ): Promise<QuickBooksPayment> {
    const body = await this.json('POST', 'payment', { requestid: requestId }, payment);
    return envelope(body, 'Payment') as unknown as QuickBooksPayment;
  }

  /** Deletes a payment (its invoices' balances come back); 5010 when the SyncToken is stale. */
  async deletePayment(
    payment: { Id: string; SyncToken: string },
    requestId: string = randomUUID(),
  ): Promise<void> {
    await this.json(
      'POST',
      'payment',
      { operation: 'delete', requestid: requestId },
      { Id: payment.Id, SyncToken: payment.SyncToken },
    );
  }

  /**
   * A sparse update of a payment: its new total and lines (the lines replace the old ones, and
   * the invoices get back what a line no longer takes); 5010 when the SyncToken is stale.
   */
  async updatePayment(
    payment: { Id: string; SyncToken: string } & Pick<QuickBooksPaymentInput, 'Line' | 'TotalAmt'>,
    requestId: string = randomUUID(),
  ): Promise<QuickBooksPayment> {
    const body = await this.json(
      'POST',
      'payment',
      { operation: 'update', requestid: requestId },
      { ...payment, sparse: true },
    );
    return envelope(body, 'Payment') as unknown as QuickBooksPayment;
  }

  /** Voids a payment: it stays in the books at zero and its invoices' balances come back. */
  async voidPayment(
    payment: { Id: string; SyncToken: string },
    requestId: string = randomUUID(),
  ): Promise<QuickBooksPayment> {
    const body = await this.json(
      'POST',
      'payment',
      { include: 'void', operation: 'update', requestid: requestId },
      { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true },
    );
    return envelope(body, 'Payment') as unknown as QuickBooksPayment;
  }

  private async json(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
  ): Promise<unknown> {
    const response = await this.request(method, path, query, body, 'application/json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      throw new SourceError(`QuickBooks answered ${path} with something other than JSON.`);
    }
    // A 200 can carry a Fault too (integrations.md 2.6).
    const fault = faultOf(parsed, response);
    if (fault) throw new QuickBooksApiError(fault);
    return parsed;
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body: unknown,
    accept: string,
  ): Promise<Response_> {
    const url = new URL(`${this.base}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('minorversion', String(QBO_MINOR_VERSION));
    let token = await this.access.accessToken();
    let refreshed = false;
    let lastProblem = '';
    let lastFault: QuickBooksFault | null = null;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      let response: Response;
      let bytes: Buffer;
      try {
        response = await fetch(url, {
          body: body === undefined ? undefined : JSON.stringify(body),
          headers: {
            accept,
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          method,
          redirect: 'error',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        bytes = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        lastProblem =
          error instanceof Error && error.name === 'TimeoutError'
            ? `QuickBooks did not answer within ${this.options.timeoutMs} ms`
            : `Could not reach QuickBooks at ${url.origin}: ${causeOf(error)}`;
        lastFault = null;
        await sleep(this.backoff(attempt));
        continue;
      }
      const answer: Response_ = {
        bytes,
        intuitTid: response.headers.get('intuit_tid'),
        status: response.status,
        text: bytes.toString('utf8'),
      };
      if (response.ok) return answer;
      const fault = faultOf(parseOrNull(answer.text), answer) ?? {
        code: String(response.status),
        detail: '',
        element: null,
        intuitTid: answer.intuitTid,
        message: answer.text.slice(0, 200) || response.statusText,
        status: response.status,
        type: null,
      };
      if (response.status === 429 || response.status >= 500) {
        lastProblem = describeFault(fault);
        lastFault = fault;
        await sleep(
          response.status === 429
            ? this.retryAfter(response.headers.get('retry-after'), attempt)
            : this.backoff(attempt),
        );
        continue;
      }
      if (
        response.status === 401 &&
        !refreshed &&
        this.access.refreshAccessToken &&
        isExpiredToken(fault)
      ) {
        // An access token lives an hour: refresh once and try again without using up an attempt.
        refreshed = true;
        token = await this.access.refreshAccessToken();
        attempt--;
        continue;
      }
      if (response.status === 401 || response.status === 403 || fault.code === '120')
        throw new QuickBooksAuthError(fault);
      throw new QuickBooksApiError(fault);
    }
    if (lastFault)
      throw new QuickBooksApiError({
        ...lastFault,
        detail: `${lastFault.detail} (gave up after ${this.options.attempts} attempts)`.trim(),
      });
    throw new SourceError(`${lastProblem} (gave up after ${this.options.attempts} attempts)`);
  }

  private backoff(attempt: number): number {
    return this.options.backoffMs * 2 ** (attempt - 1);
  }

  private retryAfter(header: string | null, attempt: number): number {
    if (!header) return this.backoff(attempt);
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    return Math.min(this.options.maxRetryAfterMs, Math.max(0, Number.isFinite(ms) ? ms : 0));
  }
}

function envelope(body: unknown, key: string): Record<string, unknown> {
  const value = (body as Record<string, unknown> | null)?.[key];
  if (!value || typeof value !== 'object')
    throw new SourceError(`QuickBooks answered without the ${key}.`);
  return value as Record<string, unknown>;
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `Fault.Error[0]` or the lower-case `fault.error[0]` of 401/403/429 answers. */
function faultOf(body: unknown, response: Response_): QuickBooksFault | null {
  if (!body || typeof body !== 'object') return null;
  const source = body as Record<string, unknown>;
  const envelope = (source.Fault ?? source.fault) as Record<string, unknown> | null | undefined;
  if (!envelope || typeof envelope !== 'object') return null;
  const errors = (envelope.Error ?? envelope.error) as Record<string, unknown>[] | undefined;
  const first = Array.isArray(errors) ? (errors[0] ?? {}) : {};
  const text = (value: unknown) =>
    typeof value === 'string' ? value : value == null ? '' : String(value);
  return {
    code: text(first.code),
    detail: text(first.Detail ?? first.detail),
    element: text(first.element) || null,
    intuitTid: response.intuitTid,
    message: text(first.Message ?? first.message),
    status: response.status,
    type: text(envelope.type) || null,
  };
}

/** 401 with code 3200 (AuthenticationFailed): the access token expired or is unknown. */
function isExpiredToken(fault: QuickBooksFault): boolean {
  return fault.code === '3200' || /errorCode=003200/.test(fault.message);
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error.message;
}
