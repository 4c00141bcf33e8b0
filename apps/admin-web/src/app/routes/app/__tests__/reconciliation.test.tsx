import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type {
  ReconciliationDifference,
  ReconciliationDifferenceKind,
  ReconciliationRun,
} from '@/features/reconciliation/api/types';
import { organizationSummary, page } from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

type Run = ReconciliationRun;

const RUN = 'eeeeeeee-0000-4000-8000-000000000001';
const OLD_RUN = 'eeeeeeee-0000-4000-8000-000000000002';
const ORG_A = '00000000-0000-4000-8000-0000000000a1';
const ORG_B = '00000000-0000-4000-8000-0000000000b2';
const PAYMENT = 'cccccccc-0000-4000-8000-000000000101';

/** Last month seen from Dec 3, 2026 in Chicago: November. */
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/** Every kind at 0 but the ones given. */
function byKind(counts: Partial<Record<ReconciliationDifferenceKind, number>> = {}) {
  return {
    not_yet_synced: 0,
    sync_failed: 0,
    dismissed_recorded_by_hand: 0,
    missing_in_accounting: 0,
    amount_differs_in_accounting: 0,
    reversal_missing_in_accounting: 0,
    recorded_only_in_accounting: 0,
    missing_at_gateway: 0,
    amount_differs_at_gateway: 0,
    refunded_at_gateway_only: 0,
    charge_only_at_gateway: 0,
    ...counts,
  };
}

function run(overrides: Partial<Run> = {}): Run {
  return {
    id: RUN,
    status: 'completed',
    ...NOVEMBER,
    organizationId: null,
    organizationName: null,
    progress: { stage: 'done', done: 0, total: 0 },
    error: null,
    createdAt: '2026-12-03T15:00:00Z',
    startedAt: '2026-12-03T15:00:01Z',
    finishedAt: '2026-12-03T15:00:09Z',
    requestedBy: 'Ada Admin',
    sources: {
      accounting: { kind: 'quickbooks', name: 'Harbor IT Books' },
      gateway: { kind: 'stripe' },
    },
    totals: {
      currency: 'USD',
      settle: { count: 12, amount: 1_234_500 },
      accounting: { count: 11, amount: 1_199_500 },
      gateway: { count: 13, amount: 1_254_500 },
      matched: { count: 10, amount: 1_100_000 },
      differences: {
        count: 3,
        byKind: byKind({
          amount_differs_in_accounting: 1,
          sync_failed: 1,
          charge_only_at_gateway: 1,
        }),
      },
    },
    ...overrides,
  };
}

const differences: ReconciliationDifference[] = [
  {
    id: 'dddddddd-0000-4000-8000-000000000001',
    kind: 'amount_differs_in_accounting',
    organizationId: ORG_A,
    organizationName: 'Bluebird Dental',
    paymentId: PAYMENT,
    paymentReference: 'PAY-000101',
    accountingPaymentId: '4021',
    gatewayChargeRef: 'ch_123',
    settleAmount: 50_000,
    accountingAmount: 45_000,
    gatewayAmount: 50_000,
    currency: 'USD',
    occurredOn: '2026-11-12',
    explanation: 'PAY-000101 is $500.00 in Settle and at Stripe, but $450.00 in QuickBooks.',
    whatToDo: 'Correct the payment’s amount in QuickBooks to $500.00.',
  },
  {
    id: 'dddddddd-0000-4000-8000-000000000002',
    kind: 'sync_failed',
    organizationId: ORG_A,
    organizationName: 'Bluebird Dental',
    paymentId: 'cccccccc-0000-4000-8000-000000000102',
    paymentReference: 'PAY-000102',
    accountingPaymentId: null,
    gatewayChargeRef: 'ch_456',
    settleAmount: 30_000,
    accountingAmount: null,
    gatewayAmount: 30_000,
    currency: 'USD',
    occurredOn: '2026-11-14',
    explanation: 'QuickBooks refused PAY-000102: the invoice was deleted and recreated.',
    whatToDo: 'Resolve it in Payments failing to sync.',
  },
  {
    id: 'dddddddd-0000-4000-8000-000000000003',
    kind: 'charge_only_at_gateway',
    organizationId: null,
    organizationName: null,
    paymentId: null,
    paymentReference: null,
    accountingPaymentId: null,
    gatewayChargeRef: 'ch_789',
    settleAmount: null,
    accountingAmount: null,
    gatewayAmount: 20_000,
    currency: 'USD',
    occurredOn: '2026-11-20',
    explanation: 'Stripe charged $200.00 (ch_789) on Nov 20 that Settle did not make.',
    whatToDo: 'Find who made the charge in the Stripe dashboard; refund it or record it.',
  },
];

const organizations = [
  {
    organizationId: ORG_A,
    name: 'Bluebird Dental',
    currency: 'USD',
    settleAmount: 80_000,
    accountingAmount: 45_000,
    gatewayAmount: 80_000,
    differenceCount: 2,
  },
  {
    organizationId: ORG_B,
    name: 'Cobalt Law',
    currency: 'USD',
    settleAmount: 1_154_500,
    accountingAmount: 1_154_500,
    gatewayAmount: 1_154_500,
    differenceCount: 0,
  },
];

/** The reconciliation API: `runs` are the previous runs; `current` answers GET /runs/{id}. */
function reconciliationApi({
  runs = [] as Run[],
  current = () => run(),
}: { runs?: Run[]; current?: () => Run } = {}) {
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/reconciliation/runs', () => HttpResponse.json(page(runs, 5))),
    api.get('/api/v1/reconciliation/runs/{id}', ({ params }) =>
      HttpResponse.json(params.id === OLD_RUN ? run({ id: OLD_RUN, ...NOVEMBER }) : current()),
    ),
    api.get('/api/v1/reconciliation/runs/{id}/organizations', () =>
      HttpResponse.json(page(organizations, 10)),
    ),
    api.get('/api/v1/reconciliation/runs/{id}/differences', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const organizationId = query.get('organizationId');
      const kind = query.get('kind');
      return HttpResponse.json(
        page(
          differences.filter(
            (d) =>
              (!organizationId || d.organizationId === organizationId) &&
              (!kind || d.kind === kind),
          ),
        ),
      );
    }),
  );
  return { requests };
}

describe('reconciliation', () => {
  beforeEach(() => {
    // Dec 3, 2026 in Chicago (the MSP's zone): last month is November
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T18:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs last month by default and follows the run stage by stage until it is done', async () => {
    let polls = 0;
    const { requests } = reconciliationApi({
      current: () => {
        polls += 1;
        if (polls === 1)
          return run({
            status: 'running',
            progress: { stage: 'accounting', done: 120, total: 300 },
            totals: null,
            finishedAt: null,
          });
        if (polls === 2)
          return run({
            status: 'running',
            progress: { stage: 'matching', done: 0, total: 0 },
            totals: null,
            finishedAt: null,
          });
        return run();
      },
    });
    server.use(
      api.post('/api/v1/reconciliation/runs', () =>
        HttpResponse.json(
          run({
            status: 'queued',
            progress: { stage: 'payments', done: 0, total: 0 },
            totals: null,
            startedAt: null,
            finishedAt: null,
          }),
          { status: 202 },
        ),
      ),
    );
    const { user } = renderApp('/reconciliation');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Reconciliation' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveValue(NOVEMBER.from);
    expect(screen.getByLabelText('To')).toHaveValue(NOVEMBER.to);
    expect(screen.getByRole('button', { name: 'Last month' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await screen.findByText('No reconciliation has been run yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual(NOVEMBER);

    // running: where it is, stage by stage, with its count
    const stages = await screen.findByRole('list', { name: 'Progress' });
    await waitFor(() =>
      expect(
        within(stages)
          .getAllByRole('listitem')
          .map((li) => li.dataset.state),
      ).toEqual(['done', 'current', 'waiting', 'waiting']),
    );
    expect(screen.getByText('Reading QuickBooks payments…')).toBeInTheDocument();
    expect(within(stages).getAllByRole('listitem')[1]).toHaveTextContent(
      'QuickBooks payments120 of 300',
    );
    expect(
      screen.getByRole('progressbar', { name: 'QuickBooks payments: 120 of 300' }),
    ).toBeInTheDocument();

    // done: the three sources, what matched and how many differ
    const settle = (await screen.findByText('Settle', { selector: 'dt' }, { timeout: 6000 }))
      .parentElement!;
    expect(settle).toHaveTextContent('Settle$12,345.0012 payments');
    expect(screen.getByText('QuickBooks', { selector: 'dt' }).parentElement).toHaveTextContent(
      'QuickBooks$11,995.0011 payments · Harbor IT Books',
    );
    expect(screen.getByText('Stripe', { selector: 'dt' }).parentElement).toHaveTextContent(
      'Stripe$12,545.0013 charges',
    );
    expect(screen.getByText('Matched', { selector: 'dt' }).parentElement).toHaveTextContent(
      'Matched$11,000.0010 payments agree everywhere',
    );
    expect(screen.getByText('Differences', { selector: 'dt' }).parentElement).toHaveTextContent(
      'Differences3',
    );
    expect(screen.queryByRole('list', { name: 'Progress' })).not.toBeInTheDocument();
    expect(
      screen.getByRole('figure', {
        name: 'Differences by kind chart. Sync failed: 1; Amount differs in QuickBooks: 1; Charge only at the gateway: 1',
      }),
    ).toBeInTheDocument();

    // finished: no more asking
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(polls - after).toBeLessThanOrEqual(1);
  }, 20_000);

  it('lists every difference explained, side by side, and narrows it to an organization', async () => {
    const { requests } = reconciliationApi({ runs: [run()] });
    const { user } = renderApp(`/reconciliation?run=${RUN}`);
    const list = await screen.findByRole('list', { name: 'Differences' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);

    const [edited, failed, outside] = items as [HTMLElement, HTMLElement, HTMLElement];
    expect(edited).toHaveTextContent('Amount differs in QuickBooks');
    expect(edited).toHaveTextContent('Bluebird Dental');
    expect(within(edited).getByLabelText('Amounts')).toHaveTextContent(
      'Settle$500.00QuickBooks$450.00Stripe$500.00',
    );
    expect(edited).toHaveTextContent(
      'PAY-000101 is $500.00 in Settle and at Stripe, but $450.00 in QuickBooks.',
    );
    expect(edited).toHaveTextContent(
      'What to do: Correct the payment’s amount in QuickBooks to $500.00.',
    );
    expect(within(edited).getByRole('link', { name: 'Payment PAY-000101' })).toHaveAttribute(
      'href',
      `/payments/${PAYMENT}`,
    );
    expect(
      within(edited).queryByRole('link', { name: 'Payments failing to sync' }),
    ).not.toBeInTheDocument();

    expect(failed).toHaveTextContent('Sync failed');
    expect(within(failed).getByLabelText('Amounts')).toHaveTextContent(
      'Settle$300.00QuickBooks—Stripe$300.00',
    );
    expect(within(failed).getByRole('link', { name: 'Payments failing to sync' })).toHaveAttribute(
      'href',
      '/payments?accountingSync=failed',
    );

    expect(outside).toHaveTextContent('Charge only at the gateway');
    expect(outside).toHaveTextContent('No organization');
    expect(within(outside).getByLabelText('Amounts')).toHaveTextContent(
      'Settle—QuickBooks—Stripe$200.00',
    );
    expect(within(outside).queryByRole('link', { name: /Payment/ })).not.toBeInTheDocument();

    // the organizations table, worst first; a click narrows the differences to one organization
    const table = screen.getByRole('table', { name: 'Organizations in this reconciliation' });
    const row = within(table).getByRole('button', { name: 'Bluebird Dental' }).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Bluebird Dental', '$800.00', '$450.00', '$800.00', '2']);
    await user.click(within(table).getByRole('button', { name: 'Bluebird Dental' }));
    expect(await screen.findByText(/Showing the differences of/)).toHaveTextContent(
      'Bluebird Dental',
    );
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Differences' })).getAllByRole('listitem'),
      ).toHaveLength(2),
    );
    const narrowed = requests
      .filter((r) => r.path === `/api/v1/reconciliation/runs/${RUN}/differences`)
      .at(-1);
    expect(new URLSearchParams(narrowed?.search).get('organizationId')).toBe(ORG_A);

    await user.click(screen.getByRole('button', { name: 'Show all organizations' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Differences' })).getAllByRole('listitem'),
      ).toHaveLength(3),
    );
  });

  it('says everything matches when a run finds no difference', async () => {
    reconciliationApi({
      current: () =>
        run({
          totals: {
            currency: 'USD',
            settle: { count: 3, amount: 123_400 },
            accounting: { count: 3, amount: 123_400 },
            gateway: { count: 3, amount: 123_400 },
            matched: { count: 3, amount: 123_400 },
            differences: { count: 0, byKind: byKind() },
          },
        }),
    });
    renderApp(`/reconciliation?run=${RUN}`);
    expect(
      await screen.findByText(
        'Everything matches: 3 payments, $1,234.00, in Settle, QuickBooks and the gateway.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Differences' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Organizations in this reconciliation' }),
    ).not.toBeInTheDocument();
  });

  it('says there was nothing to compare when no side has a payment in the period', async () => {
    const none = { count: 0, amount: 0 };
    reconciliationApi({
      current: () =>
        run({
          totals: {
            currency: 'USD',
            settle: none,
            accounting: none,
            gateway: none,
            matched: none,
            differences: { count: 0, byKind: byKind() },
          },
        }),
    });
    renderApp(`/reconciliation?run=${RUN}`);
    expect(await screen.findByText('No payments in this period')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Stripe, QuickBooks and Settle have no payment or charge dated in it, so there was nothing to compare.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Everything matches/)).not.toBeInTheDocument();
  });

  it('shows QuickBooks as not connected, and compares only Settle and the gateway', async () => {
    reconciliationApi({
      current: () =>
        run({
          sources: { accounting: null, gateway: { kind: 'sandbox' } },
          totals: {
            currency: 'USD',
            settle: { count: 2, amount: 5_000 },
            accounting: null,
            gateway: { count: 2, amount: 5_000 },
            matched: { count: 2, amount: 5_000 },
            differences: { count: 0, byKind: byKind() },
          },
        }),
    });
    renderApp(`/reconciliation?run=${RUN}`);
    expect(
      await screen.findByText(
        'Everything matches: 2 payments, $50.00, in Settle and the gateway (QuickBooks is not connected, so it was not compared).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('QuickBooks', { selector: 'dt' }).parentElement).toHaveTextContent(
      'QuickBooksNot connected',
    );
    expect(screen.getByText('Sandbox gateway', { selector: 'dt' }).parentElement).toHaveTextContent(
      '$50.002 charges',
    );
  });

  it('says why an attempt failed while the run waits to try again', async () => {
    reconciliationApi({
      current: () =>
        run({
          status: 'queued',
          progress: { stage: 'gateway', done: 0, total: 0 },
          totals: null,
          finishedAt: null,
          error: 'Attempt 1 of 3 failed: Stripe did not answer. Settle is trying again.',
        }),
    });
    renderApp(`/reconciliation?run=${RUN}`);
    expect(await screen.findByText('Waiting to try again.')).toBeInTheDocument();
    expect(
      screen.getByText('Attempt 1 of 3 failed: Stripe did not answer. Settle is trying again.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('This reconciliation failed')).not.toBeInTheDocument();
  });

  it('says why a run failed and runs it again with the same period and organization', async () => {
    const failedRun = run({
      status: 'failed',
      organizationId: ORG_A,
      organizationName: 'Bluebird Dental',
      totals: null,
      error:
        'QuickBooks refused the connection: the sign-in has expired. Reconnect QuickBooks in Integrations.',
    });
    const { requests } = reconciliationApi({ runs: [failedRun], current: () => failedRun });
    server.use(
      api.post('/api/v1/reconciliation/runs', () =>
        HttpResponse.json(run({ id: OLD_RUN, status: 'queued', totals: null }), { status: 202 }),
      ),
    );
    const { user } = renderApp(`/reconciliation?run=${RUN}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This reconciliation failed');
    expect(alert).toHaveTextContent('QuickBooks refused the connection: the sign-in has expired.');
    expect(
      screen.getByRole('heading', { name: 'Nov 1, 2026 – Nov 30, 2026 · Bluebird Dental' }),
    ).toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Run again' }));
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
        ...NOVEMBER,
        organizationId: ORG_A,
      }),
    );
    await waitFor(() => expect(window.location.search).toBe(`?run=${OLD_RUN}`));
    // the new run opens (and is read within this test)
    expect(await screen.findByRole('list', { name: 'Differences' })).toBeInTheDocument();
  });

  it('refuses a period that ends before it starts or is longer than 366 days, before asking the API', async () => {
    const { requests } = reconciliationApi();
    const { user } = renderApp('/reconciliation');
    const from = await screen.findByLabelText('From');
    const to = screen.getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2026-11-20');
    await user.clear(to);
    await user.type(to, '2026-11-10');
    await user.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    expect(
      await screen.findByText('The last day must be on or after the first'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Last month' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await user.clear(from);
    await user.type(from, '2025-01-01');
    await user.clear(to);
    await user.type(to, '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    expect(
      await screen.findByText('A run covers at most 366 days; this period has 699'),
    ).toBeInTheDocument();

    await user.clear(from);
    await user.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    expect(await screen.findByText('Enter the first day of the period')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    // a preset puts a valid period back
    await user.click(screen.getByRole('button', { name: 'Last 90 days' }));
    expect(from).toHaveValue('2026-09-05');
    expect(to).toHaveValue('2026-12-03');
    expect(screen.queryByText('Enter the first day of the period')).not.toBeInTheDocument();
  });

  it('shows the field the API refused', async () => {
    reconciliationApi();
    server.use(
      api.post('/api/v1/reconciliation/runs', () =>
        problem(400, 'The request is not valid.', {
          errors: [{ field: 'to', message: 'to must be on or before today' }],
        }),
      ),
    );
    const { user } = renderApp('/reconciliation');
    await user.click(await screen.findByRole('button', { name: 'Run reconciliation' }));
    expect(await screen.findByText('to must be on or before today')).toBeInTheDocument();
  });

  it('reopens a previous run from the list', async () => {
    const older = run({ id: OLD_RUN, from: '2026-10-01', to: '2026-10-31' });
    reconciliationApi({ runs: [older] });
    const { user } = renderApp('/reconciliation');
    const table = await screen.findByRole('table', { name: 'Previous runs' });
    await user.click(
      await within(table).findByRole('button', { name: 'Oct 1, 2026 – Oct 31, 2026' }),
    );
    await waitFor(() => expect(window.location.search).toBe(`?run=${OLD_RUN}`));
    expect(await screen.findByRole('list', { name: 'Differences' })).toBeInTheDocument();
  });

  it('preselects the organization the organization page links with', async () => {
    const { requests } = reconciliationApi();
    server.use(
      api.get('/api/v1/organizations/{id}', () =>
        HttpResponse.json({ id: ORG_B, name: 'Cobalt Law' } as never),
      ),
      api.post('/api/v1/reconciliation/runs', () =>
        HttpResponse.json(run({ status: 'queued', totals: null }), { status: 202 }),
      ),
    );
    const { user } = renderApp(`/reconciliation?organizationId=${ORG_B}`);
    expect(await screen.findByText('Cobalt Law', { selector: 'strong' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
        ...NOVEMBER,
        organizationId: ORG_B,
      }),
    );

    // Change: back to the search; another organization is found by typing its name
    server.use(
      api.get('/api/v1/organizations', () =>
        HttpResponse.json(page([organizationSummary({ id: ORG_A, name: 'Bluebird Dental' })], 8)),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Change' }));
    await user.type(screen.getByRole('combobox', { name: /All organizations/ }), 'blue');
    await user.click(await screen.findByRole('option', { name: 'Bluebird Dental' }));
    expect(screen.getByText('Bluebird Dental', { selector: 'strong' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run reconciliation' }));
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({
        ...NOVEMBER,
        organizationId: ORG_A,
      }),
    );
    expect(await screen.findByRole('list', { name: 'Differences' })).toBeInTheDocument();
  });

  it('is not offered to viewers (the API refuses them)', async () => {
    server.use(...sessionHandlers({ role: 'viewer' }));
    renderApp('/reconciliation');
    expect(
      await screen.findByText('Reconciliation is for administrators and billing staff'),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Reconciliation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run reconciliation' })).not.toBeInTheDocument();
  });
});
