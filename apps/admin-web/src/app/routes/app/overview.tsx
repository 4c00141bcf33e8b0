import { Card, PageHeader } from '@settle/ui';

import { ArOverview } from '@/features/ar-overview/components/ar-overview';
import { AttentionCards } from '@/features/ar-overview/components/attention-cards';
import { PaymentsCalendar } from '@/features/ar-overview/components/payments-calendar';
import { useAutopayApprovalsCount } from '@/features/autopay/api/autopay-approvals';
import { SyncStatus } from '@/features/integrations/components/sync-status';

export default function OverviewRoute() {
  const autopayApprovals = useAutopayApprovalsCount();
  return (
    <>
      <PageHeader title="Overview" />
      <div className="ui-grid">
        <Card title="Notifications" className="app-full">
          <AttentionCards autopayApprovals={autopayApprovals} />
        </Card>
        <ArOverview />
        <Card title="Payments Calendar" className="app-full">
          <PaymentsCalendar />
        </Card>
        <Card title="Synchronization Status" className="app-full">
          <SyncStatus />
        </Card>
      </div>
    </>
  );
}
