import { Button } from '@settle/ui';
import { useId } from 'react';

import { usePortal } from '@/lib/portal-context';

import { useLogout } from '../api/logout';

/**
 * The contact's organization (a switcher when it has several) and Sign out. Switching changes
 * the organization every screen shows; nothing of the other stays on screen.
 */
export function AccountBar({ onSignedOut }: { onSignedOut: () => void }) {
  const { contact, organizations, organization, switchOrganization } = usePortal();
  const logout = useLogout({ onSignedOut });
  const switcherId = useId();
  return (
    <div className="portal-account">
      {organizations.length > 1 ? (
        <>
          <label className="ui-visually-hidden" htmlFor={switcherId}>
            Organization
          </label>
          <select
            id={switcherId}
            className="ui-input ui-select portal-account__org"
            value={organization.id}
            onChange={(e) => switchOrganization(e.target.value)}
          >
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <span className="portal-account__org-name" title={contact.email}>
          {organization.name}
        </span>
      )}
      {logout.isError && (
        <span className="portal-text-danger" role="alert">
          Could not sign out. Try again.
        </span>
      )}
      <Button size="sm" variant="ghost" loading={logout.isPending} onClick={() => logout.mutate()}>
        Sign out
      </Button>
    </div>
  );
}
