import createClient, { type Client, type Middleware } from 'openapi-fetch';

import { ApiError, toApiError } from './problem';
import type { paths } from './schema';

export const CSRF_COOKIE = 'settle_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiClientOptions {
  /** Called on every 401, before the ApiError is thrown. */
  onUnauthorized?: (error: ApiError, request: Request) => void;
  /** The cookie whose value is echoed in X-CSRF-Token: the portal's session has its own. */
  csrfCookie?: string;
}

export type ApiClient = Client<paths>;

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function createSettleMiddleware(options: ApiClientOptions = {}): Middleware {
  return {
    onRequest({ request }) {
      if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(options.csrfCookie ?? CSRF_COOKIE);
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      const error = await toApiError(response);
      if (response.status === 401) options.onUnauthorized?.(error, request);
      throw error;
    },
  };
}

function defaultBaseUrl(): string {
  // Request() needs an absolute URL outside browsers (jsdom, node): use the page origin.
  return typeof window !== 'undefined' && window.location ? window.location.origin : '';
}

export function createApiClient(baseUrl = '', options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: baseUrl || defaultBaseUrl(),
    credentials: 'include',
    // resolved per call so that tests (and polyfills) can replace fetch after creation
    fetch: (request: Request) => globalThis.fetch(request),
  });
  client.use(createSettleMiddleware(options));
  return client;
}

/**
 * Client for endpoints not yet in the generated schema (same middleware, no path typing).
 * Prefer `createApiClient`; use this only until the endpoint is part of openapi.json.
 */
export function createUntypedApiClient(baseUrl = '', options: ApiClientOptions = {}) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = createClient<any>({
    baseUrl: baseUrl || defaultBaseUrl(),
    credentials: 'include',
    fetch: (request: Request) => globalThis.fetch(request),
  });
  client.use(createSettleMiddleware(options));
  return client;
}

/** Errors are thrown by the middleware, so a settled call always carries data (undefined for 204). */
export async function unwrap<T>(call: Promise<{ data?: T }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
