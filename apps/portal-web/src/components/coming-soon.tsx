import { EmptyState, PageHeader } from '@settle/ui';

export function ComingSoon({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Coming soon" text={text} />
    </>
  );
}
