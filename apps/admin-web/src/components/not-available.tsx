import { EmptyState, PageHeader } from '@settle/ui';
import type { ReactNode } from 'react';

/**
 * A menu entry whose screen this version of Settle does not have. It says so plainly and points
 * at what can be done today, without promising when (or in which release) the rest arrives.
 */
export function NotAvailable({
  title,
  text,
  action,
  bare,
}: {
  title: string;
  text: ReactNode;
  action?: ReactNode;
  /** Inside an existing card or page header. */
  bare?: boolean;
}) {
  const state = <EmptyState bare={bare} title="Not available yet" text={text} action={action} />;
  if (bare) return state;
  return (
    <>
      <PageHeader title={title} />
      {state}
    </>
  );
}
