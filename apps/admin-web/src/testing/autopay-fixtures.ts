/** AutoPay fixtures modelled on seed 000 (AutoPay on the organization page) and the design's shapes. */

import type { components } from '@settle/api-client';

import { ORG_ID } from './ar-fixtures';

type Schemas = components['schemas'];

export function autopayRule(
  over: Partial<Schemas['AutopayRuleResponseDto']> = {},
): Schemas['AutopayRuleResponseDto'] {
  return {
    id: 'aaaaaaaa-0000-4000-8000-000000000001',
    organizationId: ORG_ID,
    position: 1,
    paymentMethodId: null,
    trigger: { type: 'days_after_due', days: 0, dayOfMonth: null },
    criteria: { maxAmount: null, terms: [], sources: [] },
    approval: 'never',
    approvalThreshold: null,
    enabled: true,
    locked: false,
    valid: true,
    problems: [],
    createdAt: '2026-03-01T12:00:00Z',
    updatedAt: '2026-03-01T12:00:00Z',
    ...over,
  };
}

export function autopayRun(
  over: Partial<Schemas['AutopayRunResponseDto']> = {},
): Schemas['AutopayRunResponseDto'] {
  return {
    id: 'dddddddd-0000-4000-8000-000000000001',
    runDate: '2026-03-05',
    status: 'succeeded',
    trigger: 'schedule',
    requestedBy: 'AutoPay schedule',
    counts: { evaluated: 12, charged: 3, failed: 1, pendingApproval: 2, skipped: 0 },
    problems: [],
    error: null,
    startedAt: '2026-03-05T12:00:01Z',
    finishedAt: '2026-03-05T12:00:09Z',
    createdAt: '2026-03-05T12:00:00Z',
    ...over,
  };
}
