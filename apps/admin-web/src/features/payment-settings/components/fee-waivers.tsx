import { isApiError } from '@settle/api-client';
import { Button, Card, EmptyState, ErrorState, Skeleton, useToast } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useOrganizations } from '@/api/organizations/get-organizations';

import { WAIVERS_PAGE_SIZE, useFeeWaivers } from '../api/get-fee-waivers';
import { useUpdateFeeWaiver } from '../api/update-fee-waiver';

/** Organizations whose card payments carry no convenience fee; an administrator adds or removes. */
export function FeeWaivers({ readOnly }: { readOnly: boolean }) {
  const toast = useToast();
  const waivers = useFeeWaivers();
  const [q, setQ] = useState('');
  const candidates = useOrganizations({
    params: { q, page: 1, pageSize: 5, sort: 'name', convenienceFeeWaived: 'false' },
    queryConfig: { enabled: !readOnly && q.length > 0 },
  });
  const update = useUpdateFeeWaiver({
    mutationConfig: {
      onSuccess: (org) =>
        toast.show({
          title: org.convenienceFeeWaived ? 'Fee waived' : 'Waiver removed',
          message: org.convenienceFeeWaived
            ? `${org.name} pays no convenience fee on card payments.`
            : `${org.name} pays the convenience fee on card payments again.`,
        }),
      onError: (err) =>
        toast.show({
          title: 'Could not change the waiver',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });
  const busyId = update.isPending ? update.variables?.id : undefined;

  return (
    <Card title="Fee waivers">
      <p className="ui-muted app-note-text">
        These organizations pay no convenience fee, whatever the fee above.
      </p>
      {waivers.isError ? (
        <ErrorState
          message={
            isApiError(waivers.error) ? waivers.error.detail : 'Could not load the fee waivers.'
          }
          requestId={isApiError(waivers.error) ? waivers.error.requestId : null}
        />
      ) : waivers.isPending ? (
        <Skeleton height={24} />
      ) : waivers.data.data.length === 0 ? (
        <EmptyState bare title="No waivers" text="Every organization pays the fee when it is on." />
      ) : (
        <>
          <ul className="app-waivers" aria-label="Organizations with a fee waiver">
            {waivers.data.data.map((org) => (
              <li key={org.id}>
                <Link to={paths.app.organization.getHref(org.id)}>{org.name}</Link>
                {org.status === 'hidden' && <span className="ui-badge">Hidden</span>}
                {!readOnly && (
                  <Button
                    size="sm"
                    variant="ghost"
                    loading={busyId === org.id}
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: org.id, waived: false })}
                    aria-label={`Remove the waiver of ${org.name}`}
                  >
                    Remove waiver
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {waivers.data.total > WAIVERS_PAGE_SIZE && (
            <p className="ui-muted app-note-text">
              Showing the first {WAIVERS_PAGE_SIZE} of {waivers.data.total} waivers.
            </p>
          )}
        </>
      )}
      {!readOnly && (
        <div className="app-waiver-add">
          <SearchInput label="Find an organization to waive" value={q} onSearch={setQ} />
          {q && (
            <ul className="app-waivers" aria-label="Organizations to waive">
              {candidates.isPending ? (
                <li>
                  <Skeleton height={20} />
                </li>
              ) : candidates.isError ? (
                <li className="app-text-danger">Could not search organizations.</li>
              ) : candidates.data.data.length === 0 ? (
                <li className="ui-muted">No organization without a waiver matches “{q}”.</li>
              ) : (
                candidates.data.data.map((org) => (
                  <li key={org.id}>
                    <span>{org.name}</span>
                    <Button
                      size="sm"
                      loading={busyId === org.id}
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: org.id, waived: true })}
                      aria-label={`Waive the fee for ${org.name}`}
                    >
                      Waive fee
                    </Button>
                  </li>
                ))
              )}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
