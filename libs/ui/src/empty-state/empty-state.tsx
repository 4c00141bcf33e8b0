import type { ReactNode } from 'react';

import { cn } from '../utils/cn';

export interface EmptyStateProps {
  title: ReactNode;
  text?: ReactNode;
  action?: ReactNode;
  /** Render without the card frame (inside an existing card). */
  bare?: boolean;
}

export function EmptyState({ title, text, action, bare }: EmptyStateProps) {
  return (
    <div className={cn('ui-empty-state', !bare && 'ui-card')}>
      <p className="ui-empty-state__title">{title}</p>
      {text && <p className="ui-empty-state__text">{text}</p>}
      {action && <div className="ui-empty-state__action">{action}</div>}
    </div>
  );
}
