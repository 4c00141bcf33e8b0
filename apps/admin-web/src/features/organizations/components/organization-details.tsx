import { Card, formatDateTime } from '@settle/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import type { OrganizationResponseDto } from '../api/types';

function addressLines(org: OrganizationResponseDto): string[] {
  const a = org.address;
  const cityLine = [[a.city, a.region].filter(Boolean).join(', '), a.postalCode]
    .filter(Boolean)
    .join(' ');
  return [a.line1, a.line2, cityLine, a.country].filter((l): l is string => !!l);
}

/**
 * The profile's details card (seed 002): address, phone, contacts, last login and, when the route
 * composes it (it belongs to emails), the EMAILING block.
 */
export function OrganizationDetails({
  organization: org,
  emailing,
}: {
  organization: OrganizationResponseDto;
  emailing?: ReactNode;
}) {
  const { timeZone } = useMsp();
  const lines = addressLines(org);
  return (
    <Card title="Organization Details">
      <dl className="app-details">
        <div>
          <dt>Address</dt>
          <dd>
            {lines.length ? (
              <address>
                {lines.map((l) => (
                  <div key={l}>{l}</div>
                ))}
              </address>
            ) : (
              <span className="ui-muted">No address</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>{org.phone ? <a href={`tel:${org.phone}`}>{org.phone}</a> : '—'}</dd>
        </div>
        <div>
          <dt>Contacts</dt>
          <dd>
            <Link
              to={paths.app.organization.section(org.id, 'contacts')}
              aria-label={`${org.contactsCount} contacts: manage contacts`}
            >
              {org.contactsCount} ›
            </Link>
          </dd>
        </div>
        <div>
          <dt>Last login</dt>
          <dd>
            {org.lastPortalLoginAt ? (
              <>
                <div>{formatDateTime(org.lastPortalLoginAt, timeZone)}</div>
                {org.lastPortalLoginEmail && (
                  <div className="ui-muted">{org.lastPortalLoginEmail}</div>
                )}
              </>
            ) : (
              <span className="ui-muted">Never</span>
            )}
          </dd>
        </div>
        {emailing && (
          <div>
            <dt>Emailing</dt>
            <dd>{emailing}</dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
