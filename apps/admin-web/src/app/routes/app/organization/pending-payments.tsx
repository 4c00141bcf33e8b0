import { useParams } from 'react-router';

import { OrganizationPayments } from '@/features/payments/components/organization-payments';

export default function OrganizationPendingPaymentsRoute() {
  const { id = '' } = useParams();
  return (
    <OrganizationPayments
      key={id}
      organizationId={id}
      title="Pending Payments"
      status="processing"
      emptyText="Bank debits waiting to settle appear here."
    />
  );
}
