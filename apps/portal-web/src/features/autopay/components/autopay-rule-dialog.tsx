import { isApiError } from '@settle/api-client';
import {
  Button,
  Dialog,
  minorToInput,
  MoneyField,
  parseMoneyInput,
  SelectField,
  TextField,
  useToast,
} from '@settle/ui';
import { useState, type FormEvent } from 'react';

import type { PortalPaymentMethod } from '@/api/payment-methods';
import { methodDescription, methodName } from '@/components/payment-method-label';
import { problemMessage } from '@/lib/problem';

import {
  useCreateAutopayRule,
  useUpdateAutopayRule,
  type AutopayRule,
  type NewAutopayRule,
} from '../api/autopay-rules';

type TriggerType = AutopayRule['trigger']['type'];

const WHEN = [
  { value: 'days_after_due', label: 'Days from the due date' },
  { value: 'days_after_invoice', label: 'Days from the invoice date' },
  { value: 'day_of_month', label: 'A day of the month' },
] as const;

// a select rather than a checkbox: one field kind fewer in the UI kit chunk every page loads
const STATUS = [
  { value: 'on', label: 'On: pays invoices as described' },
  { value: 'off', label: 'Off: pays nothing until turned on' },
] as const;

const DEFAULT_METHOD = '';

interface Draft {
  type: TriggerType;
  days: string;
  dayOfMonth: string;
  paymentMethodId: string;
  maxAmount: string;
  enabled: boolean;
}

function draftOf(rule: AutopayRule | null): Draft {
  return {
    type: rule?.trigger.type ?? 'days_after_due',
    days: String(rule?.trigger.days ?? 0),
    dayOfMonth: String(rule?.trigger.dayOfMonth ?? 1),
    paymentMethodId: rule?.paymentMethodId ?? DEFAULT_METHOD,
    maxAmount:
      rule?.criteria.maxAmount !== null && rule?.criteria.maxAmount !== undefined
        ? minorToInput(rule.criteria.maxAmount)
        : '',
    enabled: rule?.enabled ?? true,
  };
}

/** The form's checks; the API checks the same again and names the field it refuses. */
function validate(d: Draft): { body?: NewAutopayRule; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = (text: string, min: number, max: number, field: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      errors[field] = `Enter a whole number from ${min} to ${max}`;
      return undefined;
    }
    return n;
  };
  const trigger: NewAutopayRule['trigger'] =
    d.type === 'day_of_month'
      ? { type: d.type, dayOfMonth: whole(d.dayOfMonth, 1, 31, 'trigger.dayOfMonth') }
      : { type: d.type, days: whole(d.days, -365, 365, 'trigger.days') };
  let maxAmount: number | null = null;
  if (d.maxAmount.trim() !== '') {
    const parsed = parseMoneyInput(d.maxAmount);
    if (parsed.ok) maxAmount = parsed.minor;
    else errors['criteria.maxAmount'] = parsed.error;
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    body: {
      trigger,
      paymentMethodId: d.paymentMethodId || null,
      criteria: { maxAmount },
      enabled: d.enabled,
    },
  };
}

/** Adds a rule, or changes an unlocked one (`rule`). */
export function AutopayRuleDialog({
  organizationId,
  rule,
  methods,
  currency,
  onClose,
}: {
  organizationId: string;
  rule: AutopayRule | null;
  methods: readonly PortalPaymentMethod[];
  currency: string;
  onClose: () => void;
}) {
  const toast = useToast();
  const create = useCreateAutopayRule(organizationId);
  const update = useUpdateAutopayRule(organizationId);
  const [draft, setDraft] = useState(() => draftOf(rule));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = rule ? update : create;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  // the rule's own method stays offered even when it is no longer active (the API judges it)
  const options = [
    { value: DEFAULT_METHOD, label: 'My default payment method' },
    ...methods
      .filter((m) => m.status === 'active' || m.id === rule?.paymentMethodId)
      .map((m) => ({ value: m.id, label: `${methodName(m)} (${methodDescription(m)})` })),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validate(draft);
    setErrors(checked.errors);
    if (!checked.body) return;
    const done = {
      onSuccess: () => {
        toast.show({
          title: rule ? `Rule ${rule.position} was changed` : 'AutoPay rule added',
          variant: 'success',
        });
        onClose();
      },
      onError: (error: unknown) => {
        if (isApiError(error))
          setErrors(Object.fromEntries(error.errors.map((f) => [f.field, f.message])));
      },
    };
    if (rule) update.mutate({ ruleId: rule.id, body: checked.body }, done);
    else create.mutate(checked.body, done);
  };

  const known = ['trigger.days', 'trigger.dayOfMonth', 'paymentMethodId', 'criteria.maxAmount'];
  const unplaced = mutation.isError && !Object.keys(errors).some((f) => known.includes(f));

  return (
    <Dialog
      open
      title={rule ? `Change rule ${rule.position}` : 'Add an AutoPay rule'}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="autopay-rule" loading={mutation.isPending}>
            {rule ? 'Save rule' : 'Add rule'}
          </Button>
        </>
      }
    >
      <form id="autopay-rule" className="portal-form" onSubmit={submit} noValidate>
        <SelectField
          label="When to pay"
          options={WHEN}
          value={draft.type}
          onChange={(e) => set('type', e.target.value as TriggerType)}
        />
        {draft.type === 'day_of_month' ? (
          <TextField
            label="Day of the month"
            type="number"
            inputMode="numeric"
            min={1}
            max={31}
            value={draft.dayOfMonth}
            error={errors['trigger.dayOfMonth']}
            hint="1 to 31; in a shorter month, its last day."
            onChange={(e) => set('dayOfMonth', e.target.value)}
          />
        ) : (
          <TextField
            label="Days"
            type="number"
            inputMode="numeric"
            min={-365}
            max={365}
            value={draft.days}
            error={errors['trigger.days']}
            hint={
              draft.type === 'days_after_due'
                ? '0 pays on the due date; 3 pays 3 days after it; -3 pays 3 days before it.'
                : '0 pays on the invoice date; 10 pays 10 days after it.'
            }
            onChange={(e) => set('days', e.target.value)}
          />
        )}
        <SelectField
          label="Pay with"
          options={options}
          value={draft.paymentMethodId}
          error={errors.paymentMethodId}
          onChange={(e) => set('paymentMethodId', e.target.value)}
        />
        <MoneyField
          label="Most per invoice (optional)"
          currency={currency}
          value={draft.maxAmount}
          error={errors['criteria.maxAmount']}
          hint="Leave empty to pay invoices of any amount."
          onChange={(e) => set('maxAmount', e.target.value)}
        />
        <SelectField
          label="Status"
          options={STATUS}
          value={draft.enabled ? 'on' : 'off'}
          onChange={(e) => set('enabled', e.target.value === 'on')}
        />
        {unplaced && (
          <p role="alert" className="portal-text-danger">
            {rule ? 'The rule was not changed' : 'The rule was not added'}:{' '}
            {problemMessage(mutation.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}
