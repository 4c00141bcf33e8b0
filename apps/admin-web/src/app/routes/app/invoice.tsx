import { useParams } from 'react-router';

import { InvoiceAutopayPanel } from '@/features/autopay/components/invoice-autopay-panel';
import { RecordEmails } from '@/features/emails/components/record-emails';
import { InvoiceDetail } from '@/features/invoices/components/invoice-detail';
import { InvoicePayments } from '@/features/payments/components/invoice-payments';
import { useMsp } from '@/lib/msp-context';

export default function InvoiceRoute() {
  const { invoiceId = '' } = useParams();
  // emails are for administrators and billing staff
  const { user } = useMsp();
  return (
    <InvoiceDetail
      key={invoiceId}
      id={invoiceId}
      payments={<InvoicePayments invoiceId={invoiceId} />}
      autopay={(invoice) => (
        <InvoiceAutopayPanel invoiceId={invoiceId} organizationId={invoice.organizationId} />
      )}
      emails={
        user.role !== 'viewer' && (
          <RecordEmails
            record={{ invoiceId }}
            emptyText="New invoice, due and past-due notices about this invoice appear here."
          />
        )
      }
    />
  );
}
