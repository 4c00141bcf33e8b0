import { zodResolver } from '@hookform/resolvers/zod';
import { fieldErrors, isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  CheckboxField,
  ConfirmDialog,
  TextField,
  cn,
  currencyFractionDigits,
  useToast,
} from '@settle/ui';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';

import { useUpdatePaymentSettings } from '../api/update-payment-settings';
import type { PaymentSettingsDto, UpdatePaymentSettingsDto } from '../api/types';

import {
  GATEWAY_LABELS,
  SETTINGS_FIELDS,
  describeChanges,
  paymentSettingsSchema,
  toFormValues,
  type PaymentSettingsFormValues,
  type SettingsField,
} from './payment-settings-schema';

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
  const schema = useMemo(
    () => paymentSettingsSchema({ currency, secretKeySet: settings.stripe.secretKeySet }),
    [currency, settings.stripe.secretKeySet],
  );
  const form = useForm<PaymentSettingsFormValues, unknown, UpdatePaymentSettingsDto>({
    resolver: zodResolver(schema),
    defaultValues: defaults,
  });
  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
    formState: { errors, isDirty },
  } = form;
  const [formError, setFormError] = useState<string | null>(null);
  const [switching, setSwitching] = useState<UpdatePaymentSettingsDto | null>(null);

  const update = useUpdatePaymentSettings({
    mutationConfig: {
      onSuccess: (saved, sent) => {
        setSwitching(null);
        setFormError(null);
        reset(toFormValues(saved, currency));
        const changes = describeChanges(settings, saved, sent, currency);
        toast.show({
          title: 'Payment settings saved',
          message: changes.length ? changes.join(' ') : 'Nothing changed.',
        });
      },
      onError: (err) => {
        setSwitching(null);
        const byField = fieldErrors(err);
        let unmatched = false;
        for (const [field, message] of Object.entries(byField)) {
          if ((SETTINGS_FIELDS as readonly string[]).includes(field))
            setError(field as SettingsField, { message }, { shouldFocus: true });
          else unmatched = true;
        }
        setFormError(
          unmatched || !Object.keys(byField).length
            ? isApiError(err)
              ? err.detail
              : 'Could not save the payment settings.'
            : null,
        );
      },
    },
  });

  const submit = handleSubmit((body) => {
    setFormError(null);
    if (body.gateway !== settings.gateway) setSwitching(body);
    else update.mutate(body);
  });

  const gateway = useWatch({ control, name: 'gateway' });
  const feeEnabled = useWatch({ control, name: 'convenienceFee.enabled' });
  const digits = currencyFractionDigits(currency);

  return (
    <form onSubmit={submit} noValidate aria-label="Payment settings">
      {formError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formError}
        </div>
      )}
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
            <TextField
              label="Publishable key"
              autoComplete="off"
              placeholder="pk_live_…"
              error={errors.stripe?.publishableKey?.message}
              {...register('stripe.publishableKey')}
            />
            <TextField
              label="Secret key"
              type="password"
              autoComplete="new-password"
              placeholder={settings.stripe.secretKeySet ? 'Leave blank to keep it' : 'sk_live_…'}
              hint={
                settings.stripe.secretKeySet
                  ? 'A secret key is stored. It is never shown; type a new one to replace it.'
                  : 'No secret key is stored yet.'
              }
              error={errors.stripe?.secretKey?.message}
              {...register('stripe.secretKey')}
            />
            <TextField
              label="Webhook signing secret"
              type="password"
              autoComplete="new-password"
              placeholder={settings.stripe.webhookSecretSet ? 'Leave blank to keep it' : 'whsec_…'}
              hint={
                settings.stripe.webhookSecretSet
                  ? 'A webhook secret is stored. It is never shown; type a new one to replace it.'
                  : 'No webhook secret is stored yet: Stripe events cannot be verified.'
              }
              error={errors.stripe?.webhookSecret?.message}
              {...register('stripe.webhookSecret')}
            />
          </div>
        )}
      </Card>

      <Card title="Convenience fee">
        <CheckboxField
          label="Charge a convenience fee on card payments"
          hint="Bank debits (ACH) never carry a fee, nor do organizations with a waiver."
          {...register('convenienceFee.enabled')}
        />
        <div className="app-form-grid">
          <TextField
            label="Fee (% of the amount)"
            inputMode="decimal"
            autoComplete="off"
            disabled={!feeEnabled}
            hint="Up to 10%, for example 2.9."
            error={errors.convenienceFee?.percentBasisPoints?.message}
            {...register('convenienceFee.percentBasisPoints')}
          />
          <TextField
            label={`Largest fee (${currency})`}
            inputMode="decimal"
            autoComplete="off"
            disabled={!feeEnabled}
            placeholder={digits ? '0.00' : '0'}
            hint="Leave blank for no cap."
            error={errors.convenienceFee?.capMinor?.message}
            {...register('convenienceFee.capMinor')}
          />
        </div>
      </Card>

      <Card title="Bank debits (ACH)">
        <div className="app-form-grid">
          <TextField
            label="ACH settlement window (hours)"
            inputMode="numeric"
            autoComplete="off"
            hint="How long a sandbox bank debit stays processing before it settles or is returned (0–720). With Stripe, the bank's own timing applies."
            error={errors.sandbox?.achSettlementHours?.message}
            {...register('sandbox.achSettlementHours')}
          />
          <TextField
            label="Sandbox latency (ms)"
            inputMode="numeric"
            autoComplete="off"
            hint="Simulated delay on each sandbox gateway call (0–10000)."
            error={errors.sandbox?.latencyMs?.message}
            {...register('sandbox.latencyMs')}
          />
        </div>
      </Card>

      <div className="app-form-actions app-settings-actions">
        <Button
          onClick={() => {
            reset(defaults);
            setFormError(null);
          }}
          disabled={!isDirty || update.isPending}
        >
          Undo
        </Button>
        <Button type="submit" variant="primary" loading={update.isPending && !switching}>
          Save
        </Button>
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
        onConfirm={() => switching && update.mutate(switching)}
      />
    </form>
  );
}
