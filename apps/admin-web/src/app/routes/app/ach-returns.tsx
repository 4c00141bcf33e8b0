import { PageHeader } from '@settle/ui';

import { AchReturnsList } from '@/features/ach-returns/components/ach-returns-list';

export default function AchReturnsRoute() {
  return (
    <>
      <PageHeader title="ACH Returns" />
      <AchReturnsList />
    </>
  );
}
