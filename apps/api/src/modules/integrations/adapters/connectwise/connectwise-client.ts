import { setTimeout as sleep } from 'node:timers/promises';

import { SourceAuthError, SourceDocument, SourceError } from '../source-adapter';

export interface ConnectWiseConnection {
  /** The site's origin, e.g. https://api-na.myconnectwise.net (or a local fake). */
  site: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

export interface ConnectWiseClientOptions {
  pageSize: number;
  timeoutMs: number;
  /** Attempts per request on 429, 5xx, timeouts and dropped connections. */
  attempts: number;
  /** First backoff after a 5xx or a network error; doubles each time. */
  backoffMs: number;
  /** A Retry-After longer than this is cut to it, so a run never stalls for hours. */
  maxRetryAfterMs: number;
}

export const CONNECTWISE_CLIENT_DEFAULTS: ConnectWiseClientOptions = {
  attempts: 6,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
  pageSize: 1000,
  timeoutMs: 30_000,
};

const ACCEPT = 'application/vnd.connectwise.com+json; version=2025.1';

/**
 * A thin fetch-based ConnectWise Manage client (integrations.md 0.1 and 1): codebase discovery,
 * Basic auth with the clientId header, forward-only paging by Link headers, and retries that
 * honour Retry-After on 429 and back off on 5xx, timeouts and dropped connections.
 */
export class ConnectWiseClient {
  private apiBase: string | null = null;
  private readonly origin: string;

  constructor(
    private readonly connection: ConnectWiseConnection,
    private readonly options: ConnectWiseClientOptions = CONNECTWISE_CLIENT_DEFAULTS,
  ) {
    this.origin = new URL(connection.site).origin;
  }

  /** `{site}/{codebase}apis/3.0`, the codebase found through the unauthenticated companyinfo call. */
  async base(): Promise<string> {
    if (this.apiBase) return this.apiBase;
    const url = `${this.origin}/login/companyinfo/${encodeURIComponent(this.connection.companyId)}`;
    const { body } = await this.request(url, false);
    const info = body as { Codebase?: unknown } | null;
    if (!info || typeof info.Codebase !== 'string')
      throw new SourceAuthError(
        `ConnectWise does not know the company "${this.connection.companyId}" at ${this.origin}.`,
      );
    const codebase = info.Codebase.replace(/^\/+/, '').replace(/\/?$/, '/');
    this.apiBase = `${this.origin}/${codebase}apis/3.0`;
    return this.apiBase;
  }

  async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(`${await this.base()}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return (await this.request(url.toString(), true)).body as T;
  }

  /**
   * `GET …/{path}` of a binary document (an invoice PDF), streamed; null on a 404. Tried once:
   * someone is waiting for it, and can ask again.
   */
  async document(path: string, accept: string): Promise<SourceDocument | null> {
    const url = `${await this.base()}/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { ...this.authHeaders(), accept },
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new SourceError(`Could not reach ConnectWise at ${this.origin}: ${causeOf(error)}`);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) {
      const message = await errorMessage(response);
      if (response.status === 401 || response.status === 403)
        throw new SourceAuthError(
          `ConnectWise refused the credentials (${response.status}): ${message}`,
        );
      throw new SourceError(`ConnectWise answered ${response.status}: ${message}`);
    }
    const length = Number(response.headers.get('content-length'));
    return {
      body: response.body,
      contentType: response.headers.get('content-type'),
      length: Number.isFinite(length) && length > 0 ? length : null,
    };
  }

  /** `GET …/{path}` one forward-only page after another, until the server sends no next link. */
  async *list<T>(path: string, query: Record<string, string> = {}): AsyncGenerator<T[]> {
    const url = new URL(`${await this.base()}/${path}`);
    url.searchParams.set('pageSize', String(this.options.pageSize));
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let next: string | null = url.toString();
    while (next) {
      const { body, link } = await this.request(next, true, { 'pagination-type': 'forward-only' });
      if (!Array.isArray(body)) throw new SourceError('ConnectWise answered a list with no array.');
      yield body as T[];
      next = this.nextLink(link);
    }
  }

  /** The next page's URL, on our configured origin whatever host the server wrote into it. */
  private nextLink(link: string | null): string | null {
    const match = /<([^>]+)>;\s*rel="next"/.exec(link ?? '');
    if (!match) return null;
    const next = new URL(match[1]);
    return `${this.origin}${next.pathname}${next.search}`;
  }

  private async request(
    url: string,
    authenticated: boolean,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ body: unknown; link: string | null }> {
    const headers: Record<string, string> = {
      accept: ACCEPT,
      ...extraHeaders,
      ...(authenticated ? this.authHeaders() : {}),
    };
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          headers,
          redirect: 'error',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        lastProblem =
          error instanceof Error && error.name === 'TimeoutError'
            ? `ConnectWise did not answer within ${this.options.timeoutMs} ms`
            : `Could not reach ConnectWise at ${this.origin}: ${causeOf(error)}`;
        await sleep(this.backoff(attempt));
        continue;
      }
      if (response.ok) {
        const text = await response.text();
        return { body: text ? JSON.parse(text) : null, link: response.headers.get('link') };
      }
      const message = await errorMessage(response);
      if (response.status === 429) {
        lastProblem = `ConnectWise is rate limiting requests (429): ${message}`;
        await sleep(this.retryAfter(response.headers.get('retry-after'), attempt));
        continue;
      }
      if (response.status >= 500) {
        lastProblem = `ConnectWise failed (${response.status}): ${message}`;
        await sleep(this.backoff(attempt));
        continue;
      }
      if (response.status === 401 || response.status === 403)
        throw new SourceAuthError(
          `ConnectWise refused the credentials (${response.status}): ${message}`,
        );
      throw new SourceError(`ConnectWise answered ${response.status}: ${message}`);
    }
    throw new SourceError(`${lastProblem} (gave up after ${this.options.attempts} attempts)`);
  }

  private authHeaders(): Record<string, string> {
    const { clientId, companyId, privateKey, publicKey } = this.connection;
    return {
      authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`,
      clientId,
    };
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

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message.slice(0, 500);
  } catch {
    /* not JSON */
  }
  return text.slice(0, 200) || response.statusText;
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error.message;
}
