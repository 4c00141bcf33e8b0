import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { emailDetail, emailSummary } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers, testUser } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

type Schemas = components['schemas'];
type Template = Schemas['EmailTemplateDto'];

const TEST_ID = 'eeeeeeee-0000-4000-8000-0000000000f1';

const receipt: Template = {
  type: 'payment_receipt',
  label: 'Payment receipt',
  category: 'receipts',
  audience: 'contact',
  subject: null,
  intro: null,
  defaultSubject: 'Receipt for payment {paymentNumber}',
  defaultIntro: 'Thank you: we received your payment.',
  customized: false,
};
const summary: Template = {
  type: 'account_summary',
  label: 'Account summary',
  category: 'statements',
  audience: 'contact',
  subject: 'Your statement from Acme IT',
  intro: null,
  defaultSubject: 'Account summary for {organizationName}',
  defaultIntro: 'Here is the account summary of {organizationName} as of {asOf}.',
  customized: true,
};

/** Renders a preview as the API does: the texts filled with sample data, in a plain layout. */
function render(subject: string, intro: string): Schemas['EmailPreviewDto'] {
  const fill = (t: string) =>
    t.replace('{paymentNumber}', 'PAY-000042').replace('{organizationName}', 'Sample Co');
  return {
    subject: fill(subject),
    html: `<html><body><h1>Acme IT</h1><p>${fill(intro)}</p></body></html>`,
    text: `Acme IT\n\n${fill(intro)}\n`,
  };
}

function emailSettingsApi(settings: Partial<Schemas['EmailSettingsResponseDto']> = {}) {
  const requests = recordRequests();
  let templates = [receipt, summary];
  let testPolls = 0;
  server.use(
    api.get('/api/v1/settings/email', () =>
      HttpResponse.json({
        smtpConfigured: true,
        smtpSource: 'environment',
        from: 'Acme Billing <billing@acme.example>',
        replyTo: null,
        ...settings,
      }),
    ),
    api.put('/api/v1/settings/email', async ({ request }) => {
      const body = await request.json();
      return HttpResponse.json({
        smtpConfigured: true,
        smtpSource: body.smtpUrl ? 'settings' : 'environment',
        from: body.from,
        replyTo: body.replyTo ?? null,
      });
    }),
    api.post('/api/v1/settings/email/test', async ({ request }) =>
      HttpResponse.json(
        {
          email: emailSummary({
            id: TEST_ID,
            type: 'test',
            category: 'staff',
            status: 'queued',
            to: [(await request.json()).to],
            subject: 'Test email from Settle',
            sentAt: null,
          }),
        },
        { status: 202 },
      ),
    ),
    // queued at first, then accepted by the server
    api.get('/api/v1/emails/{id}', () =>
      HttpResponse.json(
        ++testPolls < 2
          ? emailDetail({ id: TEST_ID, type: 'test', status: 'queued', to: [testUser.email] })
          : emailDetail({ id: TEST_ID, type: 'test', status: 'sent', to: [testUser.email] }),
      ),
    ),
    api.get('/api/v1/settings/email/templates', () => HttpResponse.json({ data: templates })),
    // the staff notifications card (its own tests: staff-notifications.test.tsx)
    api.get('/api/v1/users', () =>
      HttpResponse.json({ data: [], page: 1, pageSize: 200, total: 0 }),
    ),
    api.get('/api/v1/settings/email/staff-notifications', () =>
      HttpResponse.json({ subscriptions: [] }),
    ),
    api.post('/api/v1/settings/email/templates/{type}/preview', async ({ params, request }) => {
      const t = templates.find((x) => x.type === params.type)!;
      const body = await request.json();
      return HttpResponse.json(
        render(
          body.subject ?? t.subject ?? t.defaultSubject,
          body.intro ?? t.intro ?? t.defaultIntro,
        ),
      );
    }),
    api.put('/api/v1/settings/email/templates/{type}', async ({ params, request }) => {
      const body = await request.json();
      const t = templates.find((x) => x.type === params.type)!;
      const saved = {
        ...t,
        subject: body.subject,
        intro: body.intro,
        customized: body.subject !== null || body.intro !== null,
      };
      templates = templates.map((x) => (x.type === saved.type ? saved : x));
      return HttpResponse.json(saved);
    }),
  );
  return { requests };
}

describe('settings / email', () => {
  it('says where the SMTP URL comes from, never shows it, and replaces it only when typed', async () => {
    const { requests } = emailSettingsApi();
    const { user } = renderApp('/settings/email');
    expect(await screen.findByTestId('smtp-source')).toHaveTextContent(
      'Configured from the environment (SMTP_URL).',
    );
    const url = screen.getByLabelText('Replace the SMTP URL');
    expect(url).toHaveValue('');
    expect(screen.getByLabelText('From')).toHaveValue('Acme Billing <billing@acme.example>');

    // From and Reply-To alone: the stored URL is kept (no smtpUrl sent)
    await user.type(screen.getByLabelText('Reply-To'), 'ar@acme.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    expect(requests.find((r) => r.method === 'PUT')!.body).toEqual({
      from: 'Acme Billing <billing@acme.example>',
      replyTo: 'ar@acme.example',
    });

    await user.type(url, 'http://mail.example.com');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(url).toHaveAccessibleDescription(/must look like smtp:\/\/user:password@host:587/);
    await user.clear(url);
    await user.type(url, 'smtp://mailer:secret@smtp.example.com:587');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(2));
    expect(requests.filter((r) => r.method === 'PUT')[1]!.body).toMatchObject({
      smtpUrl: 'smtp://mailer:secret@smtp.example.com:587',
    });
    expect(await screen.findByTestId('smtp-source')).toHaveTextContent(
      'Configured here (stored encrypted).',
    );
    // write-only: the field is empty again
    expect(screen.getByLabelText('Replace the SMTP URL')).toHaveValue('');
  });

  it('can forget a stored URL, and says when nothing is configured', async () => {
    const { requests } = emailSettingsApi({ smtpSource: 'settings' });
    const { user } = renderApp('/settings/email');
    await user.click(await screen.findByLabelText(/Forget the stored URL/));
    expect(screen.getByLabelText('Replace the SMTP URL')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ smtpUrl: null }),
    );

    emailSettingsApi({ smtpSource: 'none', smtpConfigured: false });
    renderApp('/settings/email');
    expect(
      await screen.findByText('Not configured: emails wait in the queue until a server is set.'),
    ).toBeInTheDocument();
  });

  it('sends a test email to the signed-in user, then says what the server answered', async () => {
    const { requests } = emailSettingsApi();
    const { user } = renderApp('/settings/email');
    const card = (await screen.findByRole('heading', { name: 'Send a test email' })).closest(
      'section',
    )!;
    expect(within(card).getByLabelText('Send to')).toHaveValue(testUser.email);
    await user.click(within(card).getByRole('button', { name: 'Send test email' }));

    expect(
      await within(card).findByText(/Test email sent to ada@msp.example/, {}, { timeout: 4000 }),
    ).toHaveTextContent('The server answered: 250 2.0.0 OK queued as 4F1.');
    expect(within(card).getByRole('link', { name: 'Open the email' })).toHaveAttribute(
      'href',
      `/emails/${TEST_ID}`,
    );
    const post = requests.find((r) => r.path === '/api/v1/settings/email/test')!;
    expect(post.body).toEqual({ to: testUser.email });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('shows why a test email failed', async () => {
    emailSettingsApi();
    server.use(
      api.get('/api/v1/emails/{id}', () =>
        HttpResponse.json(
          emailDetail({
            id: TEST_ID,
            status: 'failed',
            lastError: 'Invalid login: 535 Authentication failed',
          }),
        ),
      ),
    );
    const { user } = renderApp('/settings/email');
    await user.click(await screen.findByRole('button', { name: 'Send test email' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The test email was not sent: Invalid login: 535 Authentication failed.',
    );
  });

  it('lists the templates, edits one with a live preview, saves and resets it', async () => {
    const { requests } = emailSettingsApi();
    const { user } = renderApp('/settings/email');
    const table = await screen.findByRole('table', { name: 'Email templates' });
    await within(table).findByRole('button', { name: 'Edit Payment receipt' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Payment receipt', 'Receipts', 'Receipt for payment {paymentNumber}'],
      ['Account summary Customized', 'Statements', 'Your statement from Acme IT'],
    ]);

    await user.click(within(table).getByRole('button', { name: 'Edit Payment receipt' }));
    const subject = await screen.findByLabelText('Subject');
    expect(subject).toHaveValue('Receipt for payment {paymentNumber}');
    expect(screen.getByLabelText('Intro')).toHaveValue('Thank you: we received your payment.');
    expect(screen.getByRole('list', { name: 'Placeholders' })).toHaveTextContent('{paymentNumber}');
    expect(await screen.findByTestId('preview-subject')).toHaveTextContent(
      'Receipt for payment PAY-000042',
    );
    const frame = screen.getByTitle('Template preview');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(screen.getByRole('button', { name: 'Reset to default' })).toBeDisabled();

    // typing re-renders the preview through the API, unsaved
    await user.clear(subject);
    await user.type(subject, 'Thanks! Payment {{paymentNumber} received');
    await waitFor(() =>
      expect(screen.getByTestId('preview-subject')).toHaveTextContent(
        'Thanks! Payment PAY-000042 received',
      ),
    );
    const previews = requests.filter((r) => r.path.endsWith('/preview'));
    expect(previews.at(-1)!.body).toEqual({
      subject: 'Thanks! Payment {paymentNumber} received',
      intro: 'Thank you: we received your payment.',
    });
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    // the frame shows the same unsaved texts, as the API's HTML document
    const shown = new URL(screen.getByTitle('Template preview').getAttribute('src')!, 'http://x');
    expect(shown.pathname).toBe('/api/v1/settings/email/templates/payment_receipt/preview.html');
    expect(Object.fromEntries(shown.searchParams)).toEqual({
      subject: 'Thanks! Payment {paymentNumber} received',
      intro: 'Thank you: we received your payment.',
    });

    await user.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/settings/email/templates/payment_receipt');
    // the untouched intro stays the default (null), so a better default reaches it later
    expect(put.body).toEqual({ subject: 'Thanks! Payment {paymentNumber} received', intro: null });
    expect(await screen.findByText('Payment receipt email saved')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reset to default' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset to the default text?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(2));
    expect(requests.filter((r) => r.method === 'PUT')[1]!.body).toEqual({
      subject: null,
      intro: null,
    });
    await waitFor(() =>
      expect(screen.getByLabelText('Subject')).toHaveValue('Receipt for payment {paymentNumber}'),
    );

    await user.click(screen.getByRole('button', { name: '‹ All templates' }));
    expect(await screen.findByRole('table', { name: 'Email templates' })).toBeInTheDocument();
  });

  it('shows a refused preview in place of the frame', async () => {
    emailSettingsApi();
    server.use(
      api.post('/api/v1/settings/email/templates/{type}/preview', () =>
        problem(400, 'Invalid request: subject must be at most 200 characters'),
      ),
    );
    const { user } = renderApp('/settings/email');
    await user.click(await screen.findByRole('button', { name: 'Edit Account summary' }));
    expect(
      await screen.findByText('Invalid request: subject must be at most 200 characters'),
    ).toBeInTheDocument();
    expect(screen.queryByTitle('Template preview')).not.toBeInTheDocument();
  });

  it('is for administrators only', async () => {
    server.use(...sessionHandlers({ role: 'billing' }));
    renderApp('/settings/email');
    expect(await screen.findByText('Administrators only')).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(within(tabs).queryByRole('link', { name: 'Email' })).not.toBeInTheDocument();
  });
});
