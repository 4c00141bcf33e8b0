import { PageHeader } from '@settle/ui';

import { NotAllowed } from '@/components/not-allowed';
import { PaymentHistory } from '@/features/payments/components/payment-history';
import { usePortal } from '@/lib/portal-context';

export default function HistoryRoute() {
  const { organization } = usePortal();
  if (!organization.permissions.viewInvoices) {
    return <NotAllowed title="History" text="Your access does not include payments." />;
  }
  return (
    <>
      <PageHeader title="History" />
      <PaymentHistory organizationId={organization.id} />
    </>
  );
}
