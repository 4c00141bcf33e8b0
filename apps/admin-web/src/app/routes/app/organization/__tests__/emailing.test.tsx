import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoBalance, demoCompany, demoOwner, page } from '@/testing/ar-fixtures';
import { emailSummary } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { openInvoices } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

type Contact = components['schemas']['ContactResponseDto'];

const BOB_ID = 'cccccccc-0000-4000-8000-000000000002';
const bob: Contact = {
  ...demoOwner,
  id: BOB_ID,
  firstName: 'Bob',
  lastName: 'Accounting',
  name: 'Bob Accounting',
  email: 'bob@',
  isDefaultNotification: true,
};
const ann: Contact = {
  ...demoOwner,
  id: 'cccccccc-0000-4000-8000-000000000003',
  firstName: 'Ann',
  lastName: 'Perkins',
  name: 'Ann Perkins',
  email: 'ann@example.com',
  isDefaultNotification: false,
};

/** Demo Company's profile (seed 002) with its contacts and email exclusions kept in memory. */
function emailingApi() {
  let excluded: components['schemas']['ExcludableEmailCategory'][] = ['statements'];
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
    api.get('/api/v1/organizations/{organizationId}/notification-emails', () =>
      HttpResponse.json({ data: [] }),
    ),
    api.get('/api/v1/organizations/{organizationId}/notes', () => HttpResponse.json(page([], 10))),
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 200))),
    api.get('/api/v1/payments', () => HttpResponse.json(page([], 10))),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: [] }),
    ),
    api.get('/api/v1/organizations/{organizationId}/contacts', () =>
      HttpResponse.json(page([ann, bob, demoOwner], 200)),
    ),
    api.get('/api/v1/organizations/{organizationId}/email-exclusions', () =>
      HttpResponse.json({ categories: excluded }),
    ),
    api.put('/api/v1/organizations/{organizationId}/email-exclusions', async ({ request }) => {
      excluded = (await request.json()).categories;
      return HttpResponse.json({ categories: excluded });
    }),
    api.post('/api/v1/organizations/{organizationId}/account-summary', async ({ request }) => {
      const { contactIds = [] } = await request.json();
      return HttpResponse.json(
        {
          emails: contactIds.map((id) =>
            id === BOB_ID
              ? emailSummary({
                  id: `eeeeeeee-0000-4000-8000-00000000010${contactIds.indexOf(id)}`,
                  type: 'account_summary',
                  status: 'skipped',
                  to: [],
                  lastError: 'No valid email address ("bob@") for this contact',
                  sentAt: null,
                })
              : emailSummary({
                  id: `eeeeeeee-0000-4000-8000-00000000010${contactIds.indexOf(id)}`,
                  type: 'account_summary',
                  status: 'queued',
                  to: [id === ann.id ? ann.email : demoOwner.email],
                  sentAt: null,
                }),
          ),
        },
        { status: 202 },
      );
    }),
  );
  return { requests };
}

async function emailingBlock() {
  const details = (await screen.findByRole('heading', { name: 'Organization Details' })).closest(
    'section',
  )!;
  const term = await within(details).findByText('Emailing');
  return term.closest('div')!;
}

describe('organization profile: emailing', () => {
  it('sits in the details card, as seed 002 shows: send, history and exclusions', async () => {
    emailingApi();
    renderApp(`/organizations/${ORG_ID}`);
    const block = await emailingBlock();
    expect(within(block).getByRole('button', { name: 'Send Account Summary' })).toBeInTheDocument();
    expect(within(block).getByRole('link', { name: 'View Email History' })).toHaveAttribute(
      'href',
      `/emails?organizationId=${ORG_ID}`,
    );
    expect(await within(block).findByTestId('exclusions')).toHaveTextContent(
      'Not sent: statements',
    );
  });

  it('sends the account summary to the default contacts, or those chosen, and says who got it', async () => {
    const { requests } = emailingApi();
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    const block = await emailingBlock();
    await user.click(within(block).getByRole('button', { name: 'Send Account Summary' }));

    const dialog = await screen.findByRole('dialog', { name: 'Send account summary' });
    // the default notification contacts are chosen to begin with
    const box = (name: RegExp) => within(dialog).getByRole('checkbox', { name });
    expect(await within(dialog).findByRole('checkbox', { name: /Demo Owner/ })).toBeChecked();
    expect(box(/Bob Accounting/)).toBeChecked();
    expect(box(/Ann Perkins/)).not.toBeChecked();
    await user.click(box(/Ann Perkins/));
    expect(within(dialog).getByRole('button', { name: 'Send to 3 contacts' })).toBeEnabled();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Send to 3 contacts' }));

    const result = await within(dialog).findByRole('list', { name: 'Account summary recipients' });
    const items = within(result).getAllByRole('listitem');
    // one email per contact, in the order they were chosen
    expect(items.map((li) => li.textContent)).toEqual([
      'no recipient SkippedNo valid email address ("bob@") for this contact',
      'demo@example.com Queued',
      'ann@example.com Queued',
    ]);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/organizations/${ORG_ID}/account-summary`);
    expect(post.body).toEqual({ contactIds: [BOB_ID, demoOwner.id, ann.id] });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: 'View Email History' })).toHaveAttribute(
      'href',
      `/emails?organizationId=${ORG_ID}`,
    );
  });

  it('will not send to nobody, and shows a refusal in the dialog', async () => {
    const { requests } = emailingApi();
    server.use(
      api.post('/api/v1/organizations/{organizationId}/account-summary', () =>
        problem(422, 'The organization has no open invoices to summarize'),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    await user.click(
      within(await emailingBlock()).getByRole('button', { name: 'Send Account Summary' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Send account summary' });
    await user.click(await within(dialog).findByRole('checkbox', { name: /Demo Owner/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Bob Accounting/ }));
    expect(within(dialog).getByRole('button', { name: 'Send to 0 contacts' })).toBeDisabled();

    await user.click(within(dialog).getByRole('checkbox', { name: /Ann Perkins/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Send to 1 contact' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The organization has no open invoices to summarize',
    );
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('changes the organization’s email exclusions', async () => {
    const { requests } = emailingApi();
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    const block = await emailingBlock();
    await user.click(await within(block).findByRole('button', { name: 'Email exclusions…' }));
    const dialog = screen.getByRole('dialog', { name: 'Email exclusions' });
    expect(within(dialog).getByRole('checkbox', { name: /^Statements/ })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: /^Receipts/ })).not.toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: /^Receipts/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/api/v1/organizations/${ORG_ID}/email-exclusions`);
    expect(put.body).toEqual({ categories: ['statements', 'receipts'] });
    expect(within(block).getByTestId('exclusions')).toHaveTextContent(
      'Not sent: statements, receipts',
    );
    expect(await screen.findByText('Email exclusions saved')).toBeInTheDocument();
  });

  it('is left out for viewers, who cannot send or read emails', async () => {
    emailingApi();
    server.use(...sessionHandlers({ role: 'viewer' }));
    renderApp(`/organizations/${ORG_ID}`);
    const details = (await screen.findByRole('heading', { name: 'Organization Details' })).closest(
      'section',
    )!;
    expect(within(details).getByText('Last login')).toBeInTheDocument();
    expect(within(details).queryByText('Emailing')).not.toBeInTheDocument();
  });
});
