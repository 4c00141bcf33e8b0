import { useParams } from 'react-router';

import { ContactsList } from '@/features/contacts/components/contacts-list';

export default function OrganizationContactsRoute() {
  const { id = '' } = useParams();
  return <ContactsList key={id} organizationId={id} />;
}
