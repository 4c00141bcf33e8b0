import type { AuditLogEntryResponseDto } from '@settle/api-client';
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { page } from '@/testing/ar-fixtures';
import { api } from '@/testing/mocks/api';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const ORG_ID = '00000000-0000-4000-8000-0000000000a1';
const PAYMENT_ID = '00000000-0000-4000-8000-0000000000b1';
const EMAIL_ID = '00000000-0000-4000-8000-0000000000e1';

type Entry = AuditLogEntryResponseDto;

const entry = (over: Partial<Entry> & Pick<Entry, 'action' | 'entityType'>): Entry => ({
  id: `e-${String(over.action)}`,
  occurredAt: '2026-03-05T15:04:00Z',
  actorType: 'user',
  actorId: '00000000-0000-4000-8000-000000000001',
  actorLabel: 'ada@msp.example',
  entityId: null,
  before: null,
  after: null,
  requestId: 'req-1',
  entityLabel: null,
  organizationId: null,
  organizationName: null,
  ...over,
});

describe('settings / audit log', () => {
  it('says what happened in words, with payment numbers and organization names linked', async () => {
    const entries = [
      entry({
        action: 'payment.created',
        entityType: 'payment',
        entityId: PAYMENT_ID,
        entityLabel: 'PAY-000123',
        organizationId: ORG_ID,
        organizationName: 'Bluebird Dental',
      }),
      entry({
        action: 'contact.access_revoked',
        entityType: 'contact',
        entityId: '00000000-0000-4000-8000-0000000000c1',
        entityLabel: 'Dana Lee',
        organizationId: ORG_ID,
        organizationName: 'Bluebird Dental',
      }),
      entry({
        action: 'user.created',
        entityType: 'user',
        entityId: '00000000-0000-4000-8000-0000000000d1',
        after: { email: 'bo@msp.example', role: 'billing' },
      }),
      entry({
        action: 'settings.payments_updated',
        entityType: 'settings',
        entityId: 'payments',
      }),
      entry({
        action: 'invoices.bulk_upserted',
        entityType: 'invoice',
        actorType: 'apiKey',
        actorLabel: 'QuickBooks sync',
        after: { created: 2, ids: ['a', 'b', 'c'] },
      }),
      entry({ action: 'integration.sync_started', entityType: 'integration' }),
      entry({
        action: 'email.resent',
        entityType: 'email',
        entityId: EMAIL_ID,
        entityLabel: 'Account summary for Bluebird Dental',
      }),
    ];
    server.use(api.get('/api/v1/audit-log', () => HttpResponse.json(page(entries))));
    const { user } = renderApp('/settings/audit-log');
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await within(table).findByRole('link', { name: 'PAY-000123' });
    const rows = within(table).getAllByRole('row').slice(1);
    const what = rows.map((r) => within(r).getAllByRole('cell')[3]!.textContent);
    expect(what).toEqual([
      'Made payment PAY-000123',
      'Removed the portal access of contact Dana Lee',
      'Added user bo@msp.example',
      'Changed the payment settings',
      'Received a batch of invoices (3 invoices, 2 new)',
      'Integration: sync started',
      'Resent email Account summary for Bluebird Dental',
    ]);
    expect(
      within(rows[6]!).getByRole('link', { name: 'Account summary for Bluebird Dental' }),
    ).toHaveAttribute('href', `/emails/${EMAIL_ID}`);
    expect(within(rows[0]!).getByRole('link', { name: 'PAY-000123' })).toHaveAttribute(
      'href',
      `/payments/${PAYMENT_ID}`,
    );
    expect(within(rows[0]!).getByRole('link', { name: 'Bluebird Dental' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}`,
    );
    expect(within(rows[1]!).getByRole('link', { name: 'Dana Lee' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}/contacts`,
    );
    expect(within(rows[4]!).getAllByRole('cell')[2]).toHaveTextContent('API key QuickBooks sync');
    // no raw codes or ids on the page; the request id (for support) is in the folded details
    expect(table).not.toHaveTextContent('payment.created');
    expect(table).not.toHaveTextContent(PAYMENT_ID.slice(0, 8));
    expect(table).not.toHaveTextContent('req-1');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Show details' }));
    expect(within(table).getByText('req-1')).toBeInTheDocument();
  });
});
