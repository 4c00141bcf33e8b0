import { useParams } from 'react-router';

import { BalancePanel } from '@/features/organizations/components/balance-panel';

export default function OrganizationBalanceRoute() {
  const { id = '' } = useParams();
  return <BalancePanel organizationId={id} />;
}
