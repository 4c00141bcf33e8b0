import { fieldErrors, isApiError, type GeneralSettingsDto } from '@settle/api-client';
import { Button, Card, SelectField, TextField, useToast } from '@settle/ui';
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';

import {
  CURRENCIES,
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  generalSettingsInputSchema,
  useUpdateGeneralSettings,
  type GeneralSettingsInput,
} from '../api/update-general-settings';

function timeZoneOptions(current: string) {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  if (!zones.includes(current)) zones = [current, ...zones];
  if (!zones.includes('UTC')) zones = [...zones, 'UTC'];
  return zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}

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
  const initial = useMemo(() => toInput(settings), [settings]);
  const [values, setValues] = useState<GeneralSettingsInput>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const logoInputId = useId();
  const update = useUpdateGeneralSettings({
    mutationConfig: {
      onSuccess: (saved) => {
        setValues(toInput(saved));
        toast.show({ title: 'Settings saved', variant: 'success' });
      },
    },
  });

  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const serverErrors = fieldErrors(update.error);
  const errors: Record<string, string> = { ...serverErrors, ...clientErrors };
  const formError =
    update.error && !Object.keys(serverErrors).length
      ? isApiError(update.error)
        ? update.error.detail
        : 'Could not save the settings.'
      : null;

  const set = <K extends keyof GeneralSettingsInput>(key: K, value: GeneralSettingsInput[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const onLogo = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
      setClientErrors((c) => ({ ...c, logoDataUrl: 'must be a PNG, JPEG or SVG image' }));
      return;
    }
    if (file.size > LOGO_MAX_BYTES) {
      setClientErrors((c) => ({ ...c, logoDataUrl: 'must be at most 256 KB' }));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setClientErrors(({ logoDataUrl: _drop, ...rest }) => rest);
      set('logoDataUrl', String(reader.result));
    };
    reader.readAsDataURL(file);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = generalSettingsInputSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      );
      return;
    }
    setClientErrors({});
    update.mutate(parsed.data);
  };

  const undo = () => {
    setValues(initial);
    setClientErrors({});
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="General settings">
      <Card title="General">
        {readOnly && (
          <div className="ui-alert ui-alert--info">
            Only administrators can change these settings.
          </div>
        )}
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <fieldset disabled={readOnly} style={{ border: 0, margin: 0, padding: 0 }}>
          <div className="app-form-grid">
            <TextField
              label="MSP name"
              name="mspName"
              value={values.mspName}
              onChange={(e) => set('mspName', e.target.value)}
              error={errors.mspName}
            />
            <SelectField
              label="Time zone"
              name="timeZone"
              value={values.timeZone}
              options={zones}
              onChange={(e) => set('timeZone', e.target.value)}
              error={errors.timeZone}
            />
            <SelectField
              label="Default currency"
              name="defaultCurrency"
              value={values.defaultCurrency}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              onChange={(e) =>
                set('defaultCurrency', e.target.value as GeneralSettingsInput['defaultCurrency'])
              }
              error={errors.defaultCurrency}
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
              {values.logoDataUrl ? (
                <img className="app-logo-preview" src={values.logoDataUrl} alt="Logo preview" />
              ) : (
                <span className="ui-muted">No logo</span>
              )}
              <input
                id={logoInputId}
                type="file"
                name="logo"
                accept="image/png,image/jpeg,image/svg+xml"
                onChange={onLogo}
                aria-describedby={`${logoInputId}-hint`}
              />
              {values.logoDataUrl && (
                <Button size="sm" onClick={() => set('logoDataUrl', null)}>
                  Remove logo
                </Button>
              )}
            </div>
            {errors.logoDataUrl ? (
              <p className="ui-field__error" role="alert" id={`${logoInputId}-hint`}>
                {errors.logoDataUrl}
              </p>
            ) : (
              <p className="ui-field__hint" id={`${logoInputId}-hint`}>
                PNG, JPEG or SVG, up to 256 KB.
              </p>
            )}
          </div>
          <TextField
            label="Accent colour"
            name="accentColor"
            type="color"
            value={values.accentColor}
            onChange={(e) => set('accentColor', e.target.value)}
            error={errors.accentColor}
            style={{ width: 64, padding: 2 }}
          />
        </fieldset>
      </Card>
      {!readOnly && (
        <div className="app-form-actions" style={{ marginTop: 16 }}>
          <Button onClick={undo} disabled={!dirty || update.isPending}>
            Undo
          </Button>
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save
          </Button>
        </div>
      )}
    </form>
  );
}
