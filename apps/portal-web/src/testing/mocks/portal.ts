import type { components } from '@settle/api-client';
import { http, HttpResponse } from 'msw';

import { server } from './server';

type Schemas = components['schemas'];

const ORG = '0b5c7a52-6c1e-4a8e-9d0a-1f1f5d7d0001';
export const OTHER_ORG = '0b5c7a52-6c1e-4a8e-9d0a-1f1f5d7d0002';
const BASE = '/api/v1/portal/organizations/:organizationId';

export const allRights: Schemas['PortalPermissionsDto'] = {
  viewInvoices: true,
  pay: true,
  manageMethods: true,
  manageAutopay: true,
  viewCredits: true,
};

export function invoice(
  n: number,
  overrides: Partial<Schemas['PortalInvoiceResponseDto']> = {},
): Schemas['PortalInvoiceResponseDto'] {
  return {
    id: `5d2f0c1e-0000-4000-8000-00000000000${n}`,
    organizationId: ORG,
    organizationName: 'Acme Dental',
    number: `INV-100${n}`,
    issueDate: '2026-10-01',
    dueDate: '2026-10-31',
    terms: 'Net 30',
    poNumber: null,
    currency: 'USD',
    total: 100000 * n,
    sourceBalance: 100000 * n,
    openBalance: 100000 * n,
    status: 'open',
    pastDue: n === 1,
    awaitingAccounting: false,
    source: 'manual',
    externalId: `ext-${n}`,
    hasPdf: false,
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    ...overrides,
  };
}

export const card: Schemas['PortalPaymentMethodDto'] = {
  id: '7a1e9f00-0000-4000-8000-000000000001',
  type: 'card',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear: 2030,
  friendlyName: 'Office Visa',
  status: 'active',
  isDefault: true,
  createdAt: '2026-01-01T10:00:00Z',
};

export function payment(
  overrides: Partial<Schemas['PortalPaymentResponseDto']> = {},
): Schemas['PortalPaymentResponseDto'] {
  return {
    id: '9c3a0e00-0000-4000-8000-000000000001',
    number: 'PAY-000042',
    organizationId: ORG,
    paymentMethodId: card.id,
    paymentMethod: {
      id: card.id,
      type: 'card',
      brand: 'visa',
      last4: '4242',
      friendlyName: 'Office Visa',
    },
    amount: 150000,
    fee: 4500,
    total: 154500,
    currency: 'USD',
    status: 'succeeded',
    autopayRuleId: null,
    autopayRunDate: null,
    failureCode: null,
    failureMessage: null,
    returnCode: null,
    scheduledFor: null,
    installment: null,
    amountRefunded: 0,
    origin: 'portal',
    createdAt: '2026-11-20T10:00:00Z',
    processedAt: '2026-11-20T10:00:01Z',
    allocations: [],
    refunds: [],
    receiptRecipients: [],
    ...overrides,
  };
}

/**
 * A signed-in contact: GET /portal/me with its organizations (the first has `permissions`), and
 * the first organization's data. Returns the requests made, to assert on.
 */
export function signedIn({
  permissions = allRights,
  organizations,
  invoices = [invoice(1), invoice(2)],
  methods = [card],
  payments = [] as Schemas['PortalPaymentSummaryDto'][],
  staffView = false,
}: {
  staffView?: boolean;
  permissions?: Schemas['PortalPermissionsDto'];
  organizations?: Schemas['PortalOrganizationDto'][];
  invoices?: Schemas['PortalInvoiceResponseDto'][];
  methods?: Schemas['PortalPaymentMethodDto'][];
  payments?: Schemas['PortalPaymentSummaryDto'][];
} = {}) {
  const requests: { method: string; url: URL; body?: unknown; headers: Headers }[] = [];
  const log = async (request: Request) => {
    const body =
      request.method === 'GET'
        ? undefined
        : await request
            .clone()
            .json()
            .catch(() => undefined);
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body,
      headers: request.headers,
    });
  };
  server.use(
    http.get('/api/v1/portal/me', () =>
      HttpResponse.json<Schemas['PortalMeResponseDto']>({
        contact: {
          id: 'c0000000-0000-4000-8000-000000000001',
          name: 'Pat Doe',
          email: 'pat@acme.example',
        },
        organizations: organizations ?? [{ id: ORG, name: 'Acme Dental', permissions }],
        staffView,
      }),
    ),
    http.get(`${BASE}/balance`, async ({ request }) => {
      await log(request);
      return HttpResponse.json<Schemas['PortalBalanceResponseDto']>({
        currency: 'USD',
        totalBalance: invoices.reduce((s, i) => s + i.openBalance, 0),
        pastDue: invoices.filter((i) => i.pastDue).reduce((s, i) => s + i.openBalance, 0),
        openInvoices: invoices.length,
        oldestInvoice: invoices[0]
          ? { id: invoices[0].id, number: invoices[0].number, dueDate: invoices[0].dueDate }
          : null,
        aging: { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0, total: 0 },
        creditsAvailable: null,
      });
    }),
    http.get(`${BASE}/invoices`, async ({ request }) => {
      await log(request);
      const ids = new URL(request.url).searchParams.getAll('id');
      const data = ids.length ? invoices.filter((i) => ids.includes(i.id)) : invoices;
      return HttpResponse.json<Schemas['PortalInvoiceResponsePageDto']>({
        data,
        page: 1,
        pageSize: 200,
        total: data.length,
      });
    }),
    http.get(`${BASE}/payment-methods`, async ({ request }) => {
      await log(request);
      return HttpResponse.json<Schemas['PortalPaymentMethodListResponseDto']>({ data: methods });
    }),
    http.get(`${BASE}/payments`, async ({ request }) => {
      await log(request);
      const status = new URL(request.url).searchParams.get('status');
      const data = status ? payments.filter((p) => p.status === status) : payments;
      return HttpResponse.json<Schemas['PortalPaymentSummaryPageDto']>({
        data,
        page: 1,
        pageSize: 20,
        total: data.length,
      });
    }),
    // the sandbox gateway: no hosted card fields, so the add dialog offers its test methods
    http.post(`${BASE}/payment-methods/setup-intents`, async ({ request }) => {
      await log(request);
      return HttpResponse.json(
        {
          type: 'urn:settle:problem:conflict',
          title: 'Conflict',
          status: 409,
          detail:
            'The sandbox gateway has no hosted card fields; add one of its test methods instead',
          requestId: 'r-setup',
        },
        { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
      );
    }),
    // receipts are written after a payment; a test that shows some sets its own
    http.get(`${BASE}/payments/:paymentId/receipts`, () =>
      HttpResponse.json<Schemas['PortalReceiptDto'][]>([]),
    ),
  );
  return { requests, organizationId: ORG };
}
