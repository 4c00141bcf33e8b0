import { isApiError } from '@settle/api-client';
import { EmptyState, ErrorFallback, ErrorState, LoadingState } from '@settle/ui';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { useMe } from '@/api/me';
import { paths } from '@/config/paths';
import { AccountBar } from '@/features/auth/components/account-bar';
import { useBranding } from '@/features/branding/api/get-branding';
import { SESSION_ENDED_EVENT } from '@/lib/api-client';
import {
  PortalContext,
  rememberOrganization,
  rememberedOrganization,
  type PortalContextValue,
} from '@/lib/portal-context';
import { problemMessage } from '@/lib/problem';

export const PORTAL_NAV = [
  { name: 'Balance', to: paths.app.balance.getHref(), end: true },
  { name: 'Open Invoices', to: paths.app.invoices.getHref(), end: false },
  { name: 'Payment Methods', to: paths.app.paymentMethods.getHref(), end: false },
  { name: 'AutoPay', to: paths.app.autopay.getHref(), end: false },
  { name: 'History', to: paths.app.history.getHref(), end: false },
  { name: 'Statements', to: paths.app.statements.getHref(), end: false },
] as const;

function Brand() {
  const { data: branding } = useBranding();
  const mspName = branding?.mspName ?? '';
  return (
    <Link to={paths.app.balance.getHref()} className="portal-brand">
      {branding?.logoDataUrl ? (
        <img src={branding.logoDataUrl} alt={mspName || 'Logo'} />
      ) : (
        <span>{mspName || 'Settle'}</span>
      )}
    </Link>
  );
}

/** The signed-in shell: who is signed in, for which organization, and the portal's sections. */
export default function PortalRoot() {
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const queryClient = useQueryClient();

  // a 401 anywhere (signed out elsewhere, access revoked): back to sign-in, nothing kept on screen
  useEffect(() => {
    const ended = () => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      navigate(paths.auth.login.getHref(), { replace: true });
    };
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, [queryClient, navigate]);

  const portal = useMemo<PortalContextValue | null>(() => {
    const organizations = me.data?.organizations ?? [];
    if (!me.data || organizations.length === 0) return null;
    const organization =
      organizations.find((o) => o.id === chosenId) ?? rememberedOrganization(organizations);
    return {
      contact: me.data.contact,
      organizations,
      organization,
      switchOrganization: (id) => {
        rememberOrganization(id);
        setChosenId(id);
        // a record open now belongs to the other organization: start from its balance
        navigate(paths.app.balance.getHref());
      },
    };
  }, [me.data, chosenId, navigate]);

  if (me.isError && isApiError(me.error) && me.error.status === 401) {
    return <Navigate to={paths.auth.login.getHref()} replace />;
  }

  let content;
  if (me.isPending) content = <LoadingState />;
  else if (me.isError) {
    content = <ErrorState title="Could not load your account" message={problemMessage(me.error)} />;
  } else if (!portal) {
    content = (
      <EmptyState
        title="No organization to show"
        text="Your sign-in is no longer linked to any organization. Ask your provider's billing team for access."
      />
    );
  } else {
    content = (
      <ErrorBoundary
        FallbackComponent={ErrorFallback}
        resetKeys={[location.pathname, portal.organization.id]}
      >
        <Suspense fallback={<LoadingState />}>
          {/* keyed by organization: switching leaves nothing of the other on screen */}
          <Outlet key={portal.organization.id} />
        </Suspense>
      </ErrorBoundary>
    );
  }

  return (
    <PortalContext.Provider value={portal}>
      <div className="portal-shell">
        <header className="portal-topbar">
          <Brand />
          {portal && (
            <AccountBar
              onSignedOut={() => navigate(paths.auth.login.getHref(), { replace: true })}
            />
          )}
        </header>
        {portal && me.data?.staffView && (
          <p className="portal-staff-banner" role="status">
            Staff view of {portal.organization.name}: this is what its contacts see. Nothing can be
            changed from here.
          </p>
        )}
        {portal && (
          <nav className="portal-nav" aria-label="Main">
            {PORTAL_NAV.map((item) => (
              <NavLink key={item.name} to={item.to} end={item.end}>
                {item.name}
              </NavLink>
            ))}
          </nav>
        )}
        <main className="portal-content">{content}</main>
      </div>
    </PortalContext.Provider>
  );
}
