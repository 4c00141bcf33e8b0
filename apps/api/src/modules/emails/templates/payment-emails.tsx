import { EmailLayout } from './layout';
import { Facts, ListTable } from './parts';
import { INVOICE_COLUMNS, invoiceRows, TemplateProps } from './template-props';

export function PaymentReceiptEmail({ branding, data, intro }: TemplateProps<'payment_receipt'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Payment received"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'View in the portal', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Date', data.paidAt],
          ['Paid with', data.methodLabel],
          ['Amount', data.amount],
          ['Convenience fee', data.fee],
          ['Total charged', data.total],
        ]}
      />
      {data.invoices.length > 0 && (
        <ListTable columns={INVOICE_COLUMNS} rows={invoiceRows(data.invoices)} />
      )}
    </EmailLayout>
  );
}

export function PaymentFailedEmail({ branding, data, intro }: TemplateProps<'payment_failed'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Your payment did not go through"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Pay in the portal', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Amount', data.amount],
          ['Payment method', data.methodLabel],
          ['Reason', data.reason],
        ]}
      />
    </EmailLayout>
  );
}

export function PaymentScheduledEmail({
  branding,
  data,
  intro,
}: TemplateProps<'payment_scheduled'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`Payment scheduled for ${data.scheduledFor}`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Manage the payment', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Date', data.scheduledFor],
          ['Payment method', data.methodLabel],
          ['Amount', data.amount],
        ]}
      />
      {data.invoices.length > 0 && (
        <ListTable columns={INVOICE_COLUMNS} rows={invoiceRows(data.invoices)} />
      )}
    </EmailLayout>
  );
}

export function PaymentRescheduledEmail({
  branding,
  data,
  intro,
}: TemplateProps<'payment_rescheduled'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Your payment has a new date"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Manage the payment', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Amount', data.amount],
          ['Payment method', data.methodLabel],
          ['Was scheduled for', data.previousDate],
          ['Now scheduled for', data.scheduledFor],
        ]}
      />
    </EmailLayout>
  );
}

export function PaymentCancelledEmail({
  branding,
  data,
  intro,
}: TemplateProps<'payment_cancelled'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Scheduled payment cancelled"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'View in the portal', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Amount', data.amount],
          ['Was scheduled for', data.scheduledFor],
        ]}
      />
    </EmailLayout>
  );
}

export function PaymentRefundedEmail({ branding, data, intro }: TemplateProps<'payment_refunded'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Refund issued"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'View in the portal', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Refund', data.refundAmount],
          ['Refunded to', data.methodLabel],
          ['Reason', data.reason],
        ]}
      />
    </EmailLayout>
  );
}

export function AchReturnedEmail({ branding, data, intro }: TemplateProps<'ach_returned'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Your bank returned a payment"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Pay in the portal', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment', data.paymentNumber],
          ['Amount', data.amount],
          ['Return code', data.returnCode],
          ['Bank reason', data.returnReason],
        ]}
      />
    </EmailLayout>
  );
}
