import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';
import { LoginForm } from '@/features/auth/components/login-form';

import { AuthCard } from './auth-card';

export default function LoginRoute() {
  const navigate = useNavigate();
  return (
    <AuthCard title="Sign in to pay your invoices">
      <LoginForm onSuccess={() => navigate(paths.app.balance.getHref(), { replace: true })} />
    </AuthCard>
  );
}
