import { EmailLayout } from './layout';
import { Facts } from './parts';
import { TemplateProps } from './template-props';

export function AccountSummaryEmail({ branding, data, intro }: TemplateProps<'account_summary'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`Statement for ${data.organizationName}`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'View your account', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['As of', data.asOf],
          ['Open invoices', data.openInvoices],
          ['Past due', data.pastDue],
          ['Total due', data.totalDue],
        ]}
      />
    </EmailLayout>
  );
}
