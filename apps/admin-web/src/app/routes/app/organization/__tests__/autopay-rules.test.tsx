import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoCompany, page } from '@/testing/ar-fixtures';
import { autopayRule } from '@/testing/autopay-fixtures';
import { api, noContent, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { openInvoices, paymentMethods } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

type Rule = components['schemas']['AutopayRuleResponseDto'];

const RULE_2 = 'aaaaaaaa-0000-4000-8000-000000000002';

/** One organization's AutoPay rules, kept in memory as the API keeps them; `overrides` answer first. */
function rulesApi(initial: Rule[], ...overrides: HttpHandler[]) {
  let rules = initial.map((r) => ({ ...r }));
  const requests = recordRequests();
  const renumber = () => rules.forEach((r, i) => (r.position = i + 1));
  server.use(
    ...overrides,
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    // the menu's Open Invoices count
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 1))),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: paymentMethods }),
    ),
    api.get('/api/v1/organizations/{organizationId}/autopay-rules', () =>
      HttpResponse.json({ data: rules }),
    ),
    api.post('/api/v1/organizations/{organizationId}/autopay-rules', async ({ request }) => {
      const body = await request.json();
      const created = autopayRule({
        id: 'aaaaaaaa-0000-4000-8000-0000000000ff',
        position: rules.length + 1,
        paymentMethodId: body.paymentMethodId ?? null,
        trigger: {
          type: body.trigger.type,
          days: body.trigger.days ?? null,
          dayOfMonth: body.trigger.dayOfMonth ?? null,
        },
        criteria: {
          maxAmount: body.criteria?.maxAmount ?? null,
          terms: body.criteria?.terms ?? [],
          sources: body.criteria?.sources ?? [],
        },
        approval: body.approval ?? 'never',
        approvalThreshold: body.approvalThreshold ?? null,
      });
      rules.push(created);
      return HttpResponse.json(created, { status: 201 });
    }),
    api.patch('/api/v1/autopay-rules/{id}', async ({ params, request }) => {
      const body = await request.json();
      const rule = rules.find((r) => r.id === params.id)!;
      Object.assign(rule, body);
      return HttpResponse.json(rule);
    }),
    api.put('/api/v1/organizations/{organizationId}/autopay-rules/order', async ({ request }) => {
      const { ruleIds } = await request.json();
      rules = ruleIds.map((id) => rules.find((r) => r.id === id)!);
      renumber();
      return HttpResponse.json({ data: rules });
    }),
    api.delete('/api/v1/autopay-rules/{id}', ({ params }) => {
      rules = rules.filter((r) => r.id !== params.id);
      renumber();
      return noContent();
    }),
  );
  return { requests };
}

const officeVisa = autopayRule({
  paymentMethodId: 'pm-default',
  criteria: { maxAmount: 100000, terms: [], sources: [] },
  approval: 'above',
  approvalThreshold: 50000,
});
const broken = autopayRule({
  id: RULE_2,
  position: 2,
  paymentMethodId: 'pm-locked',
  trigger: { type: 'day_of_month', days: null, dayOfMonth: 15 },
  valid: false,
  locked: true,
  problems: [{ code: 'method_locked', message: 'The payment method Old bank account is locked' }],
});

describe('organization AutoPay rules', () => {
  it('lists the rules in order in plain words, flags a rule that cannot charge, and reorders', async () => {
    const { requests } = rulesApi([officeVisa, broken]);
    const { user } = renderApp(`/organizations/${ORG_ID}/autopay`);

    const list = await screen.findByRole('list', { name: /AutoPay rules, in the order/ });
    // the rules themselves, not the problems listed inside one
    const rules = () => Array.from(list.children) as HTMLElement[];
    const [first, second] = rules();
    await waitFor(() =>
      expect(first).toHaveTextContent(
        'On the due date, charge Company Visa; up to $1,000.00; needs approval above $500.00',
      ),
    );
    expect(second).toHaveTextContent(
      'On the 15th of the month, charge Old bank account; no approval needed',
    );
    expect(second).toHaveTextContent('Cannot charge');
    expect(second).toHaveTextContent('Locked');
    expect(within(second!).getByRole('list', { name: 'Problems of rule 2' })).toHaveTextContent(
      'The payment method Old bank account is locked',
    );
    expect(screen.getByRole('button', { name: 'Move rule 1 up' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    await waitFor(() => expect(rules()[0]).toHaveTextContent('On the 15th'));
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.body).toEqual({ ruleIds: [RULE_2, officeVisa.id] });
  });

  it('says so when there are no rules', async () => {
    rulesApi([]);
    renderApp(`/organizations/${ORG_ID}/autopay`);
    expect(await screen.findByText('No AutoPay rules')).toBeInTheDocument();
  });

  it('checks the rule form before sending it, then sends the API body', async () => {
    const { requests } = rulesApi([]);
    const { user } = renderApp(`/organizations/${ORG_ID}/autopay`);
    await user.click(await screen.findByRole('button', { name: 'Add rule' }));
    const form = screen.getByRole('form', { name: 'Add AutoPay rule' });

    const days = within(form).getByLabelText('Days');
    await user.clear(days);
    await user.type(days, '400');
    await user.selectOptions(within(form).getByLabelText('Needs approval'), 'above');
    await user.type(within(form).getByLabelText('Only invoices from (optional)'), 'Connect Wise');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));

    expect(await within(form).findByText('Enter a number from -365 to 365')).toBeInTheDocument();
    expect(within(form).getByLabelText('Days')).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(form).getByText('Enter the amount above which a charge needs approval'),
    ).toBeInTheDocument();
    expect(within(form).getByText(/Sources are names such as connectwise/)).toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText('When to charge'), 'day_of_month');
    await user.type(within(form).getByLabelText('Day of the month'), '32');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await within(form).findByText('Enter a number from 1 to 31')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    const day = within(form).getByLabelText('Day of the month');
    await user.clear(day);
    await user.type(day, '15');
    await user.selectOptions(within(form).getByLabelText('Payment method'), 'pm-ops');
    await user.type(within(form).getByLabelText('Charge at most (optional)'), '1,000');
    await user.type(within(form).getByLabelText('Needs approval above'), '500');
    const sources = within(form).getByLabelText('Only invoices from (optional)');
    await user.clear(sources);
    await user.type(sources, 'connectwise');
    await user.type(within(form).getByLabelText('Only invoices with terms (optional)'), 'Net 30');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));

    await waitFor(() =>
      expect(screen.queryByRole('form', { name: 'Add AutoPay rule' })).not.toBeInTheDocument(),
    );
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      paymentMethodId: 'pm-ops',
      trigger: { type: 'day_of_month', dayOfMonth: 15 },
      criteria: { maxAmount: 100000, terms: ['Net 30'], sources: ['connectwise'] },
      approval: 'above',
      approvalThreshold: 50000,
      enabled: true,
      locked: false,
    });
    expect(
      await screen.findByText(
        'On the 15th of the month, charge Operating account; up to $1,000.00; only invoices with terms Net 30; only invoices from connectwise; needs approval above $500.00',
      ),
    ).toBeInTheDocument();
  });

  it('shows the API’s field errors on the fields', async () => {
    rulesApi(
      [],
      api.post('/api/v1/organizations/{organizationId}/autopay-rules', () =>
        problem(400, 'Validation failed', {
          errors: [
            { field: 'trigger.days', message: 'must not be greater than 365' },
            { field: 'criteria.terms.0', message: 'must contain strings of at most 60 characters' },
          ],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/autopay`);
    await user.click(await screen.findByRole('button', { name: 'Add rule' }));
    const form = screen.getByRole('form', { name: 'Add AutoPay rule' });
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await within(form).findByText('must not be greater than 365')).toBeInTheDocument();
    expect(within(form).getByLabelText('Days')).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(form).getByText('must contain strings of at most 60 characters'),
    ).toBeInTheDocument();
  });

  it('switches a rule off, and deletes one after asking', async () => {
    const { requests } = rulesApi([officeVisa, broken]);
    const { user } = renderApp(`/organizations/${ORG_ID}/autopay`);
    const list = await screen.findByRole('list', { name: /AutoPay rules, in the order/ });
    const first = within(list).getAllByRole('listitem')[0]!;
    await user.click(within(first).getByLabelText('Enabled'));
    await waitFor(() => expect(first).toHaveTextContent('Disabled'));
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      enabled: false,
      locked: false,
    });

    await user.click(screen.getByRole('button', { name: 'Delete rule 2' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete AutoPay rule' });
    expect(dialog).toHaveTextContent('Rule 2 (“On the 15th of the month');
    await user.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    await waitFor(() => expect(within(list).queryByText(/On the 15th/)).not.toBeInTheDocument());
    expect(requests.some((r) => r.method === 'DELETE' && r.path.endsWith(RULE_2))).toBe(true);
  });
});
