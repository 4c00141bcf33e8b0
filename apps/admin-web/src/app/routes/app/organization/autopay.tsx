import { Card } from '@settle/ui';
import { Link, useParams } from 'react-router';

import { NotAvailable } from '@/components/not-available';
import { paths } from '@/config/paths';

export default function OrganizationAutoPayRoute() {
  const { id = '' } = useParams();
  return (
    <Card title="AutoPay">
      <NotAvailable
        bare
        title="AutoPay"
        text="Settle cannot charge this organization's invoices automatically yet. To collect later, schedule a payment or split it into installments."
        action={<Link to={paths.app.organization.section(id, 'open-invoices')}>Open invoices</Link>}
      />
    </Card>
  );
}
