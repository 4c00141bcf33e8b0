import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  ErrorState,
  PageHeader,
  SelectField,
  formatDateTime,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import { MenuButton, type MenuItem } from '@/components/menu-button';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useIntegrations } from '@/api/integrations/integrations';
import { useMsp } from '@/lib/msp-context';

import {
  ENTITY_TYPE_LABELS,
  useEntityAction,
  useEntities,
  type EntitiesParams,
  type Entity,
  type EntityAction,
  type EntityType,
} from '@/api/entities/entities';

import { MapEntityDialog } from './map-entity-dialog';

const PAGE_SIZES = [25, 50, 100];
const TYPES = Object.keys(ENTITY_TYPE_LABELS) as EntityType[];
const isFlag = (v: string | null): v is 'true' | 'false' => v === 'true' || v === 'false';

/** The list's state lives in the URL, so a chip on a profile can link to it filtered. */
function readParams(
  sp: URLSearchParams,
): Required<Pick<EntitiesParams, 'page' | 'pageSize'>> & EntitiesParams {
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  const type = sp.get('type');
  const mapped = sp.get('mapped');
  const hidden = sp.get('hidden');
  return {
    integrationId: sp.get('integrationId') || undefined,
    type: TYPES.includes(type as EntityType) ? (type as EntityType) : undefined,
    mapped: isFlag(mapped) ? mapped : undefined,
    hidden: isFlag(hidden) ? hidden : undefined,
    organizationId: sp.get('organizationId') || undefined,
    q: sp.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
  };
}

function writeParams(p: EntitiesParams): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(p))
    if (value !== undefined && value !== '') sp.set(key, String(value));
  if (p.page === 1) sp.delete('page');
  if (p.pageSize === 25) sp.delete('pageSize');
  return sp;
}

const DONE: Record<EntityAction, (e: Entity) => { title: string; message: string }> = {
  unmap: (e) => ({
    title: 'Company unmapped',
    message: `${e.name} is linked to no organization; the next sync makes it one of its own unless it is hidden.`,
  }),
  hide: (e) => ({
    title: 'Record hidden',
    message:
      e.type === 'company' && e.organizationName
        ? `Syncs no longer bring ${e.name} in, and ${e.organizationName} leaves the organization list; its open invoices still count in A/R.`
        : `Syncs no longer bring ${e.name} in.`,
  }),
  unhide: (e) => ({
    title: 'Record shown',
    message: `${e.name} is brought into Settle again.`,
  }),
  resync: (e) => ({
    title: 'Record read again',
    message: `${e.name} is as the source has it now (${e.deleted ? 'gone from the source' : 'synced just now'}).`,
  }),
};

/** Entities: every record the integrations brought in, and which organization each is. */
export function EntitiesScreen() {
  const { isAdmin, timeZone } = useMsp();
  const toast = useToast();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readParams(searchParams);
  const entities = useEntities({ params });
  const integrations = useIntegrations();
  const organization = useOrganization({
    id: params.organizationId ?? '',
    queryConfig: { enabled: !!params.organizationId },
  });
  const [mapping, setMapping] = useState<Entity | null>(null);
  const act = useEntityAction({
    mutationConfig: {
      onSuccess: (entity, { action }) => toast.show(DONE[action](entity)),
      onError: (error, { action }) =>
        toast.show({
          title:
            action === 'resync'
              ? 'Could not read the record again'
              : `Could not ${action} the record`,
          message: isApiError(error) ? error.detail : 'Could not reach the server.',
          variant: 'error',
        }),
    },
  });

  const update = (next: Partial<EntitiesParams>) =>
    setSearchParams(writeParams({ ...params, page: 1, ...next }), { replace: true });
  const integrationName = (id: string) =>
    integrations.data?.data.find((i) => i.id === id)?.name ?? '—';

  const actionsOf = (e: Entity): MenuItem[] => {
    const run = (action: EntityAction) => () => act.mutate({ id: e.id, action });
    const items: MenuItem[] = [];
    if (e.type === 'company') {
      items.push({ label: 'Map to organization…', onSelect: () => setMapping(e) });
      if (e.organizationId) items.push({ label: 'Unmap', onSelect: run('unmap') });
    }
    items.push(
      e.hidden
        ? { label: 'Unhide', onSelect: run('unhide') }
        : { label: 'Hide', onSelect: run('hide') },
    );
    if (e.type === 'company' || e.type === 'contact' || e.type === 'invoice')
      items.push({ label: 'Resync', onSelect: run('resync') });
    return items;
  };

  const columns: DataTableColumn<Entity>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (e) => (
        <>
          {e.name}
          {e.hidden && (
            <>
              {' '}
              <span className="ui-badge">Hidden</span>
            </>
          )}
          {e.deleted && (
            <>
              {' '}
              <span className="ui-badge ui-badge--danger">Gone from source</span>
            </>
          )}
        </>
      ),
    },
    { key: 'type', header: 'Type', render: (e) => ENTITY_TYPE_LABELS[e.type] },
    { key: 'externalId', header: 'External id', render: (e) => <code>{e.externalId}</code> },
    { key: 'integration', header: 'Integration', render: (e) => integrationName(e.integrationId) },
    {
      key: 'organization',
      header: 'Organization',
      render: (e) =>
        e.organizationId ? (
          <Link to={paths.app.organization.getHref(e.organizationId)}>
            {e.organizationName ?? 'Organization'}
          </Link>
        ) : (
          <span className="ui-muted">Not mapped</span>
        ),
    },
    {
      key: 'lastSyncedAt',
      header: 'Last synced',
      render: (e) => formatDateTime(e.lastSyncedAt, timeZone),
    },
  ];
  if (isAdmin)
    columns.push({
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (e) => (
        <MenuButton
          label={act.isPending && act.variables.id === e.id ? 'Working…' : 'Actions'}
          accessibleLabel={`Actions for ${e.name}`}
          items={actionsOf(e)}
        />
      ),
    });

  const filtered =
    !!params.q ||
    !!params.type ||
    !!params.mapped ||
    !!params.hidden ||
    !!params.integrationId ||
    !!params.organizationId;
  const noIntegrations = integrations.data?.data.length === 0;

  return (
    <>
      <PageHeader title="Entities" />
      <Card title="Synced records" flush>
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search by name or external id"
            value={params.q ?? ''}
            onSearch={(q) => update({ q: q || undefined })}
          />
          <SelectField
            label="Integration"
            className="app-inline-field"
            value={params.integrationId ?? ''}
            options={[
              { value: '', label: 'All' },
              ...(integrations.data?.data ?? []).map((i) => ({ value: i.id, label: i.name })),
            ]}
            onChange={(e) => update({ integrationId: e.target.value || undefined })}
          />
          <SelectField
            label="Type"
            className="app-inline-field"
            value={params.type ?? ''}
            options={[
              { value: '', label: 'All' },
              ...TYPES.map((t) => ({ value: t, label: ENTITY_TYPE_LABELS[t] })),
            ]}
            onChange={(e) => update({ type: (e.target.value || undefined) as EntityType })}
          />
          <SelectField
            label="Mapped"
            className="app-inline-field"
            value={params.mapped ?? ''}
            options={[
              { value: '', label: 'All' },
              { value: 'true', label: 'Mapped' },
              { value: 'false', label: 'Not mapped' },
            ]}
            onChange={(e) =>
              update({ mapped: isFlag(e.target.value) ? e.target.value : undefined })
            }
          />
          <SelectField
            label="Hidden"
            className="app-inline-field"
            value={params.hidden ?? ''}
            options={[
              { value: '', label: 'All' },
              { value: 'false', label: 'Shown' },
              { value: 'true', label: 'Hidden' },
            ]}
            onChange={(e) =>
              update({ hidden: isFlag(e.target.value) ? e.target.value : undefined })
            }
          />
        </div>
        {params.organizationId && (
          <div className="app-filter-chip app-toolbar--padded">
            <span>
              Records of{' '}
              <strong>
                {organization.data?.name ?? (organization.isError ? 'an organization' : '…')}
              </strong>
            </span>
            <Button size="sm" onClick={() => update({ organizationId: undefined })}>
              Show all organizations
            </Button>
          </div>
        )}
        {entities.isError ? (
          <ErrorState
            message={
              isApiError(entities.error) ? entities.error.detail : 'Could not load the records.'
            }
            requestId={isApiError(entities.error) ? entities.error.requestId : null}
          />
        ) : (
          <DataTable
            label="Entities"
            columns={columns}
            rows={entities.data?.data ?? []}
            getRowId={(e) => e.id}
            loading={entities.isPending || entities.isPlaceholderData}
            emptyTitle={filtered ? 'No matching records' : 'No records yet'}
            emptyText={
              filtered ? (
                params.q ? (
                  `Nothing matches “${params.q}” with these filters.`
                ) : (
                  'Nothing matches these filters.'
                )
              ) : noIntegrations ? (
                <>
                  Connect an integration on the{' '}
                  <Link to={paths.app.integrations.getHref()}>Integrations</Link> page; its
                  companies, contacts and invoices are listed here after a sync.
                </>
              ) : (
                'Records appear here after the first sync.'
              )
            }
            page={params.page}
            pageSize={params.pageSize}
            total={entities.data?.total ?? 0}
            pageSizeOptions={PAGE_SIZES}
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(pageSize) => update({ pageSize })}
          />
        )}
      </Card>
      {mapping && <MapEntityDialog entity={mapping} onClose={() => setMapping(null)} />}
    </>
  );
}
