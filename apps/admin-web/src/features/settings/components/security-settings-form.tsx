import { isApiError, type SecuritySettingsDto } from '@settle/api-client';
import { Card, ErrorState, LoadingState, useToast } from '@settle/ui';

import { Form, FormCheckboxField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  securitySettingsInputSchema,
  useSecuritySettings,
  useUpdateSecuritySettings,
} from '../api/security-settings';

export function SecuritySettings() {
  const settings = useSecuritySettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.isError)
    return (
      <ErrorState
        message={
          isApiError(settings.error) ? settings.error.detail : 'Could not load the settings.'
        }
        requestId={isApiError(settings.error) ? settings.error.requestId : null}
      />
    );
  return <SecuritySettingsForm settings={settings.data} />;
}

function SecuritySettingsForm({ settings }: { settings: SecuritySettingsDto }) {
  const toast = useToast();
  const form = useProblemForm({ schema: securitySettingsInputSchema, defaultValues: settings });
  const update = useUpdateSecuritySettings({
    mutationConfig: { onSuccess: () => toast.show({ title: 'Security settings saved' }) },
  });
  return (
    <Card title="Sign-in">
      <Form
        form={form}
        onSubmit={(values) => update.mutateAsync(values)}
        aria-label="Security settings"
      >
        <FormCheckboxField
          control={form.control}
          name="requireTwoFactor"
          label="Require two-factor for all staff"
          hint="Staff without it can only set it up until they do. Set it up for yourself first (your menu → Account security). API keys are not affected."
        />
        <div className="app-form-actions">
          <SubmitButton>Save</SubmitButton>
        </div>
      </Form>
    </Card>
  );
}
