import { Card, PageHeader } from '@settle/ui';

import { InvoicesList } from '@/features/invoices/components/invoices-list';

export default function InvoicesRoute() {
  return (
    <>
      <PageHeader title="Invoices" />
      <Card flush>
        <InvoicesList />
      </Card>
    </>
  );
}
