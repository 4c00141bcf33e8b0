import { useParams, useSearchParams } from 'react-router';

import { PaymentEmailsStatus } from '@/features/emails/components/payment-emails-status';
import { PayFlow } from '@/features/payments/components/pay-flow';

export default function OrganizationPayRoute() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const invoiceIds = (searchParams.get('invoices') ?? '').split(',').filter(Boolean);
  return (
    <PayFlow
      key={id}
      organizationId={id}
      invoiceIds={invoiceIds}
      receipt={(payment) => (
        <PaymentEmailsStatus
          paymentId={payment.id}
          expecting={
            payment.status === 'failed'
              ? 'email about the declined payment'
              : payment.status === 'scheduled'
                ? 'scheduling confirmation'
                : 'receipt email'
          }
        />
      )}
    />
  );
}
