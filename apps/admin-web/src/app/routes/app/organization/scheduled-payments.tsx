import { useParams } from 'react-router';

import { OrganizationPayments } from '@/features/payments/components/organization-payments';

export default function OrganizationScheduledPaymentsRoute() {
  const { id = '' } = useParams();
  return (
    <OrganizationPayments
      key={id}
      organizationId={id}
      title="Scheduled Payments"
      status="scheduled"
      emptyText="Payments scheduled for a later date appear here; open one to reschedule or cancel it."
    />
  );
}
