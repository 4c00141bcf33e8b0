import { useParams } from 'react-router';

import { InvoicesTable } from '@/features/invoices/components/invoices-table';

export default function OrganizationInvoiceHistoryRoute() {
  const { id = '' } = useParams();
  return <InvoicesTable key={id} organizationId={id} />;
}
