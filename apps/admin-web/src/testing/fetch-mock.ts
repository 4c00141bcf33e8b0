import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

type HandlerResult = Response | Promise<Response>;
export type Handler = (ctx: {
  request: Request;
  params: Record<string, string>;
  body: unknown;
}) => HandlerResult;

export function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function problem(
  status: number,
  detail: string,
  extra: { errors?: { field: string; message: string }[]; title?: string } = {},
): Response {
  return new Response(
    JSON.stringify({
      type: `https://settle.dev/problems/${status}`,
      title: extra.title ?? 'Error',
      status,
      detail,
      errors: extra.errors,
      requestId: 'req-test-123',
    }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}

/**
 * Stubs global fetch with a tiny router: keys are `METHOD /path/:param`, values a handler or a
 * Response factory. Unknown routes answer 404 problem+json so a missing stub is visible.
 */
export function mockApi(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    const text = await request.clone().text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    calls.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body,
    });
    for (const [key, handler] of Object.entries(routes)) {
      const [method, pattern] = key.split(' ');
      if (method !== request.method) continue;
      const params = match(pattern!, url.pathname);
      if (params) return handler({ request, params, body });
    }
    return problem(404, `No stub for ${request.method} ${url.pathname}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const testUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@msp.example',
  name: 'Ada Admin',
  role: 'admin' as 'admin' | 'billing' | 'viewer',
  kind: 'user' as const,
};

export const testBranding = { mspName: 'Acme IT', logoDataUrl: null, accentColor: '#2563eb' };

export const testSettings = {
  mspName: 'Acme IT',
  timeZone: 'America/Chicago',
  defaultCurrency: 'USD',
  logoDataUrl: null,
  accentColor: '#2563eb',
};

/** Routes every authenticated page needs. */
export function baseRoutes(overrides: Partial<typeof testUser> = {}): Record<string, Handler> {
  return {
    'GET /api/v1/auth/me': () => json(200, { ...testUser, ...overrides }),
    'GET /api/v1/settings/branding': () => json(200, testBranding),
    'GET /api/v1/settings/general': () => json(200, testSettings),
  };
}
