import { useParams } from 'react-router';

import { OrganizationNotes } from '@/features/notes/components/organization-notes';
import { useOrganization } from '@/features/organizations/api/get-organization';
import { NotificationEmails } from '@/features/organizations/components/notification-emails';
import { OrganizationDetails } from '@/features/organizations/components/organization-details';

export default function OrganizationDetailsRoute() {
  const { id = '' } = useParams();
  // the layout has loaded it already; this reads the cache
  const organization = useOrganization({ id });
  if (!organization.data) return null;
  return (
    <>
      <OrganizationDetails organization={organization.data} />
      <NotificationEmails organizationId={id} />
      <OrganizationNotes organizationId={id} />
    </>
  );
}
