import { Button, Skeleton } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import { useEmailExclusions } from '../api/get-email-exclusions';

import { AccountSummaryDialog } from './account-summary-dialog';
import { EXCLUSION_SHORT_LABELS, EmailExclusionsDialog } from './email-exclusions-dialog';

/**
 * The profile's EMAILING block (seed 002): Send Account Summary, View Email History, and which
 * automated emails the organization does not get.
 */
export function OrganizationEmailing({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const [dialog, setDialog] = useState<'summary' | 'exclusions' | null>(null);
  const exclusions = useEmailExclusions({ organizationId });
  const excluded = exclusions.data?.categories ?? [];
  const close = () => setDialog(null);

  return (
    <div className="app-emailing">
      <div className="app-emailing__actions">
        <Button size="sm" onClick={() => setDialog('summary')}>
          Send Account Summary
        </Button>
        <Link
          className="ui-button ui-button--secondary ui-button--sm"
          to={paths.app.emails.getHref({ organizationId })}
        >
          View Email History
        </Link>
      </div>
      <div className="app-note-text">
        {exclusions.isPending ? (
          <Skeleton width="60%" />
        ) : exclusions.isError ? (
          <span className="ui-muted">Could not load the email exclusions.</span>
        ) : (
          <>
            <span className={excluded.length ? undefined : 'ui-muted'} data-testid="exclusions">
              {excluded.length
                ? `Not sent: ${excluded.map((c) => EXCLUSION_SHORT_LABELS[c]).join(', ')}`
                : 'All automated emails are sent'}
            </span>{' '}
            <button
              type="button"
              className="app-link-button"
              onClick={() => setDialog('exclusions')}
            >
              Email exclusions…
            </button>
          </>
        )}
      </div>
      {dialog === 'summary' && (
        <AccountSummaryDialog
          organizationId={organizationId}
          organizationName={organizationName}
          onClose={close}
        />
      )}
      {dialog === 'exclusions' && exclusions.data && (
        <EmailExclusionsDialog
          organizationId={organizationId}
          excluded={exclusions.data.categories}
          onClose={close}
        />
      )}
    </div>
  );
}
