import { Button, Dialog } from '@settle/ui';

import { Form, FormSelectField, FormTextField, SubmitButton } from '@/components/form';
import { leaveAppFor } from '@/lib/leave-app';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  quickBooksAuthorizePath,
  quickBooksInputSchema,
  useCreateQuickBooksIntegration,
  useUpdateQuickBooksIntegration,
  type QuickBooksInput,
  type QuickBooksValues,
} from '@/api/integrations/integrations';
import { quickBooksSettings, SCHEDULE_OPTIONS, type Integration } from '@/api/integrations/types';

/**
 * Connect QuickBooks (`integration` null): the integration is made, then the browser goes to
 * QuickBooks' sign-in, which comes back to the Integrations screen. Or edits its settings.
 */
export function QuickBooksDialog({
  integration,
  onSaved,
  onClose,
}: {
  integration: Integration | null;
  onSaved: (saved: Integration, created: boolean) => void;
  onClose: () => void;
}) {
  const title = integration ? `Edit ${integration.name}` : 'Connect QuickBooks';
  const settings = integration ? quickBooksSettings(integration) : null;
  const defaultValues: QuickBooksInput = {
    name: integration?.name ?? 'QuickBooks',
    schedule: integration?.schedule ?? 'hourly',
    settings: {
      depositAccountId: settings?.depositAccountId ?? '',
      hiddenCompanyStatuses: settings ? settings.hiddenCompanyStatuses.join(', ') : 'Inactive',
    },
  };
  const form = useProblemForm({ schema: quickBooksInputSchema, defaultValues });
  const create = useCreateQuickBooksIntegration({
    mutationConfig: { onSuccess: (made) => leaveAppFor(quickBooksAuthorizePath(made.id)) },
  });
  const update = useUpdateQuickBooksIntegration({
    mutationConfig: { onSuccess: (saved) => onSaved(saved, false) },
  });
  const submit = (values: QuickBooksValues) =>
    integration ? update.mutateAsync({ id: integration.id, values }) : create.mutateAsync(values);

  return (
    <Dialog open title={title} onClose={onClose}>
      <Form form={form} aria-label={title} onSubmit={submit}>
        {!integration && (
          <p>
            QuickBooks asks you to sign in and choose the company; Settle never sees your password.
            You come back here when it is done.
          </p>
        )}
        <FormTextField control={form.control} name="name" label="Name" />
        <FormSelectField
          control={form.control}
          name="schedule"
          label="Syncs on its own"
          options={SCHEDULE_OPTIONS}
        />
        <div className="app-form-grid">
          <FormTextField
            control={form.control}
            name="settings.depositAccountId"
            label="Deposit account id (optional)"
            hint="Where payments are deposited in QuickBooks; empty: Undeposited Funds."
            autoComplete="off"
          />
          <FormTextField
            control={form.control}
            name="settings.hiddenCompanyStatuses"
            label="Hide customers with these statuses (optional)"
            hint="Comma-separated, e.g. Inactive."
          />
        </div>
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <SubmitButton>{integration ? 'Save' : 'Continue to QuickBooks'}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
