import { EmptyState, PageHeader } from '@settle/ui';
import type { ReactNode } from 'react';

export function ComingSoon({ title, text }: { title: string; text: ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Coming soon" text={text} />
    </>
  );
}
