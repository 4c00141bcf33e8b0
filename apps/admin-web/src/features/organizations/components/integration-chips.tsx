import { Chip } from '@settle/ui';

import type { LinkKind, OrganizationLinkDto } from '../api/types';

import { vendorName } from './vendor-name';

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  psa: 'PSA',
  accounting: 'Accounting',
  gateway: 'Gateway',
  other: 'Other',
};

const EXPECTED_KINDS: LinkKind[] = ['psa', 'accounting', 'gateway'];

// Links are made by an integrator through the REST API (PUT …/external/{source}/{id}); there is
// no screen to make them by hand yet.
const MISSING_TIPS: Record<string, string> = {
  psa: 'No PSA company is linked: contacts (and invoices raised in the PSA) may not show.',
  accounting: 'No accounting customer is linked: open invoices and credits may not show.',
  gateway: 'No payment gateway customer is linked: saved payment methods may not show.',
};

/**
 * One chip per integration link ("PSA · ConnectWise"); each of PSA, Accounting and Gateway
 * without a link gets a muted dashed "No PSA link" chip explaining what may be missing.
 */
export function IntegrationChips({ links }: { links: OrganizationLinkDto[] }) {
  const linked = new Set(links.map((l) => l.kind));
  const missing = EXPECTED_KINDS.filter((k) => !linked.has(k));
  return (
    <ul className="app-chips" aria-label="Integration links">
      {links.map((l) => (
        <li key={`${l.kind}:${l.source}:${l.externalId}`}>
          <Chip variant="success" tooltip={`${vendorName(l.source)} id ${l.externalId}`}>
            <span aria-hidden="true">✓</span> {LINK_KIND_LABELS[l.kind]} · {vendorName(l.source)}
          </Chip>
        </li>
      ))}
      {missing.map((kind) => (
        <li key={kind}>
          <Chip variant="muted" tooltip={MISSING_TIPS[kind]}>
            No {LINK_KIND_LABELS[kind]} link
          </Chip>
        </li>
      ))}
    </ul>
  );
}
