import { useNavigate, useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { SetPasswordForm } from '@/features/auth/components/set-password-form';

import { AuthCard } from './auth-card';

/** The reset email's link: a new password, then signed in (other sessions end). */
export default function ResetPasswordRoute() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  return (
    <AuthCard title="Choose a new password">
      <SetPasswordForm
        link="reset"
        token={search.get('token') ?? ''}
        onSuccess={() => navigate(paths.app.balance.getHref(), { replace: true })}
      />
    </AuthCard>
  );
}
