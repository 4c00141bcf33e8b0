import type { BrandingResponseDto, GeneralSettingsDto, MeResponseDto } from '@settle/api-client';
import { HttpResponse } from 'msw';

import { api } from './api';

export const testUser: MeResponseDto = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@msp.example',
  name: 'Ada Admin',
  role: 'admin',
  kind: 'user',
  twoFactorEnabled: false,
  twoFactorEnrolmentRequired: false,
};

export const testBranding: BrandingResponseDto = {
  mspName: 'Acme IT',
  logoDataUrl: null,
  accentColor: '#2563eb',
};

export const testSettings: GeneralSettingsDto = {
  mspName: 'Acme IT',
  timeZone: 'America/Chicago',
  defaultCurrency: 'USD',
  logoDataUrl: null,
  accentColor: '#2563eb',
};

/** Nothing needs attention: the menu's ACH returns and locked methods counts read (0). */
export const noAttention = {
  unresolvedAchReturns: 0,
  lockedPaymentMethods: 0,
  paymentsAwaitingGateway: 0,
  failedPaymentsLast7Days: 0,
  overAllocatedInvoices: 0,
  failedEmailsLast7Days: 0,
  syncAlerts: [],
  paymentsFailingToSync: 0,
  accountingSyncAlert: null,
};

/**
 * What every authenticated page asks for: who is signed in, the branding, the settings and the
 * attention counts (the menu shows two of them).
 */
export function sessionHandlers(user: Partial<MeResponseDto> = {}) {
  return [
    api.get('/api/v1/auth/me', () => HttpResponse.json({ ...testUser, ...user })),
    api.get('/api/v1/settings/branding', () => HttpResponse.json(testBranding)),
    api.get('/api/v1/settings/general', () => HttpResponse.json(testSettings)),
    api.get('/api/v1/reports/attention', () => HttpResponse.json(noAttention)),
  ];
}
