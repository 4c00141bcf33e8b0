import { useParams } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import { OrganizationEmailing } from '@/features/emails/components/organization-emailing';
import { OrganizationNotes } from '@/features/notes/components/organization-notes';
import { NotificationEmails } from '@/features/organizations/components/notification-emails';
import { OrganizationDetails } from '@/features/organizations/components/organization-details';
import { PaymentMethodsList } from '@/features/payment-methods/components/payment-methods-list';
import { OpenInvoices } from '@/features/payments/components/open-invoices';
import { OrganizationPayments } from '@/features/payments/components/organization-payments';
import { useMsp } from '@/lib/msp-context';

export default function OrganizationDetailsRoute() {
  const { id = '' } = useParams();
  // the layout has loaded it already; this reads the cache
  const organization = useOrganization({ id });
  // emails are for administrators and billing staff
  const { user } = useMsp();
  if (!organization.data) return null;
  return (
    <>
      <OrganizationDetails
        organization={organization.data}
        emailing={
          user.role !== 'viewer' && (
            <OrganizationEmailing organizationId={id} organizationName={organization.data.name} />
          )
        }
      />
      <OpenInvoices organizationId={id} limit={10} />
      <OrganizationPayments organizationId={id} title="Recent Payments" recent />
      <PaymentMethodsList organizationId={id} />
      <NotificationEmails organizationId={id} />
      <OrganizationNotes organizationId={id} />
    </>
  );
}
