import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse, delay } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, accessProfiles, demoCompany, demoOwner, page } from '@/testing/ar-fixtures';
import { emailSummary } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { openInvoices } from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

type Contact = components['schemas']['ContactResponseDto'];

const OWNER_ID = 'cccccccc-0000-4000-8000-000000000001';
const owner: Contact = { ...demoOwner, id: OWNER_ID };

/** A contact of Demo Company: never signed in unless `signedIn`. */
function contact(n: number, over: Partial<Contact> = {}): Contact {
  return {
    ...demoOwner,
    id: `cccccccc-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
    firstName: `Person${n}`,
    lastName: 'Test',
    name: `Person${n} Test`,
    email: `person${n}@example.com`,
    accessProfileId: 'ap-full',
    accessProfileName: 'Full Access',
    isDefaultNotification: false,
    lastLoginAt: null,
    ...over,
  };
}

function contactsApi(contacts: Contact[] = [owner]) {
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 1))),
    api.get('/api/v1/access-profiles', () => HttpResponse.json({ data: accessProfiles })),
    api.get('/api/v1/organizations/{organizationId}/contacts', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const size = Number(query.get('pageSize') ?? 25);
      const at = (Number(query.get('page') ?? 1) - 1) * size;
      return HttpResponse.json({
        data: contacts.slice(at, at + size),
        page: Number(query.get('page') ?? 1),
        pageSize: size,
        total: contacts.length,
      });
    }),
    api.post(
      '/api/v1/organizations/{organizationId}/contacts/{contactId}/welcome',
      async ({ params }) => {
        await delay(30);
        const who = contacts.find((c) => c.id === params.contactId)!;
        if (who.email.startsWith('bounce'))
          return problem(422, `The contact's email address "${who.email}" is not valid`);
        return HttpResponse.json(emailSummaryFor(who, 'welcome'), { status: 202 });
      },
    ),
    api.post('/api/v1/organizations/{organizationId}/contacts/{contactId}/password-reset', () =>
      problem(422, 'The contact has no access profile for this organization'),
    ),
    api.post('/api/v1/organizations/{organizationId}/account-summary', () =>
      HttpResponse.json(
        {
          emails: [
            emailSummary({
              type: 'account_summary',
              status: 'skipped',
              to: ['demo@example.com'],
              lastError: 'Statements are excluded for this organization',
              sentAt: null,
            }),
          ],
        },
        { status: 202 },
      ),
    ),
  );
  return { requests };
}

function emailSummaryFor(who: Contact, type: 'welcome') {
  return {
    email: emailSummary({
      id: `eeeeeeee-${who.id.slice(9)}`,
      type,
      category: 'access' as const,
      status: 'queued' as const,
      to: [who.email],
      contactId: who.id,
      subject: 'Your billing portal access',
      sentAt: null,
    }),
  };
}

async function emailMenu(user: ReturnType<typeof renderApp>['user'], name = 'Demo Owner') {
  await user.click(await screen.findByRole('button', { name: `Email ${name}` }));
  return screen.getByRole('menu');
}

describe('contact: Email menu (seed 003)', () => {
  it('offers the four actions in the seed’s order', async () => {
    contactsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
    const menu = await emailMenu(user);
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual([
      'View Email History',
      'Send Account Summary',
      'Send Password Reset',
      'Send Welcome Email',
    ]);
    // the first item has the focus; Escape closes and returns to the button
    expect(within(menu).getByRole('menuitem', { name: 'View Email History' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Send Account Summary' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Email Demo Owner' })).toHaveFocus();
  });

  it('confirms a welcome email, then says who it is queued for', async () => {
    const { requests } = contactsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
    await user.click(
      within(await emailMenu(user)).getByRole('menuitem', { name: 'Send Welcome Email' }),
    );

    const dialog = screen.getByRole('dialog', { name: 'Send welcome email' });
    expect(dialog).toHaveTextContent(
      'Email Demo Owner <demo@example.com> an invitation to the Demo Company portal? The link in it works for 7 days. This contact has signed in before.',
    );
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('Welcome email on its way')).toBeInTheDocument();
    expect(screen.getByText('Queued for demo@example.com.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/organizations/${ORG_ID}/contacts/${OWNER_ID}/welcome`);
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('says why a password reset or an account summary was not sent', async () => {
    contactsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
    await user.click(
      within(await emailMenu(user)).getByRole('menuitem', { name: 'Send Password Reset' }),
    );
    await user.click(
      within(screen.getByRole('dialog', { name: 'Send password reset email' })).getByRole(
        'button',
        { name: 'Send' },
      ),
    );
    expect(await screen.findByText('Password reset email not sent')).toBeInTheDocument();
    expect(
      screen.getByText('The contact has no access profile for this organization'),
    ).toBeInTheDocument();

    await user.click(
      within(await emailMenu(user)).getByRole('menuitem', { name: 'Send Account Summary' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Send account summary' });
    expect(dialog).toHaveTextContent(
      'Email the account summary of Demo Company, its statement attached, to Demo Owner <demo@example.com>?',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Account summary not sent')).toBeInTheDocument();
    expect(
      screen.getByText('demo@example.com (Statements are excluded for this organization)'),
    ).toBeInTheDocument();
  });

  it('opens the contact’s own email history', async () => {
    contactsApi();
    server.use(api.get('/api/v1/emails', () => HttpResponse.json(page([]))));
    const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
    await user.click(
      within(await emailMenu(user)).getByRole('menuitem', { name: 'View Email History' }),
    );
    await waitFor(() =>
      expect(currentUrl()).toBe(`/emails?organizationId=${ORG_ID}&contactId=${OWNER_ID}`),
    );
    const filter = await screen.findByText(/Showing emails/);
    expect(await within(filter).findByRole('link', { name: 'Demo Owner' })).toBeInTheDocument();
  });

  it('cannot invite a contact without portal access', async () => {
    contactsApi([{ ...owner, accessProfileId: null, accessProfileName: null }]);
    const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
    const menu = await emailMenu(user);
    expect(within(menu).getByRole('menuitem', { name: /Send Welcome Email/ })).toBeDisabled();
    expect(within(menu).getByRole('menuitem', { name: /Send Password Reset/ })).toHaveTextContent(
      'Give the contact an access profile first',
    );
    expect(within(menu).getByRole('menuitem', { name: 'Send Account Summary' })).toBeEnabled();
  });
});

describe('contacts: mass welcome', () => {
  it('counts the profile’s contacts who never signed in, then sends one welcome each, a few at a time', async () => {
    // 205 contacts: two pages to read; 7 Full Access contacts never signed in, one bounces
    const contacts = [
      ...Array.from({ length: 6 }, (_, i) => contact(i + 1)),
      contact(7, { email: 'bounce@example', name: 'Bounce Test' }),
      contact(8, { lastLoginAt: '2024-01-01T00:00:00Z' }),
      contact(9, { accessProfileId: 'ap-view', accessProfileName: 'View Only' }),
      ...Array.from({ length: 196 }, (_, i) =>
        contact(i + 10, { lastLoginAt: '2024-01-01T00:00:00Z' }),
      ),
    ];
    const { requests } = contactsApi(contacts);
    let inFlight = 0;
    let most = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/welcome')) most = Math.max(most, ++inFlight);
    });
    server.events.on('response:mocked', ({ request }) => {
      if (request.url.endsWith('/welcome')) inFlight--;
    });
    const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
    await user.click(await screen.findByRole('button', { name: 'Send welcome emails' }));
    const dialog = screen.getByRole('dialog', { name: 'Send welcome emails' });

    await user.selectOptions(await within(dialog).findByLabelText('Access profile'), 'ap-full');
    expect(within(dialog).getByTestId('welcome-count')).toHaveTextContent(
      '7 contacts with Full Access have never signed in: Person1 Test, Person2 Test, Person3 Test, Person4 Test, Person5 Test and 2 more.',
    );
    await user.selectOptions(within(dialog).getByLabelText('Access profile'), 'ap-view');
    expect(within(dialog).getByTestId('welcome-count')).toHaveTextContent(
      '1 contact with View Only has never signed in: Person9 Test.',
    );
    await user.selectOptions(within(dialog).getByLabelText('Access profile'), 'ap-full');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Send 7 welcome emails' }));

    expect(
      await within(dialog).findByText(/Sending welcome emails: \d of 7 done/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('progressbar', { name: 'Welcome emails sent' }),
    ).toHaveAttribute('max', '7');
    expect(
      await within(dialog).findByText('6 welcome emails queued, 1 not sent.'),
    ).toBeInTheDocument();
    const failed = within(dialog).getByRole('list', { name: 'Welcome emails not sent' });
    expect(failed).toHaveTextContent('Bounce Test');
    expect(failed).toHaveTextContent('The contact\'s email address "bounce@example" is not valid');

    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(7);
    expect(new Set(posts.map((p) => p.path.split('/')[6]))).toEqual(
      new Set(contacts.slice(0, 7).map((c) => c.id)),
    );
    expect(new Set(posts.map((p) => p.headers.get('Idempotency-Key'))).size).toBe(7);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
    // both pages of contacts were read to count
    expect(
      requests
        .filter(
          (r) =>
            r.path.endsWith('/contacts') && new URLSearchParams(r.search).get('pageSize') === '200',
        )
        .map((r) => new URLSearchParams(r.search).get('page')),
    ).toEqual(['1', '2']);
    await user.click(within(dialog).getByText('Close', { selector: 'button' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
