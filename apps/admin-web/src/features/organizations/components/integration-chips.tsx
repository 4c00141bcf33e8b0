import { Chip } from '@settle/ui';
import { useId } from 'react';
import { Link } from 'react-router';

import { useEntities } from '@/api/entities/entities';
import { paths } from '@/config/paths';

import type { LinkKind, OrganizationLinkDto } from '../api/types';

import { vendorName } from './vendor-name';

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  psa: 'PSA',
  accounting: 'Accounting',
  gateway: 'Gateway',
  other: 'Other',
};

const EXPECTED_KINDS: LinkKind[] = ['psa', 'accounting', 'gateway'];

const MISSING_TIPS: Record<string, string> = {
  psa: 'No PSA company is linked: contacts (and invoices raised in the PSA) may not show. Map one in Entities.',
  accounting:
    'No accounting customer is linked: open invoices and credits may not show. Map one in Entities.',
  gateway:
    'No payment gateway customer is linked: saved payment methods may not show. Map one in Entities.',
};

/**
 * One chip per integration link ("PSA · ConnectWise 19300"); each of PSA, Accounting and Gateway
 * without a link gets a muted dashed "No PSA link" chip that opens Entities on the companies no
 * organization has, where one can be mapped. A link a sync made opens Entities on this
 * organization's records; one an integrator made through the REST API has none to show.
 */
export function IntegrationChips({
  organizationId,
  links,
}: {
  organizationId: string;
  links: OrganizationLinkDto[];
}) {
  const synced = useEntities({
    params: { organizationId, type: 'company', page: 1, pageSize: 50 },
  });
  const syncedIds = new Set((synced.data?.data ?? []).map((e) => e.externalId));
  const linked = new Set(links.map((l) => l.kind));
  const missing = EXPECTED_KINDS.filter((k) => !linked.has(k));
  return (
    <ul className="app-chips" aria-label="Integration links">
      {links.map((l) => (
        <li key={`${l.kind}:${l.source}:${l.externalId}`}>
          <LinkChip
            variant="success"
            tooltip={`${vendorName(l.source)} id ${l.externalId}`}
            to={
              syncedIds.has(l.externalId)
                ? paths.app.entities.getHref({ organizationId })
                : undefined
            }
          >
            <span aria-hidden="true">✓</span> {LINK_KIND_LABELS[l.kind]} · {vendorName(l.source)}{' '}
            <span className="app-chip-id">{l.externalId}</span>
          </LinkChip>
        </li>
      ))}
      {missing.map((kind) => (
        <li key={kind}>
          <LinkChip
            variant="muted"
            tooltip={MISSING_TIPS[kind]}
            to={paths.app.entities.getHref({ type: 'company', mapped: 'false' })}
          >
            No {LINK_KIND_LABELS[kind]} link
          </LinkChip>
        </li>
      ))}
    </ul>
  );
}

function LinkChip({
  variant,
  tooltip,
  to,
  children,
}: {
  variant: 'success' | 'muted';
  tooltip: string;
  to: string | undefined;
  children: React.ReactNode;
}) {
  const tipId = useId();
  if (!to)
    return (
      <Chip variant={variant} tooltip={tooltip}>
        {children}
      </Chip>
    );
  return (
    <Chip variant={variant} tooltip={tooltip} tooltipId={tipId}>
      <Link to={to} className="app-chip-link" aria-describedby={tipId}>
        {children}
      </Link>
    </Chip>
  );
}
