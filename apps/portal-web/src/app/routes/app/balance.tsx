import { PageHeader } from '@settle/ui';

import { NotAllowed } from '@/components/not-allowed';
import { BalanceSummary } from '@/features/balance/components/balance-summary';
import { StatementDownload } from '@/features/balance/components/statement-download';
import {
  NextScheduledPayment,
  RecentPayments,
} from '@/features/payments/components/recent-payments';
import { usePortal } from '@/lib/portal-context';

export default function BalanceRoute() {
  const { organization } = usePortal();
  const { permissions } = organization;
  if (!permissions.viewInvoices) {
    return <NotAllowed title="Balance" text="Your access does not include invoices or payments." />;
  }
  return (
    <>
      <PageHeader
        title="Balance"
        actions={<StatementDownload organizationId={organization.id} />}
      />
      <div className="portal-dashboard">
        <BalanceSummary organizationId={organization.id} canPay={permissions.pay} />
        <NextScheduledPayment organizationId={organization.id} />
        <RecentPayments organizationId={organization.id} />
      </div>
    </>
  );
}
