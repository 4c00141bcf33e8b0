import { useParams } from 'react-router';

import { EmailDetail } from '@/features/emails/components/email-detail';

import { StaffEmailsOnly } from './staff-emails-only';

export default function EmailRoute() {
  const { emailId = '' } = useParams();
  return (
    <StaffEmailsOnly>
      {/* keyed: another email starts with its dialog closed and its HTML tab shown */}
      <EmailDetail key={emailId} id={emailId} />
    </StaffEmailsOnly>
  );
}
