import { PageHeader } from '@settle/ui';

import { NotAllowed } from '@/components/not-allowed';
import { AutopayRules } from '@/features/autopay/components/autopay-rules';
import { usePortal } from '@/lib/portal-context';

export default function AutoPayRoute() {
  const { organization } = usePortal();
  const { manageAutopay, viewInvoices, pay, manageMethods } = organization.permissions;
  // the API lets viewInvoices read the rules, so that a contact sees how invoices get paid
  if (!manageAutopay && !viewInvoices) {
    return <NotAllowed title="AutoPay" text="Your access does not include AutoPay." />;
  }
  return (
    <>
      <PageHeader title="AutoPay" />
      <AutopayRules
        organizationId={organization.id}
        canManage={manageAutopay}
        canSeeMethods={pay || manageMethods}
        canSeeBalance={viewInvoices}
      />
    </>
  );
}
