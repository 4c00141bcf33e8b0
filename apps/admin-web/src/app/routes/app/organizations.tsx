import { PageHeader } from '@settle/ui';

import { OrganizationsList } from '@/features/organizations/components/organizations-list';

export default function OrganizationsRoute() {
  return (
    <>
      <PageHeader title="Organizations" />
      <OrganizationsList />
    </>
  );
}
