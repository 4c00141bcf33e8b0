import type { GeneralSettingsDto } from '@settle/api-client';
import { Button, Card, useToast } from '@settle/ui';
import { useId, useMemo, type ChangeEvent } from 'react';

import {
  Form,
  FormComboboxField,
  FormSelectField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { timeZoneGroups, timeZoneLabel } from '@/lib/time-zones';

import {
  CURRENCIES,
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  generalSettingsInputSchema,
  useUpdateGeneralSettings,
  type GeneralSettingsInput,
} from '../api/update-general-settings';

function toInput(s: GeneralSettingsDto): GeneralSettingsInput {
  return {
    mspName: s.mspName,
    timeZone: s.timeZone,
    defaultCurrency: (CURRENCIES as readonly string[]).includes(s.defaultCurrency)
      ? (s.defaultCurrency as GeneralSettingsInput['defaultCurrency'])
      : 'USD',
    logoDataUrl: s.logoDataUrl,
    accentColor: s.accentColor,
  };
}

export function GeneralSettingsForm({
  settings,
  readOnly,
}: {
  settings: GeneralSettingsDto;
  readOnly: boolean;
}) {
  const toast = useToast();
  const logoInputId = useId();
  const form = useProblemForm({
    schema: generalSettingsInputSchema,
    defaultValues: toInput(settings),
  });
  const update = useUpdateGeneralSettings({
    mutationConfig: {
      onSuccess: (saved) => {
        form.reset(toInput(saved));
        toast.show({ title: 'Settings saved', variant: 'success' });
      },
    },
  });
  // the saved zone is listed even when this browser does not know it (a legacy name)
  const zones = useMemo(() => timeZoneGroups(settings.timeZone), [settings.timeZone]);
  const logoDataUrl = form.watch('logoDataUrl');
  const logoError = form.formState.errors.logoDataUrl?.message;

  const onLogo = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
      form.setError('logoDataUrl', { message: 'must be a PNG, JPEG or SVG image' });
      return;
    }
    if (file.size > LOGO_MAX_BYTES) {
      form.setError('logoDataUrl', { message: 'must be at most 256 KB' });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      form.clearErrors('logoDataUrl');
      form.setValue('logoDataUrl', String(reader.result), { shouldDirty: true });
    };
    reader.readAsDataURL(file);
  };

  return (
    <Form
      form={form}
      onSubmit={(values) => update.mutateAsync(values)}
      aria-label="General settings"
    >
      <Card title="General">
        {readOnly && (
          <div className="ui-alert ui-alert--info">
            Only administrators can change these settings.
          </div>
        )}
        <fieldset disabled={readOnly} style={{ border: 0, margin: 0, padding: 0 }}>
          <div className="app-form-grid">
            <FormTextField control={form.control} name="mspName" label="MSP name" />
            <FormComboboxField
              control={form.control}
              name="timeZone"
              label="Time zone"
              listLabel="Time zones"
              groups={zones}
              valueLabel={timeZoneLabel}
              noMatchText={(q) => `No time zone matches “${q}”. Try a city or a region.`}
              hint="Type a city, region or offset (GMT-05) to find it. Dates and the day's payments follow this zone."
            />
            <FormSelectField
              control={form.control}
              name="defaultCurrency"
              label="Default currency"
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            />
          </div>
        </fieldset>
      </Card>
      <Card title="Branding">
        <fieldset disabled={readOnly} style={{ border: 0, margin: 0, padding: 0 }}>
          <div className="ui-field">
            <label className="ui-field__label" htmlFor={logoInputId}>
              Logo
            </label>
            <div className="app-logo-field">
              {logoDataUrl ? (
                <img className="app-logo-preview" src={logoDataUrl} alt="Logo preview" />
              ) : (
                <span className="ui-muted">No logo</span>
              )}
              <input
                id={logoInputId}
                type="file"
                name="logo"
                accept="image/png,image/jpeg,image/svg+xml"
                onChange={onLogo}
                aria-invalid={logoError ? true : undefined}
                aria-describedby={`${logoInputId}-hint`}
              />
              {logoDataUrl && (
                <Button
                  size="sm"
                  onClick={() => form.setValue('logoDataUrl', null, { shouldDirty: true })}
                >
                  Remove logo
                </Button>
              )}
            </div>
            {logoError ? (
              <p className="ui-field__error" role="alert" id={`${logoInputId}-hint`}>
                {logoError}
              </p>
            ) : (
              <p className="ui-field__hint" id={`${logoInputId}-hint`}>
                PNG, JPEG or SVG, up to 256 KB.
              </p>
            )}
          </div>
          <FormTextField
            control={form.control}
            name="accentColor"
            label="Accent colour"
            type="color"
            style={{ width: 64, padding: 2 }}
          />
        </fieldset>
      </Card>
      {!readOnly && (
        <div className="app-form-actions" style={{ marginTop: 16 }}>
          <Button
            onClick={() => form.reset()}
            disabled={!form.formState.isDirty || form.formState.isSubmitting}
          >
            Undo
          </Button>
          <SubmitButton>Save</SubmitButton>
        </div>
      )}
    </Form>
  );
}
