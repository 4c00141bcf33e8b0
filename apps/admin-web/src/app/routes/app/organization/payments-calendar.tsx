import { Card } from '@settle/ui';
import { useParams } from 'react-router';

import { PaymentsCalendar } from '@/features/ar-overview/components/payments-calendar';

export default function OrganizationPaymentsCalendarRoute() {
  const { id = '' } = useParams();
  return (
    <Card title="Payments Calendar">
      <PaymentsCalendar key={id} organizationId={id} />
    </Card>
  );
}
