import { useNavigate, useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { SetPasswordForm } from '@/features/auth/components/set-password-form';

import { AuthCard } from './auth-card';

/** The welcome email's link: choose a password, then straight into the portal. */
export default function AcceptInvitationRoute() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  return (
    <AuthCard title="Welcome: choose your password">
      <SetPasswordForm
        link="invitation"
        token={search.get('token') ?? ''}
        onSuccess={() => navigate(paths.app.balance.getHref(), { replace: true })}
      />
    </AuthCard>
  );
}
