import { useParams, useSearchParams } from 'react-router';

import { PayFlow } from '@/features/payments/components/pay-flow';

export default function OrganizationPayRoute() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const invoiceIds = (searchParams.get('invoices') ?? '').split(',').filter(Boolean);
  return <PayFlow key={id} organizationId={id} invoiceIds={invoiceIds} />;
}
