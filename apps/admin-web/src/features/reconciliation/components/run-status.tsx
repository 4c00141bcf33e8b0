import { formatDate } from '@settle/ui';

import type { ReconciliationRun } from '../api/types';

export function RunStatus({ run }: { run: Pick<ReconciliationRun, 'status'> }) {
  switch (run.status) {
    case 'queued':
      return <span className="ui-badge">Queued</span>;
    case 'running':
      return <span className="ui-badge ui-badge--warning">Running</span>;
    case 'completed':
      return <span className="ui-badge ui-badge--success">Completed</span>;
    case 'failed':
      return <span className="ui-badge ui-badge--danger">Failed</span>;
  }
}

/** "Nov 1, 2026 – Nov 30, 2026" (calendar days, never shifted by a time zone). */
export function periodText(run: Pick<ReconciliationRun, 'from' | 'to'>): string {
  return run.from === run.to
    ? formatDate(run.from)
    : `${formatDate(run.from)} – ${formatDate(run.to)}`;
}

export function scopeText(run: Pick<ReconciliationRun, 'organizationId' | 'organizationName'>) {
  return run.organizationId ? (run.organizationName ?? 'One organization') : 'All organizations';
}
