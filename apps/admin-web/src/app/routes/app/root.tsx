import { isApiError } from '@settle/api-client';
import { ErrorFallback, LoadingState, browserTimeZone } from '@settle/ui';
import { Suspense, useMemo, useRef } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';

import { DashboardLayout } from '@/components/layouts/dashboard-layout';
import { paths } from '@/config/paths';
import { useAttention } from '@/features/ar-overview/api/get-attention';
import { useMe } from '@/features/auth/api/get-me';
import { useLogout } from '@/features/auth/api/logout';
import { useBranding } from '@/features/settings/api/get-branding';
import { useGeneralSettings } from '@/features/settings/api/get-general-settings';
import { MspContext, type MspContextValue } from '@/lib/msp-context';

export default function AppRoot() {
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const workspaceShown = useRef(false);
  const branding = useBranding();
  // Until a required enrolment is done, the API answers nothing but the enrolment routes.
  const enrolling = me.data?.twoFactorEnrolmentRequired === true;
  const settings = useGeneralSettings({ queryConfig: { enabled: me.isSuccess && !enrolling } });
  const attention = useAttention({ queryConfig: { enabled: me.isSuccess && !enrolling } });
  const logout = useLogout({
    mutationConfig: {
      onSettled: () => navigate(paths.auth.login.getHref(), { replace: true }),
    },
  });

  const msp = useMemo<MspContextValue | null>(
    () =>
      me.data
        ? {
            user: me.data,
            isAdmin: me.data.role === 'admin',
            timeZone: settings.data?.timeZone || browserTimeZone(),
            currency: settings.data?.defaultCurrency || 'USD',
          }
        : null,
    [me.data, settings.data],
  );

  // every date the screens show or ask for is in the MSP's time zone: wait for it rather than
  // render once in the browser's zone and again (with other requests) in the MSP's. Only before
  // the first screen: one that is showing (recovery codes just made, say) is never taken away.
  const waitingForSettings = me.isSuccess && !enrolling && settings.isPending;
  if (me.isPending || (waitingForSettings && !workspaceShown.current)) {
    return <LoadingState label="Loading your workspace…" />;
  }
  if (me.isError || !msp) {
    if (isApiError(me.error) && me.error.status === 401) {
      return (
        <Navigate to={paths.auth.login.getHref(location.pathname + location.search)} replace />
      );
    }
    return <ErrorFallback error={me.error} />;
  }
  const securityPath = paths.app.accountSecurity.getHref();
  if (enrolling && location.pathname !== securityPath)
    return <Navigate to={securityPath} replace />;

  workspaceShown.current = true;
  return (
    <MspContext.Provider value={msp}>
      <DashboardLayout
        user={msp.user}
        mspName={branding.data?.mspName ?? settings.data?.mspName ?? ''}
        logoDataUrl={branding.data?.logoDataUrl ?? null}
        isAdmin={msp.isAdmin}
        navCounts={{
          achReturns: attention.data?.unresolvedAchReturns,
          lockedPaymentMethods: attention.data?.lockedPaymentMethods,
        }}
        onLogout={() => logout.mutate()}
        loggingOut={logout.isPending}
      >
        <ErrorBoundary FallbackComponent={ErrorFallback} resetKeys={[location.pathname]}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </DashboardLayout>
    </MspContext.Provider>
  );
}
