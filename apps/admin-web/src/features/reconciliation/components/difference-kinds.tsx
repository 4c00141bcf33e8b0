import type { ReconciliationDifferenceKind } from '../api/types';

/** Each kind of difference the API reports, as the badge and the chart name it. */
export const DIFFERENCE_KINDS: Record<
  ReconciliationDifferenceKind,
  { label: string; tone: 'neutral' | 'warning' | 'danger' }
> = {
  not_yet_synced: { label: 'Not yet synced', tone: 'neutral' },
  sync_failed: { label: 'Sync failed', tone: 'warning' },
  dismissed_recorded_by_hand: { label: 'Sync dismissed', tone: 'neutral' },
  missing_in_accounting: { label: 'Missing in QuickBooks', tone: 'danger' },
  amount_differs_in_accounting: { label: 'Amount differs in QuickBooks', tone: 'danger' },
  reversal_missing_in_accounting: { label: 'Refund not in QuickBooks', tone: 'danger' },
  recorded_only_in_accounting: { label: 'Only in QuickBooks', tone: 'warning' },
  missing_at_gateway: { label: 'Missing at the gateway', tone: 'danger' },
  amount_differs_at_gateway: { label: 'Amount differs at the gateway', tone: 'danger' },
  refunded_at_gateway_only: { label: 'Refunded at the gateway only', tone: 'danger' },
  charge_only_at_gateway: { label: 'Charge only at the gateway', tone: 'warning' },
};

/** A kind this screen does not know yet still reads as words ("some_new_kind" → "Some new kind"). */
export function differenceLabel(kind: string): string {
  const known = DIFFERENCE_KINDS[kind as ReconciliationDifferenceKind];
  if (known) return known.label;
  const words = kind.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function DifferenceBadge({ kind }: { kind: string }) {
  const tone = DIFFERENCE_KINDS[kind as ReconciliationDifferenceKind]?.tone ?? 'neutral';
  const className =
    tone === 'danger'
      ? 'ui-badge ui-badge--danger'
      : tone === 'warning'
        ? 'ui-badge ui-badge--warning'
        : 'ui-badge';
  return <span className={className}>{differenceLabel(kind)}</span>;
}
