import { useParams } from 'react-router';

import { InvoiceDetail } from '@/features/invoices/components/invoice-detail';
import { InvoicePayments } from '@/features/payments/components/invoice-payments';

export default function InvoiceRoute() {
  const { invoiceId = '' } = useParams();
  return (
    <InvoiceDetail
      key={invoiceId}
      id={invoiceId}
      payments={<InvoicePayments invoiceId={invoiceId} />}
    />
  );
}
