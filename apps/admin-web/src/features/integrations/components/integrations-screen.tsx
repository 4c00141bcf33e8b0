import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  SelectField,
  formatDateTime,
  useToast,
} from '@settle/ui';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { leaveAppFor } from '@/lib/leave-app';
import { useMsp } from '@/lib/msp-context';

import {
  quickBooksAuthorizePath,
  useDeleteIntegration,
  useIntegrations,
  useStartSyncRun,
  useTestIntegration,
  useUpdateIntegration,
} from '@/api/integrations/integrations';
import {
  KIND_LABELS,
  SCHEDULE_LABELS,
  SCHEDULE_OPTIONS,
  connectWiseSettings,
  quickBooksSettings,
  type Integration,
  type IntegrationTestResult,
  type SyncSchedule,
} from '@/api/integrations/types';

import { IntegrationDialog } from './integration-dialog';
import { IntegrationRuns } from './integration-runs';
import { QuickBooksDialog } from './quickbooks-dialog';
import { RunStatus, runInfo, runStart } from './sync-run-parts';

type Editing = { kind: Integration['kind']; integration: Integration | null } | null;

const failedMessage = (error: Error) =>
  isApiError(error) ? error.detail : 'Could not reach the server.';

/** Integrations: each connected system, its schedule and runs; connect ConnectWise or QuickBooks. */
export function IntegrationsScreen() {
  const { isAdmin } = useMsp();
  const toast = useToast();
  const integrations = useIntegrations();
  const [editing, setEditing] = useState<Editing>(null);
  const connect = (kind: Integration['kind']) => setEditing({ kind, integration: null });
  const connectButtons = isAdmin && (
    <div className="app-row-actions app-row-actions--wrap">
      <Button variant="primary" onClick={() => connect('connectwise')}>
        Connect ConnectWise
      </Button>
      <Button variant="primary" onClick={() => connect('quickbooks')}>
        Connect QuickBooks
      </Button>
    </div>
  );

  const saved = (integration: Integration, created: boolean) => {
    setEditing(null);
    toast.show({
      title: created ? `${integration.name} connected` : 'Integration saved',
      message: created
        ? 'Test the connection, then press Sync now to bring its records in.'
        : undefined,
    });
  };

  return (
    <>
      <PageHeader
        title="Integrations"
        actions={
          // an empty list offers the same button in its empty state
          !!integrations.data?.data.length && connectButtons
        }
      />
      <QuickBooksReturn />
      {integrations.isError ? (
        <Card>
          <ErrorState
            message={
              isApiError(integrations.error)
                ? integrations.error.detail
                : 'Could not load the integrations.'
            }
            requestId={isApiError(integrations.error) ? integrations.error.requestId : null}
            action={<Button onClick={() => void integrations.refetch()}>Try again</Button>}
          />
        </Card>
      ) : integrations.isPending ? (
        <LoadingState />
      ) : integrations.data.data.length === 0 ? (
        <EmptyState
          title="No integrations yet"
          text={
            isAdmin
              ? 'Connect ConnectWise Manage or QuickBooks Online to bring companies, contacts and invoices into Settle, and keep them in step.'
              : 'An administrator can connect ConnectWise Manage or QuickBooks Online to bring companies, contacts and invoices into Settle.'
          }
          action={connectButtons}
        />
      ) : (
        <div className="app-stack">
          {integrations.data.data.map((integration) => (
            <IntegrationCard
              key={integration.id}
              integration={integration}
              onEdit={() => setEditing({ kind: integration.kind, integration })}
            />
          ))}
        </div>
      )}
      {editing?.kind === 'quickbooks' && (
        <QuickBooksDialog
          integration={editing.integration}
          onSaved={saved}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'connectwise' && (
        <IntegrationDialog
          integration={editing.integration}
          onSaved={saved}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/**
 * What QuickBooks' sign-in came back with (?quickbooks=connected, or =error with a reason): the
 * API's callback sends the browser here either way.
 */
function QuickBooksReturn() {
  const [params] = useSearchParams();
  const outcome = params.get('quickbooks');
  if (outcome === 'connected')
    return (
      <div className="ui-alert ui-alert--info" role="status" aria-label="QuickBooks sign-in">
        <strong>QuickBooks connected.</strong> Its first sync is under way; its progress shows under
        Recent sync runs.
      </div>
    );
  if (outcome === 'error')
    return (
      <div className="ui-alert ui-alert--error" role="alert" aria-label="QuickBooks sign-in">
        <strong>QuickBooks did not connect.</strong>{' '}
        {params.get('reason') ?? 'QuickBooks gave no reason.'}
      </div>
    );
  return null;
}

function StatusBadge({ integration }: { integration: Integration }) {
  switch (integration.status) {
    case 'connected':
      return <span className="ui-badge ui-badge--success">Connected</span>;
    case 'needs_attention':
      return <span className="ui-badge ui-badge--danger">Needs attention</span>;
    case 'disconnected':
      return <span className="ui-badge">Disconnected</span>;
  }
}

function IntegrationCard({
  integration,
  onEdit,
}: {
  integration: Integration;
  onEdit: () => void;
}) {
  const { isAdmin, timeZone } = useMsp();
  const toast = useToast();
  const [tested, setTested] = useState<IntegrationTestResult | null>(null);
  const [confirming, setConfirming] = useState<'disconnect' | 'remove' | null>(null);
  const failed = (title: string) => (error: Error) =>
    toast.show({ title, message: failedMessage(error), variant: 'error' });

  const test = useTestIntegration({
    mutationConfig: { onSuccess: setTested, onError: failed('Could not test the connection') },
  });
  const sync = useStartSyncRun({
    mutationConfig: {
      // the answer is the run now queued or running: a new one, or the one already under way
      onSuccess: (run) =>
        toast.show({
          title: run.full ? 'Full sync under way' : 'Sync under way',
          message: 'Its progress shows under Recent sync runs.',
        }),
      onError: failed('Could not start a sync'),
    },
  });
  const update = useUpdateIntegration({
    mutationConfig: {
      onSuccess: (i, { body }) => {
        setConfirming(null);
        toast.show({
          title: body.status
            ? i.status === 'disconnected'
              ? `${i.name} disconnected`
              : `${i.name} connected again`
            : 'Schedule saved',
          message: body.schedule ? SCHEDULE_LABELS[i.schedule] : undefined,
        });
      },
      onError: failed('Could not change the integration'),
    },
  });
  const remove = useDeleteIntegration({
    mutationConfig: {
      onSuccess: () => {
        setConfirming(null);
        toast.show({ title: `${integration.name} removed` });
      },
      onError: failed('Could not remove the integration'),
    },
  });

  const disconnected = integration.status === 'disconnected';
  const quickbooks = integration.kind === 'quickbooks';
  // QuickBooks is (re)connected through its own sign-in, not with keys
  const reconnect = () => leaveAppFor(quickBooksAuthorizePath(integration.id));
  const { lastRun } = integration;
  const cw = connectWiseSettings(integration);
  const qbo = quickBooksSettings(integration);

  return (
    <Card
      title={integration.name}
      actions={
        isAdmin && (
          <div className="app-row-actions app-row-actions--wrap">
            <Button
              size="sm"
              loading={test.isPending}
              onClick={() => {
                setTested(null);
                test.mutate({ id: integration.id });
              }}
            >
              Test connection
            </Button>
            <Button
              size="sm"
              variant="primary"
              disabled={disconnected}
              loading={sync.isPending && !sync.variables.full}
              onClick={() => sync.mutate({ id: integration.id, full: false })}
            >
              Sync now
            </Button>
            <Button
              size="sm"
              disabled={disconnected}
              loading={sync.isPending && sync.variables.full}
              onClick={() => sync.mutate({ id: integration.id, full: true })}
              title="Reads every record, not only what changed, to find deletions"
            >
              Full sync
            </Button>
            <Button size="sm" onClick={onEdit}>
              Edit
            </Button>
            {quickbooks && integration.status !== 'connected' && (
              <Button size="sm" variant="primary" onClick={reconnect}>
                {integration.credentialsSet || disconnected ? 'Reconnect' : 'Sign in to QuickBooks'}
              </Button>
            )}
            {disconnected ? (
              !quickbooks && (
                <Button
                  size="sm"
                  loading={update.isPending}
                  onClick={() =>
                    update.mutate({ id: integration.id, body: { status: 'connected' } })
                  }
                >
                  Connect again
                </Button>
              )
            ) : (
              <Button size="sm" variant="danger" onClick={() => setConfirming('disconnect')}>
                Disconnect
              </Button>
            )}
            <Button size="sm" variant="danger" onClick={() => setConfirming('remove')}>
              Remove
            </Button>
          </div>
        )
      }
    >
      <div className="app-stack">
        {integration.status === 'needs_attention' && (
          <div className="ui-alert ui-alert--error" role="alert">
            <strong>Needs attention.</strong>{' '}
            {integration.statusMessage ?? 'The source refused the last request.'}{' '}
            {quickbooks
              ? 'Reconnect to sign in to QuickBooks again.'
              : 'Check the settings and keys, then test the connection.'}
          </div>
        )}
        {tested && (
          <div
            className={tested.ok ? 'ui-alert ui-alert--info' : 'ui-alert ui-alert--error'}
            role="status"
            aria-label="Connection test"
          >
            <strong>{tested.ok ? 'Connection works.' : 'Connection refused.'}</strong>{' '}
            {tested.message}
          </div>
        )}
        <dl className="app-details">
          <div>
            <dt>Kind</dt>
            <dd>{KIND_LABELS[integration.kind]}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge integration={integration} />
            </dd>
          </div>
          {cw && (
            <>
              <div>
                <dt>Site</dt>
                <dd className="app-break">{cw.site}</dd>
              </div>
              <div>
                <dt>Company id</dt>
                <dd>{cw.companyId}</dd>
              </div>
            </>
          )}
          {qbo && (
            <div>
              <dt>QuickBooks company</dt>
              <dd>{qbo.realmId ?? 'Not connected yet'}</dd>
            </div>
          )}
          <div>
            <dt>Schedule</dt>
            <dd>
              {isAdmin ? (
                <SelectField
                  label="Schedule"
                  hideLabel
                  value={integration.schedule}
                  options={SCHEDULE_OPTIONS}
                  disabled={update.isPending}
                  onChange={(e) =>
                    update.mutate({
                      id: integration.id,
                      body: { schedule: e.target.value as SyncSchedule },
                    })
                  }
                />
              ) : (
                SCHEDULE_LABELS[integration.schedule]
              )}
            </dd>
          </div>
          <div>
            <dt>Last run</dt>
            <dd>
              {lastRun ? (
                <>
                  {runStart(lastRun, timeZone)} · {runInfo(lastRun)} <RunStatus run={lastRun} />
                </>
              ) : (
                'Never synced'
              )}
            </dd>
          </div>
          <div>
            <dt>Last full sync</dt>
            <dd>
              {integration.lastFullSyncAt
                ? formatDateTime(integration.lastFullSyncAt, timeZone)
                : 'Not yet'}
            </dd>
          </div>
          <div>
            <dt>Records</dt>
            <dd>
              <Link to={paths.app.entities.getHref({ integrationId: integration.id })}>
                See in Entities
              </Link>
            </dd>
          </div>
        </dl>
        <IntegrationRuns integrationId={integration.id} />
      </div>
      <ConfirmDialog
        open={confirming === 'disconnect'}
        title={`Disconnect ${integration.name}`}
        message="It stops syncing, on schedule and on Sync now, until it is connected again. What it brought in stays in Settle."
        confirmLabel="Disconnect"
        danger
        pending={update.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => update.mutate({ id: integration.id, body: { status: 'disconnected' } })}
      />
      <ConfirmDialog
        open={confirming === 'remove'}
        title={`Remove ${integration.name}`}
        message="The connection, its stored keys, its sync runs and its records in Entities are deleted. Organizations, contacts and invoices already in Settle stay. This cannot be undone."
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => remove.mutate({ id: integration.id })}
      />
    </Card>
  );
}
