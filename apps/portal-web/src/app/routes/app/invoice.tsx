import { useParams } from 'react-router';

import { NotAllowed } from '@/components/not-allowed';
import { InvoiceDetail } from '@/features/invoices/components/invoice-detail';
import { usePortal } from '@/lib/portal-context';

export default function InvoiceRoute() {
  const { organization } = usePortal();
  const { invoiceId = '' } = useParams();
  if (!organization.permissions.viewInvoices) {
    return <NotAllowed title="Invoice" text="Your access does not include invoices." />;
  }
  return (
    <InvoiceDetail
      organizationId={organization.id}
      invoiceId={invoiceId}
      canPay={organization.permissions.pay}
    />
  );
}
