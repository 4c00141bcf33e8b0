import { PageHeader } from '@settle/ui';

import { EmailsList } from '@/features/emails/components/emails-list';

import { StaffEmailsOnly } from './staff-emails-only';

export default function EmailsRoute() {
  return (
    <>
      <PageHeader title="Emails" />
      <StaffEmailsOnly>
        <EmailsList />
      </StaffEmailsOnly>
    </>
  );
}
