import { Card, PageHeader } from '@settle/ui';

import { NotAllowed } from '@/components/not-allowed';
import { StatementDownload } from '@/features/balance/components/statement-download';
import { usePortal } from '@/lib/portal-context';

export default function StatementsRoute() {
  const { organization } = usePortal();
  if (!organization.permissions.viewInvoices) {
    return <NotAllowed title="Statements" text="Your access does not include invoices." />;
  }
  return (
    <>
      <PageHeader title="Statements" />
      <Card title="Account statement">
        <p>
          A PDF of {organization.name}’s open invoices as of today: each invoice with its dates and
          what is left to pay, past-due invoices marked, and how much is past due by age. It is the
          statement attached to account summary emails.
        </p>
        <StatementDownload organizationId={organization.id} />
      </Card>
    </>
  );
}
