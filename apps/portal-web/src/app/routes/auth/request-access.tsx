import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { RequestAccessForm } from '@/features/auth/components/request-access-form';

import { AuthCard } from './auth-card';

export default function RequestAccessRoute() {
  return (
    <AuthCard title="Request access to the billing portal">
      <RequestAccessForm />
      <p className="portal-auth__aside">
        Already have a login? <Link to={paths.auth.login.getHref()}>Sign in</Link>
      </p>
    </AuthCard>
  );
}
