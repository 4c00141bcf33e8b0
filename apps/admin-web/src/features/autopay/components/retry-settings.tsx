import { Button, Card, ErrorState, LoadingState, useToast } from '@settle/ui';
import { useMemo } from 'react';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { useMsp } from '@/lib/msp-context';

import {
  autopaySettingsInputSchema,
  retryScheduleText,
  toFormValues,
  useAutopaySettings,
  useUpdateAutopaySettings,
  type AutopaySettingsDto,
} from '../api/autopay-settings';

/** When declined AutoPay charges are tried again: read by everyone, changed by admins. */
export function RetrySettings() {
  const { isAdmin } = useMsp();
  const settings = useAutopaySettings();
  return (
    <Card title="Declined charges">
      {settings.isPending ? (
        <LoadingState label="Loading the retry schedule…" />
      ) : settings.isError ? (
        <ErrorState
          title="Could not load the retry schedule"
          action={
            <Button size="sm" onClick={() => void settings.refetch()}>
              Try again
            </Button>
          }
        />
      ) : (
        <>
          <p>{retryScheduleText(settings.data.retryOffsetsDays)}</p>
          {isAdmin && <RetrySettingsForm settings={settings.data} />}
        </>
      )}
    </Card>
  );
}

function RetrySettingsForm({ settings }: { settings: AutopaySettingsDto }) {
  const toast = useToast();
  const defaults = useMemo(() => toFormValues(settings), [settings]);
  const form = useProblemForm({ schema: autopaySettingsInputSchema, defaultValues: defaults });
  const update = useUpdateAutopaySettings({
    mutationConfig: {
      onSuccess: (saved) => {
        form.reset(toFormValues(saved));
        toast.show({
          title: 'Retry schedule saved',
          message: retryScheduleText(saved.retryOffsetsDays),
        });
      },
    },
  });
  return (
    <Form form={form} onSubmit={(body) => update.mutateAsync(body)} aria-label="Retry schedule">
      <FormTextField
        control={form.control}
        name="retryOffsetsDays"
        label="Retry after (days)"
        hint="Days after the charge's date, separated by commas, such as 1, 3. Leave empty for no retries."
        inputMode="numeric"
      />
      <SubmitButton>Save schedule</SubmitButton>
    </Form>
  );
}
