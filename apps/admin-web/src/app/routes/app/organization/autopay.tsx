import { useParams } from 'react-router';

import { AutopayRules } from '@/features/autopay/components/autopay-rules';

export default function OrganizationAutoPayRoute() {
  const { id = '' } = useParams();
  return <AutopayRules key={id} organizationId={id} />;
}
