import { useParams } from 'react-router';

import { PaymentMethodsList } from '@/features/payment-methods/components/payment-methods-list';

export default function OrganizationPaymentMethodsRoute() {
  const { id = '' } = useParams();
  return <PaymentMethodsList key={id} organizationId={id} />;
}
