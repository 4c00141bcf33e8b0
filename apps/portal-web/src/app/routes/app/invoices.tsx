import { PageHeader } from '@settle/ui';
import { useSearchParams } from 'react-router';

import { NotAllowed } from '@/components/not-allowed';
import { readPayAllocations } from '@/config/paths';
import { OpenInvoices } from '@/features/invoices/components/open-invoices';
import { usePortal } from '@/lib/portal-context';

export default function OpenInvoicesRoute() {
  const { organization } = usePortal();
  const [search] = useSearchParams();
  if (!organization.permissions.viewInvoices) {
    return <NotAllowed title="Open Invoices" text="Your access does not include invoices." />;
  }
  return (
    <>
      <PageHeader title="Open Invoices" />
      <OpenInvoices
        organizationId={organization.id}
        canPay={organization.permissions.pay}
        initial={readPayAllocations(search)}
      />
    </>
  );
}
