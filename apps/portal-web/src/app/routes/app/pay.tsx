import { PageHeader } from '@settle/ui';
import { useSearchParams } from 'react-router';

import { NotAllowed } from '@/components/not-allowed';
import { readPayAllocations } from '@/config/paths';
import { PayFlow } from '@/features/payments/components/pay-flow';
import { usePortal } from '@/lib/portal-context';

export default function PayRoute() {
  const { organization } = usePortal();
  const [search] = useSearchParams();
  if (!organization.permissions.pay) {
    return (
      <NotAllowed title="Make a payment" text="Your access does not include paying invoices." />
    );
  }
  return (
    <>
      <PageHeader title="Make a payment" />
      <PayFlow organizationId={organization.id} allocations={readPayAllocations(search)} />
    </>
  );
}
