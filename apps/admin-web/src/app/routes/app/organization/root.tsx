import { useParams } from 'react-router';

import { OrganizationLayout } from '@/features/organizations/components/organization-layout';

export default function OrganizationRoot() {
  const { id = '' } = useParams();
  // keyed: switching organizations starts from a fresh layout (dialogs closed)
  return <OrganizationLayout key={id} id={id} />;
}
