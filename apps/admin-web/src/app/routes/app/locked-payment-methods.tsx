import { PageHeader } from '@settle/ui';

import { LockedPaymentMethods } from '@/features/payment-methods/components/locked-payment-methods';

export default function LockedPaymentMethodsRoute() {
  return (
    <>
      <PageHeader title="Locked Payment Methods" />
      <LockedPaymentMethods />
    </>
  );
}
