import { PageHeader } from '@settle/ui';

import { PaymentsList } from '@/features/payments/components/payments-list';

export default function PaymentsRoute() {
  return (
    <>
      <PageHeader title="Payments" />
      <PaymentsList />
    </>
  );
}
