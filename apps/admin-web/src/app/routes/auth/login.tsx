import { Card, LoadingState } from '@settle/ui';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { paths, safeRedirect } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';
import { useBranding } from '@/features/settings/api/get-branding';

export default function LoginRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const redirectTo = safeRedirect(searchParams.get('redirectTo'));
  const branding = useBranding();
  // an existing session skips the form; a 401 here is expected and not redirected
  const me = useMe();

  if (me.isPending) return <LoadingState />;
  if (me.isSuccess) return <Navigate to={redirectTo} replace />;

  const mspName = branding.data?.mspName;
  return (
    <div className="app-auth">
      <Card className="app-auth__card">
        <div className="app-auth__brand">
          {branding.data?.logoDataUrl && (
            <img src={branding.data.logoDataUrl} alt={mspName ? `${mspName} logo` : 'Logo'} />
          )}
          <h1>{mspName ? `Sign in to ${mspName}` : 'Sign in to Settle'}</h1>
        </div>
        <LoginForm
          onSuccess={() => navigate(redirectTo || paths.app.overview.getHref(), { replace: true })}
        />
      </Card>
    </div>
  );
}
