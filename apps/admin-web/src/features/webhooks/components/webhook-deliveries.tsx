import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  Dialog,
  ErrorState,
  LoadingState,
  formatDateTime,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import {
  useRedeliverWebhook,
  useWebhookDeliveries,
  useWebhookDelivery,
} from '@/api/webhooks/deliveries';
import type { WebhookDeliveriesParams } from '@/api/webhooks/keys';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '@/api/webhooks/types';
import { useMsp } from '@/lib/msp-context';

const STATUS_WORDS: Record<WebhookDeliveryStatus, { label: string; tone: string }> = {
  pending: { label: 'Waiting', tone: 'warning' },
  delivering: { label: 'Sending', tone: 'warning' },
  succeeded: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

function DeliveryStatus({ status }: { status: WebhookDeliveryStatus }) {
  const words = STATUS_WORDS[status];
  return <span className={`ui-badge ui-badge--${words.tone}`}>{words.label}</span>;
}

/** One endpoint's delivery log, newest first, with each delivery's detail and Redeliver. */
export function WebhookDeliveries({
  endpoint,
  onClose,
}: {
  endpoint: WebhookEndpoint;
  onClose: () => void;
}) {
  const { timeZone } = useMsp();
  const [params, setParams] = useState<WebhookDeliveriesParams>({ page: 1, pageSize: 25 });
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useWebhookDeliveries({ endpointId: endpoint.id, params });
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : '—');

  const columns: DataTableColumn<WebhookDelivery>[] = [
    {
      key: 'eventType',
      header: 'Event',
      render: (d) => (
        <Button size="sm" variant="ghost" onClick={() => setOpen(d.id)}>
          <code>{d.eventType}</code>
        </Button>
      ),
    },
    { key: 'status', header: 'Status', render: (d) => <DeliveryStatus status={d.status} /> },
    { key: 'attempts', header: 'Attempts', align: 'right', render: (d) => d.attempts },
    { key: 'next', header: 'Next attempt', render: (d) => when(d.nextAttemptAt) },
    {
      key: 'response',
      header: 'Response',
      render: (d) => d.lastResponseStatus ?? (d.lastError ? 'No answer' : '—'),
    },
    { key: 'createdAt', header: 'Created', render: (d) => when(d.createdAt) },
  ];

  return (
    <>
      <Card title="Deliveries" flush actions={<Button onClick={onClose}>Hide deliveries</Button>}>
        <p className="ui-muted app-webhook-log-of">
          To <code className="app-webhook-endpoint__url">{endpoint.url}</code>
        </p>
        {deliveries.isError ? (
          <ErrorState
            message={
              isApiError(deliveries.error)
                ? deliveries.error.detail
                : 'Could not load the deliveries.'
            }
            requestId={isApiError(deliveries.error) ? deliveries.error.requestId : null}
          />
        ) : (
          <DataTable
            label="Webhook deliveries"
            columns={columns}
            rows={deliveries.data?.data ?? []}
            getRowId={(d) => d.id}
            loading={deliveries.isPending}
            emptyTitle="No deliveries yet"
            emptyText="Events this endpoint subscribes to appear here as they are sent."
            page={params.page}
            pageSize={params.pageSize}
            total={deliveries.data?.total ?? 0}
            onPageChange={(page) => setParams((p) => ({ ...p, page }))}
            onPageSizeChange={(pageSize) => setParams({ page: 1, pageSize })}
          />
        )}
      </Card>
      {open && (
        <DeliveryDialog endpointId={endpoint.id} deliveryId={open} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

/** The body sent, each attempt's request headers and the answer, and Redeliver. */
function DeliveryDialog({
  endpointId,
  deliveryId,
  onClose,
}: {
  endpointId: string;
  deliveryId: string;
  onClose: () => void;
}) {
  const { timeZone } = useMsp();
  const toast = useToast();
  const delivery = useWebhookDelivery({ endpointId, deliveryId });
  const redeliver = useRedeliverWebhook({
    mutationConfig: {
      onSuccess: () =>
        toast.show({ title: 'Delivery queued to be sent again', variant: 'success' }),
      onError: (error) =>
        toast.show({
          title: 'Could not redeliver',
          message: isApiError(error) ? error.detail : 'Could not reach the server.',
          variant: 'error',
        }),
    },
  });
  const d = delivery.data;
  return (
    <Dialog
      open
      title="Webhook delivery"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button
            variant="primary"
            disabled={!d}
            loading={redeliver.isPending}
            onClick={() => redeliver.mutate({ endpointId, deliveryId })}
          >
            Redeliver
          </Button>
        </>
      }
    >
      {delivery.isError ? (
        <ErrorState
          message={
            isApiError(delivery.error) ? delivery.error.detail : 'Could not load the delivery.'
          }
        />
      ) : !d ? (
        <LoadingState />
      ) : (
        <div className="app-webhook-delivery">
          <dl className="app-webhook-delivery__facts">
            <dt>Event</dt>
            <dd>
              <code>{d.eventType}</code> · <code>{d.eventId}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <DeliveryStatus status={d.status} /> after {d.attempts} attempt
              {d.attempts === 1 ? '' : 's'}
            </dd>
            {d.nextAttemptAt && (
              <>
                <dt>Next attempt</dt>
                <dd>{formatDateTime(d.nextAttemptAt, timeZone)}</dd>
              </>
            )}
          </dl>
          <h3 className="app-webhook-delivery__heading">Request body</h3>
          <pre className="app-webhook-code" aria-label="Request body">
            {pretty(d.requestBody)}
          </pre>
          <h3 className="app-webhook-delivery__heading">Attempts</h3>
          {d.attemptLog.length === 0 ? (
            <p className="ui-muted">Not sent yet.</p>
          ) : (
            <ol className="app-webhook-attempts">
              {d.attemptLog.map((a) => (
                <li key={a.attemptedAt}>
                  <p>
                    {formatDateTime(a.attemptedAt, timeZone)} —{' '}
                    {a.responseStatus !== null
                      ? `answered ${a.responseStatus}`
                      : `no answer: ${a.error ?? 'unknown error'}`}{' '}
                    in {a.durationMs} ms
                  </p>
                  <pre className="app-webhook-code" aria-label="Request headers">
                    {Object.entries(a.requestHeaders)
                      .map(([name, value]) => `${name}: ${value}`)
                      .join('\n')}
                  </pre>
                  {a.responseBody !== null && (
                    <pre className="app-webhook-code" aria-label="Response body">
                      {a.responseBody || '(empty)'}
                    </pre>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </Dialog>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
