import { useParams } from 'react-router';

import { ContactsList } from '@/features/contacts/components/contacts-list';
import { ContactEmailMenu } from '@/features/emails/components/contact-email-menu';
import { MassWelcomeButton } from '@/features/emails/components/mass-welcome-button';

export default function OrganizationContactsRoute() {
  const { id = '' } = useParams();
  return (
    <ContactsList
      key={id}
      organizationId={id}
      actions={<MassWelcomeButton organizationId={id} />}
      contactActions={(contact) => <ContactEmailMenu contact={contact} organizationId={id} />}
    />
  );
}
