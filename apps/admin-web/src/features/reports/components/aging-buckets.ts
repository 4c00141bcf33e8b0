import type { AgingBucketKey } from '../api/types';

/** Colours keep 3:1 contrast against the white card (WCAG non-text contrast). */
export const AGING_BUCKETS: {
  key: AgingBucketKey;
  label: string;
  /** The chart's axis label, short enough for five under a phone-wide chart. */
  short: string;
  color: string;
}[] = [
  { key: 'current', label: 'Current', short: 'Current', color: '#15803d' },
  { key: 'days1to30', label: '1–30 days', short: '1–30', color: '#a16207' },
  { key: 'days31to60', label: '31–60 days', short: '31–60', color: '#c2410c' },
  { key: 'days61to90', label: '61–90 days', short: '61–90', color: '#b91c1c' },
  { key: 'days90plus', label: '90+ days', short: '90+', color: '#7f1d1d' },
];
