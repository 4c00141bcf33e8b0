import { Button } from '@settle/ui';
import { useId, useState } from 'react';

import { useOrganizations } from '@/api/organizations/get-organizations';
import { GlobalSearch } from '@/components/layouts/global-search';

export interface PickedOrganization {
  id: string;
  name: string;
}

const SUGGESTIONS = 8;

/** One organization, found by typing its name; none chosen means every organization. */
export function OrganizationPicker({
  value,
  onChange,
  disabled,
}: {
  value: PickedOrganization | null;
  onChange: (next: PickedOrganization | null) => void;
  disabled?: boolean;
}) {
  const labelId = useId();
  const [q, setQ] = useState('');
  const matches = useOrganizations({
    params: { page: 1, pageSize: SUGGESTIONS, q, sort: 'name' },
    queryConfig: { enabled: q !== '' },
  });
  const items = (matches.data?.data ?? []).map((org) => ({ id: org.id, label: org.name }));
  return (
    <div className="ui-field app-recon-org">
      <span className="ui-field__label" id={labelId}>
        Organization
      </span>
      {value ? (
        <div className="app-recon-org__chosen" role="group" aria-labelledby={labelId}>
          <strong>{value.name}</strong>
          {/* back to the search: pick another, or leave it empty for every organization */}
          <Button size="sm" variant="ghost" onClick={() => onChange(null)} disabled={disabled}>
            Change
          </Button>
        </div>
      ) : (
        <GlobalSearch
          label="All organizations (type to choose one)"
          onQueryChange={setQ}
          suggestions={{
            items,
            total: matches.data?.total ?? 0,
            loading: q !== '' && (matches.isPending || matches.isPlaceholderData),
            error: matches.isError,
          }}
          onPick={(org) => onChange({ id: org.id, name: org.label })}
          onSubmit={() => {
            // Enter without a highlighted match takes the only match, if there is exactly one
            if (items.length === 1) onChange({ id: items[0]!.id, name: items[0]!.label });
          }}
          noMatchesText={(text) => `No organizations match “${text}”.`}
        />
      )}
    </div>
  );
}
