import { afterEach, describe, expect, it, vi } from 'vitest';

import { createApiClient } from './client';
import { ApiError, fieldErrors } from './problem';

afterEach(() => {
  document.cookie = 'settle_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('createApiClient', () => {
  it('sends credentials, adds X-CSRF-Token on unsafe methods only', async () => {
    document.cookie = 'settle_csrf=abc%3D123; path=/';
    const requests: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        requests.push(req);
        return new Response(
          JSON.stringify({ mspName: 'Acme', logoDataUrl: null, accentColor: '#000000' }),
          {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          },
        );
      }),
    );
    const api = createApiClient();
    const { data } = await api.GET('/api/v1/settings/branding');
    expect(data?.mspName).toBe('Acme');
    await api.POST('/api/v1/auth/logout');

    expect(requests[0]!.credentials).toBe('include');
    expect(requests[0]!.headers.get('X-CSRF-Token')).toBeNull();
    expect(requests[1]!.headers.get('X-CSRF-Token')).toBe('abc=123');
  });

  it('echoes the cookie it is given instead of the staff one (the portal has its own session)', async () => {
    document.cookie = 'settle_csrf=staff; path=/';
    document.cookie = 'settle_portal_csrf=portal; path=/';
    const requests: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        requests.push(req);
        return new Response(null, { status: 204 });
      }),
    );
    await createApiClient('', { csrfCookie: 'settle_portal_csrf' }).POST(
      '/api/v1/portal/auth/logout',
    );
    document.cookie = 'settle_portal_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    expect(requests[0]!.headers.get('X-CSRF-Token')).toBe('portal');
  });

  it('throws ApiError with the problem body and calls onUnauthorized on 401', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Validation failed',
      errors: [{ field: 'email', message: 'must be an email' }],
      requestId: 'r-1',
    };
    const onUnauthorized = vi.fn();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) =>
        req.url.endsWith('/me')
          ? new Response(JSON.stringify({ ...problem, status: 401, errors: undefined }), {
              status: 401,
            })
          : new Response(JSON.stringify(problem), {
              status: 400,
              headers: { 'Content-Type': 'application/problem+json' },
            }),
      ),
    );
    const api = createApiClient('', { onUnauthorized });

    const err = await api
      .POST('/api/v1/auth/login', { body: { email: 'x', password: 'y' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).requestId).toBe('r-1');
    expect(fieldErrors(err)).toEqual({ email: 'must be an email' });
    expect(onUnauthorized).not.toHaveBeenCalled();

    await expect(api.GET('/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});
