import { Card, EmptyState, PageHeader, formatMoney } from '@settle/ui';

import { useMsp } from '@/lib/msp-context';

export default function OverviewRoute() {
  const { currency } = useMsp();
  const zero = formatMoney(0, currency);
  return (
    <>
      <PageHeader title="Overview" />
      <div className="ui-grid">
        <Card title="Notifications" className="app-full">
          <EmptyState bare title="All clear" text="Nothing needs your attention." />
        </Card>
        <Card title="A/R by Company" className="app-full">
          <dl className="app-stat-row" aria-label="A/R totals">
            <Stat label="Total Balance" value={zero} />
            <Stat label="Total Past Due" value={zero} />
            <Stat label="Open Invoices" value="0" />
            <Stat label="Companies" value="0" />
          </dl>
          <EmptyState
            bare
            title="No receivables yet"
            text="No open invoices yet. Connect an integration or add invoices to see your receivables."
          />
        </Card>
        <Card title="Highest Balances">
          <EmptyState
            bare
            title="No balances to chart"
            text="The six organizations with the largest open and past due balances will appear here."
          />
        </Card>
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

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="ui-muted">{label}</dt>
      <dd style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{value}</dd>
    </div>
  );
}
