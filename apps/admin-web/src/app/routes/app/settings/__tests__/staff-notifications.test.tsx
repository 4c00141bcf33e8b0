import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers, testUser } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

type Schemas = components['schemas'];
type User = Schemas['UserResponseDto'];
type Subscription = Schemas['StaffSubscriptionResponseDto'];

const KINDS = [
  'Payment made',
  'Daily summary',
  'Email failures',
  'AutoPay runs',
  'AutoPay approvals',
  'Access requests',
];

function staffUser(id: string, name: string, extra: Partial<User> = {}): User {
  return {
    id,
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@msp.example`,
    role: 'billing',
    disabled: false,
    lastLoginAt: null,
    twoFactorEnabled: false,
    createdAt: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

const ada = staffUser(testUser.id, testUser.name, { email: testUser.email, role: 'admin' });
const morgan = staffUser('00000000-0000-4000-8000-0000000000a2', 'Morgan Lee');
const sam = staffUser('00000000-0000-4000-8000-0000000000a3', 'Sam Shaw', { disabled: true });

const none = {
  paymentMade: false,
  dailySummary: false,
  emailFailures: false,
  autopayRuns: false,
  autopayApprovals: false,
  accessRequests: false,
};

function subscription(user: User, ticks: Partial<typeof none>): Subscription {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    disabled: user.disabled,
    ...none,
    ...ticks,
  };
}

/**
 * Settings → Email with the staff users (two a page, so the screen must read every page) and
 * the saved subscriptions; a PUT replaces them as the API does, unless `answerPut` refuses it.
 */
function staffApi({
  users = [ada, morgan, sam],
  subscriptions = [
    subscription(morgan, { dailySummary: true, emailFailures: true }),
    subscription(sam, { paymentMade: true }),
  ],
  answerPut,
}: {
  users?: User[];
  subscriptions?: Subscription[];
  answerPut?: () => ReturnType<typeof problem>;
} = {}) {
  const requests = recordRequests();
  let saved = subscriptions;
  server.use(
    api.get('/api/v1/settings/email', () =>
      HttpResponse.json({
        smtpConfigured: true,
        smtpSource: 'environment',
        from: 'Acme Billing <billing@acme.example>',
        replyTo: null,
      }),
    ),
    api.get('/api/v1/settings/email/templates', () => HttpResponse.json({ data: [] })),
    api.get('/api/v1/users', ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get('page'));
      return HttpResponse.json({
        data: users.slice((page - 1) * 2, page * 2),
        page,
        pageSize: 2,
        total: users.length,
      });
    }),
    api.get('/api/v1/settings/email/staff-notifications', () =>
      HttpResponse.json({ subscriptions: saved }),
    ),
    api.put('/api/v1/settings/email/staff-notifications', async ({ request }) => {
      if (answerPut) return answerPut();
      const body = await request.json();
      saved = body.subscriptions.map((s) => {
        const user = users.find((u) => u.id === s.userId)!;
        return subscription(user, s);
      });
      return HttpResponse.json({ subscriptions: saved });
    }),
  );
  return { requests };
}

const puts = (requests: ReturnType<typeof recordRequests>) =>
  requests.filter((r) => r.method === 'PUT');

/** The staff notifications form and its table, once the users are listed. */
async function staffForm() {
  const form = await screen.findByRole('form', { name: 'Staff notifications' });
  const table = within(form).getByRole('table', { name: 'Staff notifications' });
  await within(table).findByRole('checkbox', { name: 'Payment made for Ada Admin' });
  return { form: within(form), table };
}

describe('settings / email / staff notifications', () => {
  it('lists every staff user with their ticks, marks the disabled and explains their boxes', async () => {
    const { requests } = staffApi();
    renderApp('/settings/email');
    expect(await screen.findByText('Loading staff notifications…')).toBeInTheDocument();
    const { form, table } = await staffForm();

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Ada Adminada@msp.example',
      'Morgan Leemorgan@msp.example',
      'Sam ShawDisabledsam@msp.example',
    ]);
    const ticked = (name: string) =>
      KINDS.filter(
        (kind) =>
          (within(table).getByRole('checkbox', { name: `${kind} for ${name}` }) as HTMLInputElement)
            .checked,
      );
    expect(ticked('Ada Admin')).toEqual([]);
    expect(ticked('Morgan Lee')).toEqual(['Daily summary', 'Email failures']);
    expect(ticked('Sam Shaw')).toEqual(['Payment made']);
    expect(
      within(table).getByRole('checkbox', { name: 'Payment made for Sam Shaw' }),
    ).toHaveAccessibleDescription(
      'Disabled users keep their ticks but receive nothing until they are enabled again.',
    );
    expect(
      within(table).getByRole('checkbox', { name: 'Payment made for Morgan Lee' }),
    ).not.toHaveAccessibleDescription();
    // what each email is, in words
    expect(
      screen.getByText('An hourly digest of emails that could not be delivered.'),
    ).toBeVisible();
    expect(
      screen.getByText(
        'Someone asked for portal access on the sign-in page; when nobody has this, every enabled admin gets them.',
      ),
    ).toBeVisible();

    // every page of users was read; nothing changed, nothing to save
    expect(requests.filter((r) => r.path === '/api/v1/users').map((r) => r.search)).toEqual([
      '?page=1&pageSize=200&sort=name',
      '?page=2&pageSize=200&sort=name',
    ]);
    expect(form.getByRole('button', { name: 'Save notifications' })).toBeDisabled();
  });

  it('sends the whole list once when saved, leaving out users with no tick', async () => {
    const { requests } = staffApi();
    const { user } = renderApp('/settings/email');
    const { form, table } = await staffForm();
    const save = form.getByRole('button', { name: 'Save notifications' });

    await user.click(
      within(table).getByRole('checkbox', { name: 'Access requests for Ada Admin' }),
    );
    await user.click(within(table).getByRole('checkbox', { name: 'AutoPay runs for Morgan Lee' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Payment made for Sam Shaw' }));
    expect(save).toBeEnabled();
    await user.click(save);

    expect(await screen.findByText('Staff notifications saved')).toBeInTheDocument();
    expect(puts(requests)).toHaveLength(1);
    expect(puts(requests)[0]!.body).toEqual({
      subscriptions: [
        { userId: ada.id, ...none, accessRequests: true },
        { userId: morgan.id, ...none, dailySummary: true, emailFailures: true, autopayRuns: true },
      ],
    });
    // saved: nothing left to save, the ticks as saved
    await waitFor(() => expect(save).toBeDisabled());
    expect(
      within(table).getByRole('checkbox', { name: 'Access requests for Ada Admin' }),
    ).toBeChecked();
    expect(
      within(table).getByRole('checkbox', { name: 'Payment made for Sam Shaw' }),
    ).not.toBeChecked();
  });

  it('undoes unsaved ticks', async () => {
    staffApi();
    const { user } = renderApp('/settings/email');
    const { form, table } = await staffForm();
    const box = within(table).getByRole('checkbox', { name: 'Daily summary for Morgan Lee' });
    await user.click(box);
    expect(box).not.toBeChecked();
    await user.click(form.getByRole('button', { name: 'Undo' }));
    expect(box).toBeChecked();
    expect(form.getByRole('button', { name: 'Save notifications' })).toBeDisabled();
  });

  it('names the user the API does not know, and shows a refused list in words', async () => {
    const { requests } = staffApi({
      answerPut: () =>
        problem(422, 'Every subscription must name a staff user', {
          errors: [{ field: 'subscriptions.1.userId', message: 'is not a user' }],
        }),
    });
    const { user } = renderApp('/settings/email');
    const { form, table } = await staffForm();
    await user.click(within(table).getByRole('checkbox', { name: 'Payment made for Ada Admin' }));
    await user.click(form.getByRole('button', { name: 'Save notifications' }));
    // the second user sent is Morgan Lee (Ada, Morgan, Sam)
    expect(await form.findByRole('alert')).toHaveTextContent(
      'Every subscription must name a staff user: Morgan Lee is not a user.',
    );
    expect(puts(requests)).toHaveLength(1);
    // the ticks stay for another try
    expect(
      within(table).getByRole('checkbox', { name: 'Payment made for Ada Admin' }),
    ).toBeChecked();

    staffApi({
      answerPut: () =>
        problem(400, 'Invalid request: subscriptions must name each user once', {
          errors: [{ field: 'subscriptions', message: 'must name each user once' }],
        }),
    });
    await user.click(form.getByRole('button', { name: 'Save notifications' }));
    await waitFor(() =>
      expect(form.getByRole('alert')).toHaveTextContent(
        'Invalid request: subscriptions must name each user once',
      ),
    );
  });

  it('says when there are no staff users, and when the list could not be read', async () => {
    staffApi({ users: [], subscriptions: [] });
    renderApp('/settings/email');
    const form = within(await screen.findByRole('form', { name: 'Staff notifications' }));
    expect(form.getByText('No staff users')).toBeInTheDocument();
    expect(form.getByRole('button', { name: 'Save notifications' })).toBeDisabled();

    staffApi();
    server.use(
      api.get('/api/v1/settings/email/staff-notifications', () =>
        problem(500, 'Something went wrong on our side.'),
      ),
    );
    renderApp('/settings/email');
    expect(await screen.findByText('Something went wrong on our side.')).toBeInTheDocument();
  });

  it('is for administrators only: the API lets nobody else read or change it', async () => {
    const { requests } = staffApi();
    server.use(...sessionHandlers({ role: 'billing' }));
    renderApp('/settings/email');
    expect(await screen.findByText('Administrators only')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Staff notifications' })).not.toBeInTheDocument();
    expect(
      requests.filter((r) => r.path.includes('staff-notifications') || r.path === '/api/v1/users'),
    ).toEqual([]);
  });
});
