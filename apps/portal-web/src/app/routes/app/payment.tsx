import { useParams } from 'react-router';

import { NotAllowed } from '@/components/not-allowed';
import { PaymentDetail } from '@/features/payments/components/payment-detail';
import { usePortal } from '@/lib/portal-context';

export default function PaymentRoute() {
  const { organization } = usePortal();
  const { paymentId = '' } = useParams();
  if (!organization.permissions.viewInvoices) {
    return <NotAllowed title="Payment" text="Your access does not include payments." />;
  }
  return (
    <PaymentDetail
      organizationId={organization.id}
      paymentId={paymentId}
      canPay={organization.permissions.pay}
    />
  );
}
