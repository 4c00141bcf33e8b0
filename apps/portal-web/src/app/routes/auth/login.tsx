import { Card } from '@settle/ui';
import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';
import { useBranding } from '@/features/branding/api/get-branding';
import { LoginForm } from '@/features/auth/components/login-form';

export default function LoginRoute() {
  const navigate = useNavigate();
  const branding = useBranding();
  const mspName = branding.data?.mspName;
  return (
    <div className="portal-auth">
      <Card className="portal-auth__card">
        <div className="portal-auth__brand">
          {branding.data?.logoDataUrl && (
            <img src={branding.data.logoDataUrl} alt={mspName ? `${mspName} logo` : 'Logo'} />
          )}
          {mspName && <p className="ui-muted">{mspName}</p>}
          <h1>Sign in to pay your invoices</h1>
        </div>
        <LoginForm onSuccess={() => navigate(paths.app.balance.getHref(), { replace: true })} />
      </Card>
    </div>
  );
}
