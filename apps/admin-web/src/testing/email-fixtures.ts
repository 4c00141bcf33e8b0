/** Email fixtures modelled on seed 003's email history (an org's notices, with their trail). */

import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';

import { ORG_ID, page } from './ar-fixtures';
import { api } from './mocks/api';

type Schemas = components['schemas'];
export type EmailSummary = Schemas['EmailSummaryDto'];
export type EmailDetail = Schemas['EmailResponseDto'];

export const EMAIL_ID = 'eeeeeeee-0000-4000-8000-000000000001';

export function emailSummary(over: Partial<EmailSummary> = {}): EmailSummary {
  return {
    id: EMAIL_ID,
    type: 'method_expiring',
    category: 'notices',
    status: 'sent',
    to: ['demo@example.com'],
    subject: 'Your payment method expires soon',
    organizationId: ORG_ID,
    contactId: 'c-1',
    invoiceId: null,
    paymentId: null,
    resentFromId: null,
    lastError: null,
    attempts: 1,
    createdAt: '2023-05-24T01:00:00Z',
    sentAt: '2023-05-24T01:02:00Z',
    ...over,
  };
}

export function emailDetail(over: Partial<EmailDetail> = {}): EmailDetail {
  return {
    ...emailSummary(over),
    html: '<!doctype html><html><body><h1>Acme IT</h1><p>Your card ends soon.</p></body></html>',
    text: 'Acme IT\n\nYour card ends soon.\n',
    messageId: '<a1b2@settle.local>',
    smtpResponse: '250 2.0.0 OK queued as 4F1',
    attachments: [],
    events: [
      { type: 'triggered', at: '2023-05-24T01:00:00Z', detail: 'Payment method expiring' },
      { type: 'queued', at: '2023-05-24T01:00:01Z', detail: 'To demo@example.com' },
      { type: 'processed', at: '2023-05-24T01:02:00Z', detail: null },
      { type: 'sent', at: '2023-05-24T01:02:01Z', detail: '250 2.0.0 OK queued as 4F1' },
    ],
    ...over,
  };
}

/** No emails at all: what the email cards and the exclusions read when a test is about else. */
export function noEmailsHandlers() {
  return [
    api.get('/api/v1/emails', () => HttpResponse.json(page([]))),
    api.get('/api/v1/organizations/{organizationId}/email-exclusions', () =>
      HttpResponse.json({ categories: [] }),
    ),
  ];
}
