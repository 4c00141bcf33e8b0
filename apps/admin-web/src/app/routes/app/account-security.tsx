import { PageHeader } from '@settle/ui';

import { MySessionsCard } from '@/features/account-security/components/my-sessions-card';
import { TwoFactorCard } from '@/features/account-security/components/two-factor-card';
import { useMsp } from '@/lib/msp-context';

export default function AccountSecurityRoute() {
  const { user } = useMsp();
  return (
    <>
      <PageHeader title="Account security" />
      <div className="app-stack">
        <TwoFactorCard enabled={user.twoFactorEnabled} required={user.twoFactorEnrolmentRequired} />
        {/* Until enrolment is done the API answers nothing else. */}
        {!user.twoFactorEnrolmentRequired && <MySessionsCard />}
      </div>
    </>
  );
}
