import { ErrorFallback, LoadingState } from '@settle/ui';
import { Suspense } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, NavLink, Outlet, useLocation } from 'react-router';

import { paths } from '@/config/paths';
import { useBranding } from '@/features/branding/api/get-branding';

export const PORTAL_NAV = [
  { name: 'Balance', to: paths.app.balance.getHref(), end: true },
  { name: 'Open Invoices', to: paths.app.invoices.getHref(), end: false },
  { name: 'Payment Methods', to: paths.app.paymentMethods.getHref(), end: false },
  { name: 'AutoPay', to: paths.app.autopay.getHref(), end: false },
  { name: 'History', to: paths.app.history.getHref(), end: false },
  { name: 'Statements', to: paths.app.statements.getHref(), end: false },
] as const;

export default function PortalRoot() {
  const location = useLocation();
  const { data: branding } = useBranding();
  const mspName = branding?.mspName ?? '';
  return (
    <div className="portal-shell">
      <header className="portal-topbar">
        <Link to={paths.app.balance.getHref()} className="portal-brand">
          {branding?.logoDataUrl ? (
            <img src={branding.logoDataUrl} alt={mspName || 'Logo'} />
          ) : (
            <span>{mspName || 'Settle'}</span>
          )}
        </Link>
        <Link to={paths.auth.login.getHref()} className="portal-signin">
          Sign in
        </Link>
      </header>
      <nav className="portal-nav" aria-label="Main">
        {PORTAL_NAV.map((item) => (
          <NavLink key={item.name} to={item.to} end={item.end}>
            {item.name}
          </NavLink>
        ))}
      </nav>
      <main className="portal-content">
        <ErrorBoundary FallbackComponent={ErrorFallback} resetKeys={[location.pathname]}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
