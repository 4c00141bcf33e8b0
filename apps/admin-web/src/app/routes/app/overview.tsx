import { Card, EmptyState, PageHeader } from '@settle/ui';

import { ArOverview } from '@/features/ar-overview/components/ar-overview';

export default function OverviewRoute() {
  return (
    <>
      <PageHeader title="Overview" />
      <div className="ui-grid">
        <Card title="Notifications" className="app-full">
          <EmptyState bare title="All clear" text="Nothing needs your attention." />
        </Card>
        <ArOverview />
        <Card title="Payments Calendar">
          <EmptyState
            bare
            title="No upcoming payments"
            text="Scheduled payments and AutoPay charges will appear on the day they are due."
          />
        </Card>
        <Card title="Synchronization Status" className="app-full">
          <EmptyState
            bare
            title="No synchronizations yet"
            text="Once an integration is connected, its three latest syncs are shown here."
          />
        </Card>
      </div>
    </>
  );
}
