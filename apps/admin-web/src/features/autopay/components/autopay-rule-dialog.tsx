import { Button, Dialog, useToast } from '@settle/ui';
import { useWatch } from 'react-hook-form';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import {
  Form,
  FormCheckboxField,
  FormMoneyField,
  FormSelectField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import { methodDescription, methodName } from '@/components/payment-methods/payment-method-label';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  autopayRuleFormValues,
  autopayRuleInputSchema,
  ruleFieldFor,
  useCreateAutopayRule,
  useUpdateAutopayRule,
} from '../api/save-autopay-rule';
import type { AutopayRuleDto } from '../api/types';

const TRIGGER_OPTIONS = [
  { value: 'days_after_due', label: 'Days after the due date' },
  { value: 'days_after_invoice', label: 'Days after the invoice date' },
  { value: 'day_of_month', label: 'A day of the month' },
];
const APPROVAL_OPTIONS = [
  { value: 'never', label: 'Never: charge without asking' },
  { value: 'always', label: 'Always: every charge waits for staff' },
  { value: 'above', label: 'Above an amount' },
];

export function AutopayRuleDialog({
  open,
  organizationId,
  rule,
  methods,
  currency,
  onClose,
}: {
  open: boolean;
  organizationId: string;
  /** The rule to change; null adds one. */
  rule: AutopayRuleDto | null;
  methods: readonly PaymentMethodDto[];
  currency: string;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      title={rule ? `Change rule ${rule.position}` : 'Add AutoPay rule'}
      onClose={onClose}
    >
      {open && (
        <RuleForm
          key={rule?.id ?? 'new'}
          organizationId={organizationId}
          rule={rule}
          methods={methods}
          currency={currency}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function RuleForm({
  organizationId,
  rule,
  methods,
  currency,
  onClose,
}: {
  organizationId: string;
  rule: AutopayRuleDto | null;
  methods: readonly PaymentMethodDto[];
  currency: string;
  onClose: () => void;
}) {
  const toast = useToast();
  const form = useProblemForm({
    schema: autopayRuleInputSchema(currency),
    defaultValues: autopayRuleFormValues(rule, currency),
    fieldFor: ruleFieldFor,
  });
  const [triggerType, approval] = useWatch({
    control: form.control,
    name: ['triggerType', 'approval'],
  });
  const saved = (title: string) => (r: AutopayRuleDto) => {
    toast.show({
      title,
      message: r.valid ? undefined : 'It cannot charge anything until its problems are fixed.',
      variant: r.valid ? 'success' : 'error',
    });
    onClose();
  };
  const create = useCreateAutopayRule({
    organizationId,
    mutationConfig: { onSuccess: saved('AutoPay rule added') },
  });
  const update = useUpdateAutopayRule({
    organizationId,
    mutationConfig: { onSuccess: saved('AutoPay rule saved') },
  });

  // a method on file but removed or locked stays selectable when the rule already uses it
  const methodOptions = [
    { value: '', label: "Organization's default method" },
    ...methods.map((m) => ({
      value: m.id,
      label: `${methodName(m)} (${methodDescription(m)})${m.status === 'active' ? '' : `, ${m.status}`}`,
    })),
  ];
  if (rule?.paymentMethodId && !methods.some((m) => m.id === rule.paymentMethodId))
    methodOptions.push({
      value: rule.paymentMethodId,
      label: 'A payment method no longer on file',
    });

  return (
    <Form
      form={form}
      onSubmit={(data) =>
        rule
          ? update.mutateAsync({ id: rule.id, data })
          : create.mutateAsync({ organizationId, data })
      }
      aria-label={rule ? 'Change AutoPay rule' : 'Add AutoPay rule'}
    >
      <div className="app-form-grid">
        <FormSelectField
          control={form.control}
          name="triggerType"
          label="When to charge"
          options={TRIGGER_OPTIONS}
        />
        {triggerType === 'day_of_month' ? (
          <FormTextField
            control={form.control}
            name="dayOfMonth"
            label="Day of the month"
            inputMode="numeric"
            hint="1 to 31; in shorter months, the last day. The first such day on or after the invoice date."
          />
        ) : (
          <FormTextField
            control={form.control}
            name="days"
            label="Days"
            inputMode="numeric"
            hint={
              triggerType === 'days_after_due'
                ? '0: on the due date; negative: before it (−365 to 365)'
                : '0: on the invoice date (−365 to 365)'
            }
          />
        )}
      </div>
      <FormSelectField
        control={form.control}
        name="paymentMethodId"
        label="Payment method"
        options={methodOptions}
        hint="The organization's default is whichever method is the default on the day of the charge."
      />
      <div className="app-form-grid">
        <FormMoneyField
          control={form.control}
          name="maxAmount"
          label="Charge at most (optional)"
          currency={currency}
          hint="An invoice with more open is left for a person. Empty: no limit."
        />
        <FormTextField
          control={form.control}
          name="terms"
          label="Only invoices with terms (optional)"
          placeholder="Net 30, Net 15"
          hint="Separate with commas. Empty: any terms."
        />
        <FormTextField
          control={form.control}
          name="sources"
          label="Only invoices from (optional)"
          placeholder="connectwise, quickbooks"
          hint="Separate with commas. Empty: any source."
        />
      </div>
      <div className="app-form-grid">
        <FormSelectField
          control={form.control}
          name="approval"
          label="Needs approval"
          options={APPROVAL_OPTIONS}
        />
        {approval === 'above' && (
          <FormMoneyField
            control={form.control}
            name="approvalThreshold"
            label="Needs approval above"
            currency={currency}
          />
        )}
      </div>
      <FormCheckboxField control={form.control} name="enabled" label="Enabled" />
      <FormCheckboxField
        control={form.control}
        name="locked"
        label="Locked: contacts cannot change this rule in the portal"
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton>{rule ? 'Save rule' : 'Add rule'}</SubmitButton>
      </div>
    </Form>
  );
}
