import { useParams } from 'react-router';

import { ApprovePaymentActions } from '@/features/autopay/components/approve-payment-actions';
import { RecordEmails } from '@/features/emails/components/record-emails';
import { PaymentDetail } from '@/features/payments/components/payment-detail';
import { useMsp } from '@/lib/msp-context';

export default function PaymentRoute() {
  const { id = '' } = useParams();
  // emails are for administrators and billing staff
  const { user } = useMsp();
  // keyed: another payment starts with its dialogs closed
  return (
    <PaymentDetail
      key={id}
      id={id}
      approval={(payment) => <ApprovePaymentActions payment={payment} />}
      emails={
        user.role !== 'viewer' && (
          <RecordEmails
            className="app-full"
            record={{ paymentId: id }}
            emptyText="The receipt and other emails about this payment appear here."
          />
        )
      }
    />
  );
}
