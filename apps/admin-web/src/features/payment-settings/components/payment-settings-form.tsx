import { Button, Card, ConfirmDialog, cn, useToast } from '@settle/ui';
import { useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';

import {
  Form,
  FormCheckboxField,
  FormMoneyField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import type { PaymentSettingsDto, UpdatePaymentSettingsDto } from '../api/types';
import {
  paymentSettingsInputSchema,
  toFormValues,
  useUpdatePaymentSettings,
} from '../api/update-payment-settings';

import { GATEWAY_LABELS, describeChanges } from './payment-settings-text';

const GATEWAY_HINTS = {
  sandbox:
    'Built in: test card and bank numbers, declines, ACH settlement and returns. No real money moves.',
  stripe:
    'Real charges through your Stripe account. Needs the secret key; the webhook secret lets Stripe report bank debits that settle or come back.',
} as const;

/** Payment settings for an administrator: gateway (confirmed before it switches), fee, ACH window. */
export function PaymentSettingsForm({
  settings,
  currency,
}: {
  settings: PaymentSettingsDto;
  currency: string;
}) {
  const toast = useToast();
  const defaults = useMemo(() => toFormValues(settings, currency), [settings, currency]);
  // field names are the API's paths: a 400's errors[] land on their inputs as they are
  const schema = useMemo(
    () => paymentSettingsInputSchema({ currency, secretKeySet: settings.stripe.secretKeySet }),
    [currency, settings.stripe.secretKeySet],
  );
  const form = useProblemForm({ schema, defaultValues: defaults });
  const { control, register, reset } = form;
  const [switching, setSwitching] = useState<UpdatePaymentSettingsDto | null>(null);

  const update = useUpdatePaymentSettings({
    mutationConfig: {
      onSuccess: (saved, sent) => {
        reset(toFormValues(saved, currency));
        const changes = describeChanges(settings, saved, sent, currency);
        toast.show({
          title: 'Payment settings saved',
          message: changes.length ? changes.join(' ') : 'Nothing changed.',
        });
      },
    },
  });

  const save = (body: UpdatePaymentSettingsDto) => {
    // a new gateway holds every new payment method: asked first, sent from the dialog
    if (body.gateway !== settings.gateway) {
      setSwitching(body);
      return;
    }
    return update.mutateAsync(body);
  };

  const confirmSwitch = async () => {
    if (!switching) return;
    try {
      await update.mutateAsync(switching);
    } catch (error) {
      form.applyProblem(error);
    } finally {
      setSwitching(null);
    }
  };

  const gateway = useWatch({ control, name: 'gateway' });
  const feeEnabled = useWatch({ control, name: 'convenienceFee.enabled' });

  return (
    <Form form={form} onSubmit={save} aria-label="Payment settings">
      <Card title="Payment gateway">
        <fieldset className="app-fieldset" aria-describedby="gateway-hint">
          <legend className="ui-field__label">Gateway for new payment methods</legend>
          <ul className="app-method-picker__list">
            {(['sandbox', 'stripe'] as const).map((name) => (
              <li
                key={name}
                className={cn(
                  'app-method-option',
                  gateway === name && 'app-method-option--selected',
                )}
              >
                <input
                  type="radio"
                  id={`gateway-${name}`}
                  value={name}
                  aria-describedby={`gateway-${name}-desc`}
                  {...register('gateway')}
                />
                <label htmlFor={`gateway-${name}`}>
                  {GATEWAY_LABELS[name]}
                  {settings.gateway === name && (
                    <span className="ui-badge app-badge-inline">Active</span>
                  )}
                </label>
                <span id={`gateway-${name}-desc`} className="app-method-option__desc ui-muted">
                  {GATEWAY_HINTS[name]}
                </span>
              </li>
            ))}
          </ul>
          <p id="gateway-hint" className="ui-field__hint">
            Payment methods saved before a switch keep charging through the gateway that saved them,
            scheduled payments included.
          </p>
        </fieldset>

        {gateway === 'stripe' && (
          <div className="app-form-grid app-settings-stripe">
            <FormTextField
              control={control}
              name="stripe.publishableKey"
              label="Publishable key"
              autoComplete="off"
              placeholder="pk_live_…"
            />
            <FormTextField
              control={control}
              name="stripe.secretKey"
              label="Secret key"
              type="password"
              autoComplete="new-password"
              placeholder={settings.stripe.secretKeySet ? 'Leave blank to keep it' : 'sk_live_…'}
              hint={
                settings.stripe.secretKeySet
                  ? 'A secret key is stored. It is never shown; type a new one to replace it.'
                  : 'No secret key is stored yet.'
              }
            />
            <FormTextField
              control={control}
              name="stripe.webhookSecret"
              label="Webhook signing secret"
              type="password"
              autoComplete="new-password"
              placeholder={settings.stripe.webhookSecretSet ? 'Leave blank to keep it' : 'whsec_…'}
              hint={
                settings.stripe.webhookSecretSet
                  ? 'A webhook secret is stored. It is never shown; type a new one to replace it.'
                  : 'No webhook secret is stored yet: Stripe events cannot be verified.'
              }
            />
          </div>
        )}
      </Card>

      <Card title="Convenience fee">
        <FormCheckboxField
          control={control}
          name="convenienceFee.enabled"
          label="Charge a convenience fee on card payments"
          hint="Bank debits (ACH) never carry a fee, nor do organizations with a waiver."
        />
        <div className="app-form-grid">
          <FormTextField
            control={control}
            name="convenienceFee.percentBasisPoints"
            label="Fee (% of the amount)"
            inputMode="decimal"
            autoComplete="off"
            disabled={!feeEnabled}
            hint="Up to 10%, for example 2.9."
          />
          <FormMoneyField
            control={control}
            name="convenienceFee.capMinor"
            label={`Largest fee (${currency})`}
            currency={currency}
            disabled={!feeEnabled}
            hint="Leave blank for no cap."
          />
        </div>
      </Card>

      <Card title="Bank debits (ACH)">
        <div className="app-form-grid">
          <FormTextField
            control={control}
            name="sandbox.achSettlementHours"
            label="ACH settlement window (hours)"
            inputMode="numeric"
            autoComplete="off"
            hint="How long a sandbox bank debit stays processing before it settles or is returned (0–720). With Stripe, the bank's own timing applies."
          />
          <FormTextField
            control={control}
            name="sandbox.latencyMs"
            label="Sandbox latency (ms)"
            inputMode="numeric"
            autoComplete="off"
            hint="Simulated delay on each sandbox gateway call (0–10000)."
          />
        </div>
      </Card>

      <div className="app-form-actions app-settings-actions">
        <Button
          onClick={() => reset(defaults)}
          disabled={!form.formState.isDirty || update.isPending}
        >
          Undo
        </Button>
        <SubmitButton>Save</SubmitButton>
      </div>

      <ConfirmDialog
        open={switching !== null}
        title={`Switch to ${switching ? GATEWAY_LABELS[switching.gateway] : ''}?`}
        message={
          switching?.gateway === 'stripe'
            ? 'Payment methods added from now on are saved with Stripe and charged for real. Methods saved with the sandbox keep charging through the sandbox, scheduled payments included.'
            : 'Payment methods added from now on are saved with the sandbox, which moves no real money. Methods saved with Stripe keep charging through Stripe, scheduled payments included.'
        }
        confirmLabel="Switch gateway"
        pending={update.isPending}
        onCancel={() => setSwitching(null)}
        onConfirm={() => void confirmSwitch()}
      />
    </Form>
  );
}
