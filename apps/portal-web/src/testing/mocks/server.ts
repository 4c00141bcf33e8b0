import type { BrandingResponseDto } from '@settle/api-client';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export const testBranding: BrandingResponseDto = {
  mspName: 'Ponderosa IT',
  logoDataUrl: null,
  accentColor: '#16a34a',
};

/**
 * The network every portal test sees: the MSP's branding; each test adds its handlers with
 * `server.use(...)`. A request no handler answers fails the test (setup.ts).
 */
export const server = setupServer(
  http.get<never, never, BrandingResponseDto>('/api/v1/settings/branding', () =>
    HttpResponse.json(testBranding),
  ),
);
