import { Button, Dialog } from '@settle/ui';

import {
  Form,
  FormCheckboxGroupField,
  FormTextAreaField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import {
  useCreateWebhookEndpoint,
  useUpdateWebhookEndpoint,
  webhookEndpointInputSchema,
  type WebhookEndpointInput,
} from '@/api/webhooks/endpoints';
import {
  WEBHOOK_EVENT_TYPES,
  type CreatedWebhookEndpoint,
  type WebhookEndpoint,
} from '@/api/webhooks/types';
import { useProblemForm } from '@/lib/forms/use-problem-form';

/** Adds an endpoint (`endpoint` null) or edits one; a new endpoint's secret goes to `onCreated`. */
export function EndpointDialog({
  endpoint,
  onCreated,
  onClose,
}: {
  endpoint: WebhookEndpoint | null;
  onCreated: (created: CreatedWebhookEndpoint) => void;
  onClose: () => void;
}) {
  const title = endpoint ? 'Edit webhook endpoint' : 'Add webhook endpoint';
  return (
    <Dialog open title={title} onClose={onClose}>
      <EndpointForm endpoint={endpoint} title={title} onCreated={onCreated} onClose={onClose} />
    </Dialog>
  );
}

function EndpointForm({
  endpoint,
  title,
  onCreated,
  onClose,
}: {
  endpoint: WebhookEndpoint | null;
  title: string;
  onCreated: (created: CreatedWebhookEndpoint) => void;
  onClose: () => void;
}) {
  const defaultValues: WebhookEndpointInput = {
    url: endpoint?.url ?? '',
    events: endpoint?.events ?? [],
    description: endpoint?.description ?? '',
  };
  const form = useProblemForm({ schema: webhookEndpointInputSchema, defaultValues });
  const create = useCreateWebhookEndpoint({ mutationConfig: { onSuccess: onCreated } });
  const update = useUpdateWebhookEndpoint({ mutationConfig: { onSuccess: onClose } });
  return (
    <Form
      form={form}
      aria-label={title}
      onSubmit={(values) =>
        endpoint
          ? update.mutateAsync({ id: endpoint.id, body: values })
          : create.mutateAsync(values)
      }
    >
      <FormTextField
        control={form.control}
        name="url"
        label="URL"
        type="url"
        inputMode="url"
        hint="Where Settle POSTs the events: https://…"
      />
      <FormCheckboxGroupField
        control={form.control}
        name="events"
        legend="Events"
        options={WEBHOOK_EVENT_TYPES}
      />
      <FormTextAreaField
        control={form.control}
        name="description"
        label="Description (optional)"
        hint="What receives these events, e.g. “Accounting sync”."
        rows={2}
      />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>{endpoint ? 'Save' : 'Add endpoint'}</SubmitButton>
      </div>
    </Form>
  );
}
