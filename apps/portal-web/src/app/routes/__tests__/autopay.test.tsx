import type { components } from '@settle/api-client';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { allRights, card, signedIn } from '@/testing/mocks/portal';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

type Rule = components['schemas']['AutopayRuleResponseDto'];
type RuleBody = components['schemas']['PortalUpdateAutopayRuleDto'];

const BASE = '/api/v1/portal/organizations/:organizationId';

const problem = (status: number, detail: string, errors?: { field: string; message: string }[]) =>
  HttpResponse.json(
    { type: 'about:blank', title: 'Error', status, detail, requestId: 'r', errors },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

function rule(position: number, overrides: Partial<Rule> = {}): Rule {
  return {
    id: `3e000000-0000-4000-8000-00000000000${position}`,
    organizationId: '0b5c7a52-6c1e-4a8e-9d0a-1f1f5d7d0001',
    position,
    paymentMethodId: null,
    trigger: { type: 'days_after_due', days: 3, dayOfMonth: null },
    criteria: { maxAmount: null, terms: [], sources: [] },
    approval: 'never',
    approvalThreshold: null,
    enabled: true,
    locked: false,
    valid: true,
    problems: [],
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

/** What the API stores from a body: a new trigger replaces the old one whole. */
function applied(r: Rule, body: RuleBody): Partial<Rule> {
  return {
    enabled: body.enabled ?? r.enabled,
    paymentMethodId: body.paymentMethodId !== undefined ? body.paymentMethodId : r.paymentMethodId,
    trigger: body.trigger
      ? {
          type: body.trigger.type,
          days: body.trigger.days ?? null,
          dayOfMonth: body.trigger.dayOfMonth ?? null,
        }
      : r.trigger,
    criteria: {
      ...r.criteria,
      ...(body.criteria?.maxAmount !== undefined ? { maxAmount: body.criteria.maxAmount } : {}),
    },
  };
}

/** The rules endpoints over a list the test can read back; records what was sent. */
function rulesApi(initial: Rule[]) {
  let rules = [...initial];
  const sent: { method: string; id?: string; body?: unknown }[] = [];
  server.use(
    http.get(`${BASE}/autopay-rules`, () => HttpResponse.json({ data: rules })),
    http.post(`${BASE}/autopay-rules`, async ({ request }) => {
      const body = (await request.json()) as RuleBody;
      sent.push({ method: 'POST', body });
      const created = rule(rules.length + 1, applied(rule(0), body));
      rules = [...rules, created];
      return HttpResponse.json(created, { status: 201 });
    }),
    http.patch(`${BASE}/autopay-rules/:ruleId`, async ({ request, params }) => {
      const body = (await request.json()) as RuleBody;
      sent.push({ method: 'PATCH', id: String(params.ruleId), body });
      rules = rules.map((r) => (r.id === params.ruleId ? { ...r, ...applied(r, body) } : r));
      return HttpResponse.json(rules.find((r) => r.id === params.ruleId));
    }),
    http.delete(`${BASE}/autopay-rules/:ruleId`, ({ params }) => {
      sent.push({ method: 'DELETE', id: String(params.ruleId) });
      const target = rules.find((r) => r.id === params.ruleId);
      if (target?.locked)
        return problem(409, 'This AutoPay rule is locked by your service provider');
      rules = rules.filter((r) => r.id !== params.ruleId);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return sent;
}

describe('AutoPay', () => {
  it('lists the rules in plain words; a locked rule is read-only', async () => {
    signedIn();
    rulesApi([
      rule(1, {
        paymentMethodId: card.id,
        criteria: { maxAmount: 50000, terms: ['Net 30'], sources: [] },
      }),
      rule(2, {
        locked: true,
        trigger: { type: 'day_of_month', days: null, dayOfMonth: 31 },
        approval: 'always',
      }),
      rule(3, {
        enabled: false,
        valid: false,
        trigger: { type: 'days_after_due', days: -2, dayOfMonth: null },
        problems: [{ code: 'method_removed', message: 'Its payment method was removed' }],
      }),
    ]);
    renderApp('/portal/autopay');

    const list = await screen.findByRole('list', { name: 'AutoPay rules' });
    const [first, second, third] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent('Pays each invoice 3 days after it is due, with Office Visa.');
    expect(first).toHaveTextContent('At most $500.00 per invoice.');
    expect(first).toHaveTextContent('Only invoices with terms Net 30.');
    expect(within(first!).getByRole('button', { name: 'Change rule 1' })).toBeInTheDocument();

    expect(second).toHaveTextContent(
      'Pays each invoice on the 31st of the month, on or after it is issued (or the last day of a shorter month), with your default payment method.',
    );
    expect(second).toHaveTextContent('Set by your provider');
    expect(second).toHaveTextContent('Each charge waits for your provider to approve it.');
    expect(second).toHaveTextContent('Only your provider can change or delete this rule.');
    expect(within(second!).queryByRole('button')).toBeNull();

    expect(third).toHaveTextContent('2 days before it is due');
    expect(third).toHaveTextContent('Off');
    expect(third).toHaveTextContent('Its payment method was removed');
  });

  it('adds a rule from the form', async () => {
    signedIn();
    const sent = rulesApi([]);
    const { user } = renderApp('/portal/autopay');

    expect(await screen.findByText('No AutoPay rules')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add AutoPay rule' }));
    const dialog = screen.getByRole('dialog', { name: 'Add an AutoPay rule' });
    await user.selectOptions(within(dialog).getByLabelText('When to pay'), 'A day of the month');
    const day = within(dialog).getByLabelText('Day of the month');
    await user.clear(day);
    await user.type(day, '15');
    await user.selectOptions(
      within(dialog).getByLabelText('Pay with'),
      'Office Visa (Visa •••• 4242 · expires 12/2030)',
    );
    await user.type(within(dialog).getByLabelText('Most per invoice (optional)'), '1,250.50');
    await user.click(within(dialog).getByRole('button', { name: 'Add rule' }));

    expect(await screen.findByText('AutoPay rule added')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        method: 'POST',
        body: {
          trigger: { type: 'day_of_month', dayOfMonth: 15 },
          paymentMethodId: card.id,
          criteria: { maxAmount: 125050 },
          enabled: true,
        },
      },
    ]);
    const list = await screen.findByRole('list', { name: 'AutoPay rules' });
    expect(list).toHaveTextContent('on the 15th of the month');
  });

  it('checks the form before sending, and shows the field the API refuses', async () => {
    signedIn();
    const sent = rulesApi([]);
    server.use(
      http.post(`${BASE}/autopay-rules`, () =>
        problem(400, 'Validation failed', [
          { field: 'paymentMethodId', message: 'is not a payment method of this organization' },
        ]),
      ),
    );
    const { user } = renderApp('/portal/autopay');
    await user.click(await screen.findByRole('button', { name: 'Add AutoPay rule' }));
    const dialog = screen.getByRole('dialog', { name: 'Add an AutoPay rule' });
    const days = within(dialog).getByLabelText('Days');
    await user.clear(days);
    await user.type(days, '400');
    await user.click(within(dialog).getByRole('button', { name: 'Add rule' }));
    expect(within(dialog).getByText('Enter a whole number from -365 to 365')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await user.clear(days);
    await user.type(days, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Add rule' }));
    expect(
      await within(dialog).findByText('is not a payment method of this organization'),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Add an AutoPay rule' })).toBeInTheDocument();
  });

  it('changes a rule, sending the whole trigger', async () => {
    signedIn();
    const sent = rulesApi([rule(1)]);
    const { user } = renderApp('/portal/autopay');
    await user.click(await screen.findByRole('button', { name: 'Change rule 1' }));
    const dialog = screen.getByRole('dialog', { name: 'Change rule 1' });
    expect(within(dialog).getByLabelText('Days')).toHaveValue(3);
    await user.selectOptions(
      within(dialog).getByLabelText('Status'),
      'Off: pays nothing until turned on',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText('Rule 1 was changed')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        method: 'PATCH',
        id: rule(1).id,
        body: {
          trigger: { type: 'days_after_due', days: 3 },
          paymentMethodId: null,
          criteria: { maxAmount: null },
          enabled: false,
        },
      },
    ]);
    const list = await screen.findByRole('list', { name: 'AutoPay rules' });
    expect(await within(list).findByText('Off')).toBeInTheDocument();
  });

  it('deletes a rule only after confirmation', async () => {
    signedIn();
    const sent = rulesApi([rule(1), rule(2)]);
    const { user } = renderApp('/portal/autopay');
    await user.click(await screen.findByRole('button', { name: 'Delete rule 2' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete AutoPay rule' });
    expect(confirm).toHaveTextContent('Delete rule 2? Pays each invoice 3 days after it is due');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Delete rule 2' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete AutoPay rule' })).getByRole('button', {
        name: 'Delete rule',
      }),
    );
    expect(await screen.findByText('Rule 2 was deleted')).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'DELETE', id: rule(2).id }]);
    expect(screen.queryByRole('button', { name: 'Delete rule 2' })).toBeNull();
  });

  it('shows the rules read-only to a contact without manageAutopay', async () => {
    signedIn({ permissions: { ...allRights, manageAutopay: false } });
    rulesApi([rule(1)]);
    renderApp('/portal/autopay');
    expect(await screen.findByText(/Pays each invoice 3 days after it is due/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Add AutoPay rule|Change|Delete/ })).toBeNull();
  });

  it('says so when the rules cannot be loaded', async () => {
    signedIn();
    server.use(http.get(`${BASE}/autopay-rules`, () => problem(500, 'Something broke')));
    renderApp('/portal/autopay');
    expect(await screen.findByText('Could not load AutoPay rules')).toBeInTheDocument();
    expect(screen.getByText('Something broke')).toBeInTheDocument();
  });
});
