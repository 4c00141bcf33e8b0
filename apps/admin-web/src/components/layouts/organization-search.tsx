import { useState } from 'react';
import { useNavigate } from 'react-router';

import { useOrganizations } from '@/api/organizations/get-organizations';
import { paths } from '@/config/paths';

import { GlobalSearch } from './global-search';

/** Suggestions shown at most: enough to pick from on a phone without scrolling. */
const SUGGESTIONS = 8;

/**
 * The top bar's search: organizations matching the text as the user types; picking one opens it,
 * Enter without a pick lists every match on the Organizations page.
 */
export function OrganizationSearch() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const matches = useOrganizations({
    params: { page: 1, pageSize: SUGGESTIONS, q, sort: 'name' },
    queryConfig: { enabled: q !== '' },
  });
  return (
    <GlobalSearch
      label="Find organizations"
      onQueryChange={setQ}
      suggestions={{
        items: (matches.data?.data ?? []).map((org) => ({
          id: org.id,
          label: org.name,
          description: [org.city, org.region].filter(Boolean).join(', ') || undefined,
        })),
        total: matches.data?.total ?? 0,
        loading: q !== '' && (matches.isPending || matches.isPlaceholderData),
        error: matches.isError,
      }}
      onPick={(org) => navigate(paths.app.organization.getHref(org.id))}
      onSubmit={(text) => navigate(paths.app.organizations.getHref(text))}
      noMatchesText={(text) => `No organizations match “${text}”.`}
    />
  );
}
