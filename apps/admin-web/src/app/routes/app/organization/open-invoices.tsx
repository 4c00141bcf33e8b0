import { useParams } from 'react-router';

import { OpenInvoices } from '@/features/payments/components/open-invoices';

export default function OrganizationOpenInvoicesRoute() {
  const { id = '' } = useParams();
  return <OpenInvoices key={id} organizationId={id} />;
}
