import type { HTMLAttributes, ReactNode } from 'react';

import { Skeleton } from '../skeleton';
import { cn } from '../utils/cn';

export interface StatTileProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  loading?: boolean;
  tone?: 'default' | 'danger';
}

/** A labelled figure (a `<dt>`/`<dd>` pair); place tiles inside a `<dl className="ui-stat-tiles">`. */
export function StatTile({
  label,
  value,
  hint,
  loading,
  tone = 'default',
  className,
  ...rest
}: StatTileProps) {
  return (
    <div
      className={cn('ui-stat-tile', tone === 'danger' && 'ui-stat-tile--danger', className)}
      {...rest}
    >
      <dt className="ui-stat-tile__label">{label}</dt>
      <dd className="ui-stat-tile__value">
        {loading ? <Skeleton width="60%" height={24} /> : value}
      </dd>
      {hint && <dd className="ui-stat-tile__hint">{hint}</dd>}
    </div>
  );
}
