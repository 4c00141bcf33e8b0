import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoCompany, demoOwner, page } from '@/testing/ar-fixtures';
import {
  EMAIL_ID,
  emailDetail,
  emailSummary,
  type EmailDetail,
  type EmailSummary,
} from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { currentUrl, renderApp } from '@/testing/render-app';

const ORIGINAL_ID = 'eeeeeeee-0000-4000-8000-000000000000';
const CONTACT_ID = 'cccccccc-0000-4000-8000-000000000001';
const RESENT_ID = 'eeeeeeee-0000-4000-8000-000000000099';

/** Seed 003's email history of Demo Company: expiration notices, one failed, one skipped. */
const history: EmailSummary[] = [
  emailSummary(),
  emailSummary({
    id: 'eeeeeeee-0000-4000-8000-000000000002',
    type: 'payment_receipt',
    category: 'receipts',
    to: ['ap@example.com', 'demo@example.com'],
    subject: 'Receipt for payment PAY-000123',
    status: 'failed',
    lastError: '550 5.1.1 Mailbox unavailable',
    sentAt: null,
  }),
  emailSummary({
    id: 'eeeeeeee-0000-4000-8000-000000000003',
    type: 'account_summary',
    category: 'statements',
    to: [],
    subject: 'Account summary for Demo Company',
    status: 'skipped',
    lastError: 'No valid email address ("demo@") for this contact',
    sentAt: null,
  }),
];

function emailsApi({ list = history, total }: { list?: EmailSummary[]; total?: number } = {}) {
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/emails', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const status = query.get('status');
      const rows = status ? list.filter((e) => e.status === status) : list;
      return HttpResponse.json({
        data: rows,
        page: Number(query.get('page') ?? 1),
        pageSize: Number(query.get('pageSize') ?? 25),
        total: total ?? rows.length,
      });
    }),
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/organizations/{organizationId}/contacts', () =>
      HttpResponse.json(page([{ ...demoOwner, id: CONTACT_ID }], 200)),
    ),
  );
  return { requests };
}

describe('emails: history', () => {
  it('lists each email with its type in words, recipients, subject, status and dates', async () => {
    emailsApi();
    renderApp('/emails');
    expect(await screen.findByRole('heading', { level: 1, name: 'Emails' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Emails' });
    await within(table).findByRole('link', { name: 'Your payment method expires soon' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (i: number) =>
      within(rows[i]!)
        .getAllByRole('cell')
        // Intl puts a narrow no-break space before AM/PM
        .map((c) => c.textContent?.replace(/\s/g, ' '));

    // Created, Type, Recipients, Subject, Status, Sent — dates in the MSP's zone (Chicago)
    expect(cells(0)).toEqual([
      'May 23, 2023, 8:00 PM',
      'Payment method expiring',
      'demo@example.com',
      'Your payment method expires soon',
      'Sent',
      'May 23, 2023, 8:02 PM',
    ]);
    expect(cells(1)).toEqual([
      'May 23, 2023, 8:00 PM',
      'Payment receipt',
      'ap@example.com, demo@example.com',
      'Receipt for payment PAY-000123',
      'Failed550 5.1.1 Mailbox unavailable',
      '—',
    ]);
    expect(cells(2)[2]).toBe('no recipient');
    expect(cells(2)[4]).toBe('SkippedNo valid email address ("demo@") for this contact');
    expect(within(rows[1]!).getByText('Failed')).toHaveClass('ui-badge--danger');
    expect(within(rows[0]!).getByRole('link', { name: /expires soon/ })).toHaveAttribute(
      'href',
      `/emails/${EMAIL_ID}`,
    );
  });

  it('narrows to an organization and contact from the URL, names them, and clears', async () => {
    const { requests } = emailsApi();
    const { user } = renderApp(`/emails?organizationId=${ORG_ID}&contactId=${CONTACT_ID}`);
    const filter = await screen.findByText(/Showing emails/);
    await within(filter).findByRole('link', { name: 'Demo Company' });
    expect(await within(filter).findByRole('link', { name: 'Demo Owner' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}/contacts`,
    );
    const list = new URLSearchParams(requests.find((r) => r.path === '/api/v1/emails')!.search);
    expect(list.get('organizationId')).toBe(ORG_ID);
    expect(list.get('contactId')).toBe(CONTACT_ID);

    await user.click(screen.getByRole('button', { name: 'Show all emails' }));
    await waitFor(() => expect(currentUrl()).toBe('/emails'));
    expect(screen.queryByText(/Showing emails/)).not.toBeInTheDocument();
  });

  it('filters by status and pages through the history', async () => {
    const { requests } = emailsApi({ total: 60 });
    const { user } = renderApp('/emails');
    await screen.findByRole('link', { name: 'Your payment method expires soon' });

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(currentUrl()).toBe('/emails?status=failed'));
    await waitFor(() =>
      expect(requests.some((r) => new URLSearchParams(r.search).get('status') === 'failed')).toBe(
        true,
      ),
    );

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(currentUrl()).toBe('/emails?status=failed&page=2'));
    await waitFor(() =>
      expect(requests.some((r) => new URLSearchParams(r.search).get('page') === '2')).toBe(true),
    );
  });

  it('says so when nothing was sent yet, and shows a refused list with its request id', async () => {
    emailsApi({ list: [] });
    renderApp('/emails');
    expect(await screen.findByText('No emails yet')).toBeInTheDocument();

    server.use(api.get('/api/v1/emails', () => problem(500, 'The database is not answering')));
    renderApp('/emails?status=sent');
    expect(await screen.findByText('The database is not answering')).toBeInTheDocument();
    expect(screen.getByText('req-test-123')).toBeInTheDocument();
  });

  it('is not offered to viewers', async () => {
    server.use(...sessionHandlers({ role: 'viewer' }));
    renderApp('/emails');
    expect(
      await screen.findByText('Emails are for administrators and billing staff'),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Emails' })).not.toBeInTheDocument();
  });
});

describe('emails: one email', () => {
  function emailApi(email: EmailDetail, resent?: EmailDetail) {
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/emails/{id}', ({ params }) =>
        params.id === email.id
          ? HttpResponse.json(email)
          : resent && params.id === resent.id
            ? HttpResponse.json(resent)
            : problem(404, 'Email not found'),
      ),
      api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
      api.post('/api/v1/emails/{id}/resend', () =>
        resent ? HttpResponse.json(resent, { status: 201 }) : problem(422, 'No recipient'),
      ),
    );
    return { requests };
  }

  it('shows the trail, the sandboxed preview, the text and the attachments', async () => {
    emailApi(
      emailDetail({
        type: 'account_summary',
        category: 'statements',
        subject: 'Account summary for Demo Company',
        attachments: [
          {
            index: 0,
            filename: 'statement-2023-05-24.pdf',
            contentType: 'application/pdf',
            size: 48_213,
          },
        ],
      }),
    );
    const { user } = renderApp(`/emails/${EMAIL_ID}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: /Account summary for Demo Company/ }),
    ).toHaveTextContent('Sent');
    expect(screen.getByText('Account summary to demo@example.com')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Demo Company' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}`,
    );
    expect(screen.getByText('250 2.0.0 OK queued as 4F1', { selector: 'dd' })).toBeInTheDocument();

    const events = screen.getByRole('list', { name: 'Events' });
    const steps = within(events)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.app-timeline__summary')?.textContent);
    expect(steps).toEqual([
      'Triggered',
      'Queued for delivery',
      'Picked up for sending',
      'Accepted by the mail server',
    ]);
    expect(within(events).getAllByRole('listitem')[3]).toHaveTextContent(
      '250 2.0.0 OK queued as 4F1',
    );

    const frame = screen.getByTitle('Email content');
    expect(frame.tagName).toBe('IFRAME');
    // every sandbox restriction: no scripts, no same-origin, no forms, no popups
    expect(frame).toHaveAttribute('sandbox', '');
    // the API's HTML document, which carries its own policy for the email's inline styles
    expect(frame).toHaveAttribute('src', `/api/v1/emails/${EMAIL_ID}/html`);

    await user.click(screen.getByRole('tab', { name: 'Text' }));
    expect(screen.getByRole('tab', { name: 'Text' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Your card ends soon.');
    expect(screen.queryByTitle('Email content')).not.toBeInTheDocument();

    const attachment = within(screen.getByRole('list', { name: 'Attachments' })).getByRole('link', {
      name: 'statement-2023-05-24.pdf',
    });
    expect(attachment).toHaveAttribute('href', `/api/v1/emails/${EMAIL_ID}/attachments/0`);
    expect(screen.getByText('47 KB')).toBeInTheDocument();
  });

  it('shows why it failed or was skipped, in the trail too', async () => {
    emailApi(
      emailDetail({
        status: 'failed',
        sentAt: null,
        smtpResponse: null,
        lastError: 'connect ECONNREFUSED 127.0.0.1:2525',
        events: [
          { type: 'triggered', at: '2023-05-24T01:00:00Z', detail: null },
          { type: 'queued', at: '2023-05-24T01:00:01Z', detail: 'To demo@example.com' },
          { type: 'processed', at: '2023-05-24T01:02:00Z', detail: null },
          {
            type: 'failed',
            at: '2023-05-24T01:02:01Z',
            detail: 'connect ECONNREFUSED 127.0.0.1:2525',
          },
        ],
      }),
    );
    renderApp(`/emails/${EMAIL_ID}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not delivered: connect ECONNREFUSED 127.0.0.1:2525',
    );
    const failed = within(screen.getByRole('list', { name: 'Events' })).getAllByRole(
      'listitem',
    )[3]!;
    expect(failed).toHaveClass('app-timeline__event--failed');
    expect(failed).toHaveTextContent('Delivery failed');
    expect(failed).toHaveTextContent('connect ECONNREFUSED 127.0.0.1:2525');
  });

  it('resends after a confirmation, with an Idempotency-Key, and shows the new email', async () => {
    const resent = emailDetail({
      id: RESENT_ID,
      status: 'queued',
      sentAt: null,
      resentFromId: EMAIL_ID,
      events: [
        {
          type: 'triggered',
          at: '2023-06-01T15:00:00Z',
          detail: `Resent by Ada Admin (${EMAIL_ID})`,
        },
        { type: 'queued', at: '2023-06-01T15:00:00Z', detail: 'To demo@example.com' },
      ],
    });
    const { requests } = emailApi(emailDetail(), resent);
    const { user } = renderApp(`/emails/${EMAIL_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Resend' }));

    const dialog = screen.getByRole('dialog', { name: 'Resend this email?' });
    expect(dialog).toHaveTextContent('goes again to demo@example.com');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Resend' }));

    const done = await screen.findByRole('dialog', { name: 'Email resent' });
    expect(within(done).getByText('Queued')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/emails/${EMAIL_ID}/resend`);
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);

    // the new row opens; it links back to the email it resends
    await user.click(within(done).getByRole('link', { name: 'Your payment method expires soon' }));
    await waitFor(() => expect(currentUrl()).toBe(`/emails/${RESENT_ID}`));
    expect(await screen.findByRole('link', { name: 'The earlier email' })).toHaveAttribute(
      'href',
      `/emails/${EMAIL_ID}`,
    );
    // the trail names the original, linked
    expect(
      within(screen.getByRole('list', { name: 'Events' })).getByRole('link', { name: /eeeeeeee…/ }),
    ).toHaveAttribute('href', `/emails/${EMAIL_ID}`);
  });

  it('says a resend of a resend is one, linking the email it came from', async () => {
    const { requests } = emailApi(emailDetail({ id: RESENT_ID, resentFromId: ORIGINAL_ID }));
    const { user } = renderApp(`/emails/${RESENT_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Resend' }));
    const dialog = screen.getByRole('dialog', { name: 'Resend this email?' });
    expect(within(dialog).getByRole('link', { name: 'an earlier email' })).toHaveAttribute(
      'href',
      `/emails/${ORIGINAL_ID}`,
    );
    // a refused resend is said in the dialog, which stays open
    await user.click(within(dialog).getByRole('button', { name: 'Resend' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No recipient');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('says when the email does not exist', async () => {
    emailApi(emailDetail());
    renderApp(`/emails/${ORIGINAL_ID}`);
    expect(await screen.findByText('Email not found')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Back to emails/ })).toHaveAttribute('href', '/emails');
  });
});
