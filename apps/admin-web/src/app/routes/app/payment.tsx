import { useParams } from 'react-router';

import { PaymentDetail } from '@/features/payments/components/payment-detail';

export default function PaymentRoute() {
  const { id = '' } = useParams();
  // keyed: another payment starts with its dialogs closed
  return <PaymentDetail key={id} id={id} />;
}
