import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  ErrorState,
  formatDateTime,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import {
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useUpdateWebhookEndpoint,
  useWebhookEndpoints,
} from '@/api/webhooks/endpoints';
import type { CreatedWebhookEndpoint, WebhookEndpoint } from '@/api/webhooks/types';
import { useMsp } from '@/lib/msp-context';

import { EndpointDialog } from './endpoint-dialog';
import { SecretDialog } from './secret-dialog';
import { WebhookDeliveries } from './webhook-deliveries';

type Editing = { endpoint: WebhookEndpoint | null } | null;

/** Settings → Webhooks: the endpoints, what each receives and how it is doing, and its log. */
export function WebhookEndpoints() {
  const { timeZone } = useMsp();
  const toast = useToast();
  const endpoints = useWebhookEndpoints();
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpoint | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);

  const failed = (title: string) => (error: Error) =>
    toast.show({
      title,
      message: isApiError(error) ? error.detail : 'Could not reach the server.',
      variant: 'error',
    });
  const toggle = useUpdateWebhookEndpoint({
    mutationConfig: {
      onSuccess: (e) =>
        toast.show({ title: e.enabled ? 'Deliveries resumed' : 'Deliveries paused' }),
      onError: failed('Could not change the endpoint'),
    },
  });
  const rotate = useRotateWebhookSecret({
    mutationConfig: {
      onSuccess: (answer) => {
        setRotating(null);
        setSecret({ title: 'New signing secret', secret: answer.secret });
      },
      onError: failed('Could not rotate the secret'),
    },
  });
  const remove = useDeleteWebhookEndpoint({
    mutationConfig: {
      onSuccess: () => {
        if (deleting?.id === logOf) setLogOf(null);
        setDeleting(null);
        toast.show({ title: 'Endpoint deleted' });
      },
      onError: failed('Could not delete the endpoint'),
    },
  });

  const created = (endpoint: CreatedWebhookEndpoint) => {
    setEditing(null);
    setSecret({ title: 'Endpoint added', secret: endpoint.secret });
  };

  const columns: DataTableColumn<WebhookEndpoint>[] = [
    {
      key: 'url',
      header: 'Endpoint',
      render: (e) => (
        <div className="app-webhook-endpoint">
          <code className="app-webhook-endpoint__url">{e.url}</code>
          {e.description && <span className="ui-muted">{e.description}</span>}
        </div>
      ),
    },
    {
      key: 'events',
      header: 'Events',
      render: (e) => (
        <ul className="app-webhook-events" aria-label={`Events of ${e.url}`}>
          {e.events.map((type) => (
            <li key={type}>
              <code>{type}</code>
            </li>
          ))}
        </ul>
      ),
    },
    { key: 'status', header: 'Status', render: (e) => <EndpointStatus endpoint={e} /> },
    {
      key: 'health',
      header: 'Last deliveries',
      render: (e) => (
        <div className="app-webhook-endpoint">
          {e.failingSince ? (
            <span className="ui-badge ui-badge--danger">
              Failing since {formatDateTime(e.failingSince, timeZone)}
            </span>
          ) : (
            <span className="ui-badge ui-badge--success">Delivering</span>
          )}
          <span className="ui-muted">
            {e.waitingDeliveries} waiting · {e.failedDeliveries} failed
          </span>
        </div>
      ),
    },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (e) => (
        <div className="app-row-actions app-row-actions--wrap">
          <Button size="sm" onClick={() => setLogOf(e.id)} aria-pressed={logOf === e.id}>
            Deliveries
          </Button>
          <Button size="sm" onClick={() => setEditing({ endpoint: e })}>
            Edit
          </Button>
          <Button
            size="sm"
            loading={toggle.isPending && toggle.variables?.id === e.id}
            onClick={() => toggle.mutate({ id: e.id, body: { enabled: !e.enabled } })}
          >
            {e.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button size="sm" onClick={() => setRotating(e)}>
            Rotate secret
          </Button>
          <Button size="sm" variant="danger" onClick={() => setDeleting(e)}>
            Delete
          </Button>
        </div>
      ),
    },
  ];

  const shownLog = endpoints.data?.find((e) => e.id === logOf) ?? null;
  return (
    <>
      <Card
        title="Webhooks"
        flush
        actions={
          <Button variant="primary" onClick={() => setEditing({ endpoint: null })}>
            Add endpoint
          </Button>
        }
      >
        {endpoints.isError ? (
          <ErrorState
            message={
              isApiError(endpoints.error) ? endpoints.error.detail : 'Could not load the endpoints.'
            }
            requestId={isApiError(endpoints.error) ? endpoints.error.requestId : null}
          />
        ) : (
          <DataTable
            label="Webhook endpoints"
            columns={columns}
            rows={endpoints.data ?? []}
            getRowId={(e) => e.id}
            loading={endpoints.isPending}
            emptyTitle="No webhook endpoints"
            emptyText="Add an endpoint to have Settle POST payment events to another system, signed with its secret."
          />
        )}
      </Card>
      {shownLog && <WebhookDeliveries endpoint={shownLog} onClose={() => setLogOf(null)} />}
      {editing && (
        <EndpointDialog
          endpoint={editing.endpoint}
          onCreated={created}
          onClose={() => setEditing(null)}
        />
      )}
      {secret && (
        <SecretDialog title={secret.title} secret={secret.secret} onClose={() => setSecret(null)} />
      )}
      <ConfirmDialog
        open={!!rotating}
        title="Rotate signing secret"
        message={`A new secret is made for ${rotating?.url ?? ''} and shown once; the current one stops working at once, so deliveries fail until the receiver uses the new one.`}
        confirmLabel="Rotate secret"
        danger
        pending={rotate.isPending}
        onCancel={() => setRotating(null)}
        onConfirm={() => rotating && rotate.mutate({ id: rotating.id })}
      />
      <ConfirmDialog
        open={!!deleting}
        title="Delete webhook endpoint"
        message={`${deleting?.url ?? ''} will receive nothing more, and its delivery log is deleted with it. This cannot be undone.`}
        confirmLabel="Delete"
        danger
        pending={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </>
  );
}

function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.enabled) return <span className="ui-badge ui-badge--success">Enabled</span>;
  return (
    <div className="app-webhook-endpoint">
      <span className="ui-badge ui-badge--warning">
        {endpoint.disabledReason ? 'Disabled' : 'Paused'}
      </span>
      {endpoint.disabledReason && <span className="ui-muted">{endpoint.disabledReason}</span>}
    </div>
  );
}
