import { ApiError } from '@settle/api-client';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import {
  Form,
  FormCheckboxField,
  FormMoneyField,
  FormSelectField,
  FormTextAreaField,
  FormTextField,
  SubmitButton,
} from '@/components/form';

import { moneyText } from './money-text';
import { CONNECTION_ERROR, useProblemForm } from './use-problem-form';

const schema = z.object({
  email: z.string().trim().min(1, 'is required').email('must be an email address'),
  role: z.enum(['admin', 'billing']),
  note: z.string(),
  notify: z.boolean(),
  allocations: z.array(z.object({ amount: moneyText('USD', { max: 100000, what: 'the open' }) })),
});

function problem(detail: string, errors: { field: string; message: string }[] = []) {
  return new ApiError({ type: 'about:blank', title: 'Bad Request', status: 400, detail, errors });
}

function TestForm({
  onSubmit,
  fieldFor,
}: {
  onSubmit: (values: z.output<typeof schema>) => unknown;
  fieldFor?: (apiField: string) => 'email' | null;
}) {
  const form = useProblemForm({
    schema,
    fieldFor,
    defaultValues: {
      email: '',
      role: 'billing',
      note: '',
      notify: false,
      allocations: [{ amount: '10.00' }, { amount: '20.00' }],
    },
  });
  return (
    <Form form={form} onSubmit={onSubmit} aria-label="Test form">
      <FormTextField control={form.control} name="email" label="Email" />
      <FormSelectField
        control={form.control}
        name="role"
        label="Role"
        options={[
          { value: 'admin', label: 'Admin' },
          { value: 'billing', label: 'Billing' },
        ]}
      />
      <FormTextAreaField control={form.control} name="note" label="Note" />
      <FormCheckboxField control={form.control} name="notify" label="Notify" />
      <FormMoneyField
        control={form.control}
        name="allocations.0.amount"
        label="First amount"
        currency="USD"
      />
      <FormMoneyField
        control={form.control}
        name="allocations.1.amount"
        label="Second amount"
        currency="USD"
      />
      <SubmitButton>Save</SubmitButton>
    </Form>
  );
}

describe('useProblemForm with <Form>', () => {
  it('checks the schema first and sends its output (amounts in minor units)', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<TestForm onSubmit={onSubmit} />);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('is required');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.selectOptions(screen.getByLabelText('Role'), 'admin');
    await user.type(screen.getByLabelText('Note'), 'hello');
    await user.click(screen.getByLabelText('Notify'));
    await user.clear(screen.getByLabelText('Second amount'));
    await user.type(screen.getByLabelText('Second amount'), '$999.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      email: 'ada@msp.example',
      role: 'admin',
      note: 'hello',
      notify: true,
      allocations: [{ amount: 1000 }, { amount: 99950 }],
    });
  });

  it('refuses an amount over the maximum and shows the currency sign', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<TestForm onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.clear(screen.getByLabelText('First amount'));
    await user.type(screen.getByLabelText('First amount'), '1000.01');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('First amount')).toHaveAccessibleDescription(
      'Cannot be more than the open $1,000.00',
    );
    expect(screen.getAllByText('$')).toHaveLength(2);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('puts a 400 problem’s errors on the fields they name, dotted paths included', async () => {
    const user = userEvent.setup();
    render(
      <TestForm
        onSubmit={() =>
          Promise.reject(
            problem('Invalid request: allocations.1.amount exceeds the open balance', [
              { field: 'allocations.1.amount', message: 'exceeds the open balance' },
              { field: 'email', message: 'is already taken' },
              { field: 'email', message: 'a second message is not shown' },
            ]),
          )
        }
      />,
    );
    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const second = await screen.findByLabelText('Second amount');
    await vi.waitFor(() => expect(second).toHaveAttribute('aria-invalid', 'true'));
    expect(second).toHaveAccessibleDescription('exceeds the open balance');
    expect(second).toHaveFocus();
    expect(screen.getByLabelText('First amount')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('is already taken');
    // every error found a field: no form-level alert
    expect(screen.queryByText(/Invalid request/)).not.toBeInTheDocument();
  });

  it('shows the detail in the alert when no field matches, and clears it on the next submit', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    render(
      <TestForm
        onSubmit={() =>
          ++attempt === 1
            ? Promise.reject(
                problem('The organization is archived', [{ field: 'body', message: 'is wrong' }]),
              )
            : Promise.resolve()
        }
      />,
    );
    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The organization is archived');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(attempt).toBe(2);
  });

  it('lists the errors no field took beside the ones that found their field', async () => {
    const user = userEvent.setup();
    render(
      <TestForm
        onSubmit={() =>
          Promise.reject(
            problem('Invalid request', [
              { field: 'email', message: 'is already taken' },
              { field: 'timeZone', message: 'must be a valid IANA time zone' },
            ]),
          )
        }
      />,
    );
    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('timeZone must be a valid IANA time zone')).toHaveClass(
      'ui-alert',
    );
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('is already taken');
  });

  it('maps API names onto form names with fieldFor', async () => {
    const user = userEvent.setup();
    render(
      <TestForm
        fieldFor={(f) => (f === 'contact.email' ? 'email' : null)}
        onSubmit={() =>
          Promise.reject(problem('Invalid', [{ field: 'contact.email', message: 'is taken' }]))
        }
      />,
    );
    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('is taken'),
    );
  });

  it('says the server could not be reached when the request never got an answer', async () => {
    const user = userEvent.setup();
    render(<TestForm onSubmit={() => Promise.reject(new TypeError('Failed to fetch'))} />);
    await user.type(screen.getByLabelText('Email'), 'ada@msp.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(CONNECTION_ERROR);
  });
});
