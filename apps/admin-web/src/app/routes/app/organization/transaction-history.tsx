import { useParams } from 'react-router';

import { OrganizationPayments } from '@/features/payments/components/organization-payments';

export default function OrganizationTransactionHistoryRoute() {
  const { id = '' } = useParams();
  return (
    <OrganizationPayments
      key={id}
      organizationId={id}
      title="Transaction History"
      emptyText="Every payment for this organization, with its refunds and returns, appears here."
    />
  );
}
