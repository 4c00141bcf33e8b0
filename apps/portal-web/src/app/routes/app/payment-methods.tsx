import { PageHeader } from '@settle/ui';

import { NotAllowed } from '@/components/not-allowed';
import { PaymentMethodsList } from '@/features/payment-methods/components/payment-methods-list';
import { usePortal } from '@/lib/portal-context';

export default function PaymentMethodsRoute() {
  const { organization } = usePortal();
  const { pay, manageMethods } = organization.permissions;
  if (!pay && !manageMethods) {
    return (
      <NotAllowed title="Payment Methods" text="Your access does not include payment methods." />
    );
  }
  return (
    <>
      <PageHeader title="Payment Methods" />
      <PaymentMethodsList organizationId={organization.id} canManage={manageMethods} />
    </>
  );
}
