import { Button, Dialog } from '@settle/ui';

import { Form, FormSelectField, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  connectWiseConnectSchema,
  connectWiseInputSchema,
  useCreateIntegration,
  useUpdateIntegration,
  type ConnectWiseInput,
  type ConnectWiseValues,
} from '@/api/integrations/integrations';
import { connectWiseSettings, SCHEDULE_OPTIONS, type Integration } from '@/api/integrations/types';

/** Connects ConnectWise (`integration` null) or edits a connection's settings and schedule. */
export function IntegrationDialog({
  integration,
  onSaved,
  onClose,
}: {
  integration: Integration | null;
  onSaved: (saved: Integration, created: boolean) => void;
  onClose: () => void;
}) {
  const title = integration ? `Edit ${integration.name}` : 'Connect ConnectWise';
  return (
    <Dialog open title={title} onClose={onClose}>
      <IntegrationForm
        integration={integration}
        title={title}
        onSaved={onSaved}
        onClose={onClose}
      />
    </Dialog>
  );
}

function IntegrationForm({
  integration,
  title,
  onSaved,
  onClose,
}: {
  integration: Integration | null;
  title: string;
  onSaved: (saved: Integration, created: boolean) => void;
  onClose: () => void;
}) {
  const settings = integration ? connectWiseSettings(integration) : null;
  const defaultValues: ConnectWiseInput = {
    name: integration?.name ?? 'ConnectWise',
    schedule: integration?.schedule ?? 'hourly',
    settings: {
      site: settings?.site ?? '',
      companyId: settings?.companyId ?? '',
      publicKey: settings?.publicKey ?? '',
      clientId: settings?.clientId ?? '',
      hiddenCompanyTypes: settings?.hiddenCompanyTypes.join(', ') ?? '',
      hiddenCompanyStatuses: settings?.hiddenCompanyStatuses.join(', ') ?? '',
    },
    credentials: { privateKey: '' },
  };
  const form = useProblemForm({
    schema: integration ? connectWiseInputSchema : connectWiseConnectSchema,
    defaultValues,
  });
  const create = useCreateIntegration({ mutationConfig: { onSuccess: (i) => onSaved(i, true) } });
  const update = useUpdateIntegration({ mutationConfig: { onSuccess: (i) => onSaved(i, false) } });

  const submit = (values: ConnectWiseValues) => {
    if (!integration) return create.mutateAsync(values);
    const { credentials, ...rest } = values;
    // an empty private key keeps the stored one
    return update.mutateAsync({
      id: integration.id,
      body: credentials.privateKey ? values : rest,
    });
  };

  return (
    <Form form={form} aria-label={title} onSubmit={submit}>
      <FormTextField control={form.control} name="name" label="Name" />
      <FormTextField
        control={form.control}
        name="settings.site"
        label="Site"
        type="url"
        inputMode="url"
        hint="The API site, e.g. https://api-na.myconnectwise.net; the codebase is found from it."
      />
      <div className="app-form-grid">
        <FormTextField
          control={form.control}
          name="settings.companyId"
          label="Company id"
          hint="The company you sign in to ConnectWise with."
          autoComplete="off"
        />
        <FormTextField
          control={form.control}
          name="settings.clientId"
          label="Client id"
          hint="From developer.connectwise.com."
          autoComplete="off"
        />
        <FormTextField
          control={form.control}
          name="settings.publicKey"
          label="Public key"
          autoComplete="off"
        />
        <FormTextField
          control={form.control}
          name="credentials.privateKey"
          label="Private key"
          type="password"
          autoComplete="new-password"
          hint={
            integration
              ? 'Stored sealed and never shown; leave empty to keep it.'
              : 'Stored sealed and never shown again.'
          }
        />
      </div>
      <FormSelectField
        control={form.control}
        name="schedule"
        label="Syncs on its own"
        options={SCHEDULE_OPTIONS}
      />
      <div className="app-form-grid">
        <FormTextField
          control={form.control}
          name="settings.hiddenCompanyTypes"
          label="Hide companies of these types (optional)"
          hint="Comma-separated, e.g. Vendor, Partner: kept in Entities, not brought in."
        />
        <FormTextField
          control={form.control}
          name="settings.hiddenCompanyStatuses"
          label="Hide companies with these statuses (optional)"
          hint="Comma-separated, e.g. Inactive."
        />
      </div>
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>{integration ? 'Save' : 'Connect'}</SubmitButton>
      </div>
    </Form>
  );
}
