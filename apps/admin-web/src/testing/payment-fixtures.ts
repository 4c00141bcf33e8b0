/** Payments fixtures modelled on seed 001 (Open Invoices → Pay selected) and the design's shapes. */

import type { components } from '@settle/api-client';

import { ORG_ID } from './ar-fixtures';

type Schemas = components['schemas'];
type PaymentMethodDto = Schemas['PaymentMethodResponseDto'];

const invoice = (over: {
  id: string;
  number: string;
  dueDate: string;
  total: number;
  openBalance: number;
  pastDue: boolean;
}): Schemas['InvoiceResponseDto'] => ({
  organizationId: ORG_ID,
  organizationName: 'Demo Company',
  issueDate: '2023-01-01',
  terms: 'Net 30',
  poNumber: null,
  currency: 'USD',
  sourceBalance: over.openBalance,
  overAllocated: 0,
  awaitingAccounting: false,
  status: 'open',
  source: 'connectwise',
  externalId: over.number,
  pdfUrl: null,
  createdAt: '2023-01-01T00:00:00Z',
  updatedAt: '2023-01-01T00:00:00Z',
  ...over,
});

export const openInvoices = [
  invoice({
    id: 'aaaaaaaa-0000-4000-8000-000000001001',
    number: '1001',
    dueDate: '2023-01-15',
    total: 100000,
    openBalance: 100000,
    pastDue: true,
  }),
  invoice({
    id: 'aaaaaaaa-0000-4000-8000-000000001002',
    number: '1002',
    dueDate: '2023-02-15',
    total: 200300,
    openBalance: 200300,
    pastDue: true,
  }),
  invoice({
    id: 'aaaaaaaa-0000-4000-8000-000000001003',
    number: '1003',
    dueDate: '2099-03-15',
    total: 5000,
    openBalance: 5000,
    pastDue: false,
  }),
];

const method = (
  over: Partial<PaymentMethodDto> & Pick<PaymentMethodDto, 'id' | 'friendlyName'>,
): PaymentMethodDto => ({
  organizationId: ORG_ID,
  type: 'card',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear: 2030,
  status: 'active',
  isDefault: false,
  gateway: 'sandbox',
  consecutiveFailures: 0,
  lockedReason: null,
  lockedAt: null,
  createdAt: '2024-01-01T00:00:00Z',
  ...over,
});

export const paymentMethods = [
  method({ id: 'pm-default', friendlyName: 'Company Visa', isDefault: true }),
  method({
    id: 'pm-ops',
    friendlyName: 'Operating account',
    brand: 'mastercard',
    last4: '4444',
  }),
  method({
    id: 'pm-locked',
    friendlyName: 'Old bank account',
    type: 'us_bank_account',
    brand: 'STRIPE TEST BANK',
    last4: '6789',
    expMonth: null,
    expYear: null,
    status: 'locked',
    consecutiveFailures: 0,
    lockedReason: 'ACH return R02: account closed',
    lockedAt: '2024-05-01T12:00:00Z',
  }),
];

export const sandboxGateway: Schemas['PaymentGatewayInfoDto'] = {
  gateway: 'sandbox',
  publishableKey: null,
  convenienceFee: { enabled: true, percentBasisPoints: 300, capMinor: null },
  testPaymentMethods: [
    { token: 'pm_card_visa', label: 'Visa — succeeds', type: 'card' },
    { token: 'pm_card_chargeDeclined', label: 'Visa — declined', type: 'card' },
    { token: 'pm_usBankAccount_success', label: 'Bank account — settles', type: 'us_bank_account' },
  ],
};

export const PAYMENT_ID = 'bbbbbbbb-0000-4000-8000-000000000123';

export function paymentResponse(
  over: Partial<Schemas['PaymentResponseDto']> = {},
): Schemas['PaymentResponseDto'] {
  return {
    id: PAYMENT_ID,
    number: 'PAY-000123',
    organizationId: ORG_ID,
    organizationName: 'Demo Company',
    paymentMethodId: 'pm-ops',
    paymentMethod: {
      id: 'pm-ops',
      type: 'card',
      brand: 'mastercard',
      last4: '4444',
      friendlyName: 'Operating account',
    },
    amount: 250300,
    fee: 7509,
    total: 257809,
    currency: 'USD',
    status: 'succeeded',
    failureCode: null,
    failureMessage: null,
    returnCode: null,
    scheduledFor: null,
    installment: null,
    amountRefunded: 0,
    origin: 'staff',
    autopayRuleId: null,
    autopayRunDate: null,
    accountingSync: {
      status: 'pending',
      action: 'push',
      externalId: null,
      error: null,
      cause: null,
      advice: null,
      attempts: 0,
      lastAttemptAt: null,
      nextAttemptAt: null,
    },
    hiddenFromPortal: false,
    createdBy: 'Ada Admin',
    createdAt: '2024-06-01T15:00:00Z',
    processedAt: '2024-06-01T15:00:01Z',
    allocations: [
      {
        invoiceId: openInvoices[0]!.id,
        invoiceNumber: '1001',
        amount: 50000,
        requestedAmount: 50000,
        amountRefunded: 0,
      },
      {
        invoiceId: openInvoices[1]!.id,
        invoiceNumber: '1002',
        amount: 200300,
        requestedAmount: 200300,
        amountRefunded: 0,
      },
    ],
    refunds: [],
    receiptRecipients: [],
    timeline: [
      {
        type: 'created',
        actor: 'Ada Admin',
        summary: 'Payment created for $2,503.00',
        data: null,
        at: '2024-06-01T15:00:00Z',
      },
      {
        type: 'attempt_sent',
        actor: 'system',
        summary: 'Charge sent to the sandbox gateway',
        data: null,
        at: '2024-06-01T15:00:00.500Z',
      },
      {
        type: 'succeeded',
        actor: 'sandbox',
        summary: 'Charge succeeded',
        data: null,
        at: '2024-06-01T15:00:01Z',
      },
    ],
    ...over,
  };
}

/** A payments-list row: the payment without its refunds and timeline, allocations in short. */
export function paymentSummary(
  over: Partial<Schemas['PaymentResponseDto']> = {},
): Schemas['PaymentSummaryDto'] {
  const {
    allocations,
    refunds: _refunds,
    timeline: _timeline,
    receiptRecipients: _receiptRecipients,
    ...rest
  } = paymentResponse(over);
  return {
    ...rest,
    allocations: allocations.map(({ invoiceId, invoiceNumber, amount }) => ({
      invoiceId,
      invoiceNumber,
      amount,
    })),
  };
}
