import { EmptyState, PageHeader } from '@settle/ui';

/** A section the contact's access profile does not include; the API would answer 403. */
export function NotAllowed({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState
        title="Not part of your access"
        text={`${text} Ask your provider's billing team if you need it.`}
      />
    </>
  );
}
