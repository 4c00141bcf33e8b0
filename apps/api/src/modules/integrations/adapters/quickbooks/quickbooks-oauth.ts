import { randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { SourceAuthError, SourceError } from '../source-adapter';

export const QBO_ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** Intuit's own OAuth hosts (integrations.md 2.1): three hosts, one for each step. */
const INTUIT_OAUTH = {
  authorize: 'https://appcenter.intuit.com/connect/oauth2',
  revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
};

export interface QuickBooksOAuthEndpoints {
  authorize: string;
  token: string;
  revoke: string;
}

/**
 * Intuit's endpoints, or the same paths on one origin (QBO_OAUTH_BASE: a local fake) so that
 * the very same code talks to either.
 */
export function quickBooksOAuthEndpoints(oauthBase?: string | null): QuickBooksOAuthEndpoints {
  if (!oauthBase) return INTUIT_OAUTH;
  const origin = oauthBase.replace(/\/+$/, '');
  return {
    authorize: `${origin}${new URL(INTUIT_OAUTH.authorize).pathname}`,
    revoke: `${origin}${new URL(INTUIT_OAUTH.revoke).pathname}`,
    token: `${origin}${new URL(INTUIT_OAUTH.token).pathname}`,
  };
}

export interface QuickBooksApp {
  clientId: string;
  clientSecret: string;
  /** Where Intuit sends the admin back with `code`, `state` and `realmId`. */
  redirectUri: string;
}

/** What the caller stores (sealed): always the refresh token of the latest answer. */
export interface QuickBooksTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
}

/**
 * Intuit refused a token call. `invalid_grant` means the refresh token is expired or revoked
 * (or a code was used twice): the admin has to connect again.
 */
export class QuickBooksOAuthError extends SourceAuthError {
  constructor(
    readonly error: string,
    readonly description: string | null,
    readonly status: number,
    /** Intuit's id of the exchange, for its support. */
    readonly intuitTid: string | null,
  ) {
    super(
      `QuickBooks refused the token request (${status} ${error})${description ? `: ${description}` : ''}`,
    );
  }

  get needsReconnect(): boolean {
    return this.error === 'invalid_grant';
  }
}

/** A fresh `state` for one authorization: unguessable, so a forged callback is refused. */
export function newOAuthState(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares the callback's `state` with the one issued, in constant time. */
export function sameOAuthState(issued: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(issued);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface QuickBooksOAuthOptions {
  timeoutMs: number;
  /** Attempts of a token call on 429, 5xx and network errors. */
  attempts: number;
  backoffMs: number;
}

const OAUTH_DEFAULTS: QuickBooksOAuthOptions = { attempts: 3, backoffMs: 500, timeoutMs: 30_000 };

/** The OAuth 2.0 side of QuickBooks Online (integrations.md 2.1), a form-encoded POST or three. */
export class QuickBooksOAuth {
  constructor(
    private readonly app: QuickBooksApp,
    private readonly endpoints: QuickBooksOAuthEndpoints,
    private readonly options: QuickBooksOAuthOptions = OAUTH_DEFAULTS,
  ) {}

  /** Where to send the admin's browser; `state` comes back on the callback and must be checked. */
  authorizeUrl(state: string, scopes: string[] = [QBO_ACCOUNTING_SCOPE]): string {
    const url = new URL(this.endpoints.authorize);
    url.search = new URLSearchParams({
      client_id: this.app.clientId,
      redirect_uri: this.app.redirectUri,
      response_type: 'code',
      scope: scopes.join(' '),
      state,
    }).toString();
    return url.toString();
  }

  /** Trades the callback's one-time code for the first tokens. */
  exchangeCode(code: string): Promise<QuickBooksTokens> {
    return this.tokens({
      code,
      grant_type: 'authorization_code',
      redirect_uri: this.app.redirectUri,
    });
  }

  /**
   * New tokens for a refresh token. The answer carries a new refresh token: store it, because
   * the one presented stops working 24 hours later.
   */
  refresh(refreshToken: string): Promise<QuickBooksTokens> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Ends the connection at Intuit (either token of it will do). */
  async revoke(token: string): Promise<void> {
    await this.post(this.endpoints.revoke, JSON.stringify({ token }), 'application/json');
  }

  private async tokens(form: Record<string, string>): Promise<QuickBooksTokens> {
    const issuedAt = Date.now();
    const text = await this.post(
      this.endpoints.token,
      new URLSearchParams(form).toString(),
      'application/x-www-form-urlencoded',
    );
    const body = parse(text) as Record<string, unknown> | null;
    const accessToken = body?.access_token;
    const refreshToken = body?.refresh_token;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string')
      throw new SourceError('QuickBooks answered the token request without tokens.');
    return {
      accessToken,
      accessTokenExpiresAt: new Date(issuedAt + seconds(body?.expires_in, 3600) * 1000),
      refreshToken,
      refreshTokenExpiresAt: new Date(
        issuedAt + seconds(body?.x_refresh_token_expires_in, 8_726_400) * 1000,
      ),
    };
  }

  private async post(url: string, body: string, contentType: string): Promise<string> {
    const basic = Buffer.from(`${this.app.clientId}:${this.app.clientSecret}`).toString('base64');
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          body,
          headers: {
            accept: 'application/json',
            authorization: `Basic ${basic}`,
            'content-type': contentType,
          },
          method: 'POST',
          redirect: 'error',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        lastProblem = `Could not reach QuickBooks at ${new URL(url).origin}: ${String(error)}`;
        await sleep(this.options.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const text = await response.text();
      if (response.ok) return text;
      if (response.status === 429 || response.status >= 500) {
        lastProblem = `QuickBooks failed the token request (${response.status})`;
        await sleep(this.options.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const error = parse(text) as { error?: unknown; error_description?: unknown } | null;
      throw new QuickBooksOAuthError(
        typeof error?.error === 'string' ? error.error : `http_${response.status}`,
        typeof error?.error_description === 'string' ? error.error_description : null,
        response.status,
        response.headers.get('intuit_tid'),
      );
    }
    throw new SourceError(`${lastProblem} (gave up after ${this.options.attempts} attempts)`);
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function seconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
