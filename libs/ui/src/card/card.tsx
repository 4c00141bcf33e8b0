import type { HTMLAttributes, ReactNode } from 'react';

import { cn } from '../utils/cn';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  actions?: ReactNode;
  /** Remove the body padding (tables that run edge to edge). */
  flush?: boolean;
}

export function Card({ title, actions, flush, className, children, ...rest }: CardProps) {
  return (
    <section className={cn('ui-card', className)} {...rest}>
      {(title || actions) && (
        <header className="ui-card__header">
          {title && <h2 className="ui-card__title">{title}</h2>}
          {actions && <div className="ui-card__actions">{actions}</div>}
        </header>
      )}
      <div className={cn('ui-card__body', flush && 'ui-card__body--flush')}>{children}</div>
    </section>
  );
}
