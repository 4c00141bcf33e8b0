import { useParams } from 'react-router';

import { CreditsTable } from '@/features/organizations/components/credits-table';

export default function OrganizationCreditsRoute() {
  const { id = '' } = useParams();
  return <CreditsTable organizationId={id} />;
}
