import { EmailLayout } from './layout';
import { Facts } from './parts';
import { TemplateProps } from './template-props';

export function NewInvoiceEmail({ branding, data, intro }: TemplateProps<'new_invoice'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`New invoice ${data.invoiceNumber}`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'View and pay', url: data.invoiceUrl }}
    >
      <Facts
        rows={[
          ['Invoice', data.invoiceNumber],
          ['Amount', data.amount],
          ['Due', data.dueDate],
        ]}
      />
    </EmailLayout>
  );
}

export function InvoiceDueSoonEmail({ branding, data, intro }: TemplateProps<'invoice_due_soon'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`Invoice ${data.invoiceNumber} is due ${data.dueDate}`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'View and pay', url: data.invoiceUrl }}
    >
      <Facts
        rows={[
          ['Invoice', data.invoiceNumber],
          ['Due', data.dueDate],
          ['Open balance', data.openBalance],
        ]}
      />
    </EmailLayout>
  );
}

export function InvoicePastDueEmail({ branding, data, intro }: TemplateProps<'invoice_past_due'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`Invoice ${data.invoiceNumber} is past due`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Pay now', url: data.invoiceUrl }}
    >
      <Facts
        rows={[
          ['Invoice', data.invoiceNumber],
          ['Was due', data.dueDate],
          ['Days past due', data.daysPastDue],
          ['Open balance', data.openBalance],
        ]}
      />
    </EmailLayout>
  );
}
