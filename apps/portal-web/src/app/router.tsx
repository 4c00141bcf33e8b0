import { ErrorFallback, LoadingState } from '@settle/ui';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider, useRouteError, type RouteObject } from 'react-router';

import { getMeQueryOptions } from '@/api/me';
import { BASENAME, paths } from '@/config/paths';
import { getBalanceQueryOptions } from '@/features/balance/api/get-balance';
import { getBrandingQueryOptions } from '@/features/branding/api/get-branding';
import {
  dashboardPaymentsQueries,
  getPaymentsQueryOptions,
} from '@/features/payments/api/get-payments';
import { rememberedOrganization } from '@/lib/portal-context';

type RouteModule = { default: React.ComponentType } & Record<string, unknown>;

const convert = (m: RouteModule) => {
  const { default: Component, ...rest } = m;
  return { ...rest, Component };
};

function RouteErrorBoundary() {
  return <ErrorFallback error={useRouteError()} />;
}

/**
 * The signed-in shell and the Balance dashboard load their data while their code downloads, and
 * render once it is in: the page paints whole instead of growing piece by piece, which moved
 * what a phone showed (layout shift). A failed request is left to the screen, which refetches it
 * and shows its error state; a loader never fails the route.
 */
function dataLoaders(queryClient: QueryClient) {
  const settled = <T,>(fetching: Promise<T>) => fetching.catch(() => undefined);
  return {
    shell: async () => {
      // the header shows the MSP's name or logo: in before it paints, never swapped in after
      await Promise.all([
        settled(queryClient.ensureQueryData(getMeQueryOptions())),
        settled(queryClient.ensureQueryData(getBrandingQueryOptions())),
      ]);
      return null;
    },
    balance: async () => {
      const me = await settled(queryClient.ensureQueryData(getMeQueryOptions()));
      // the organization the shell shows (PortalRoot): the one chosen last on this device
      const organization = me?.organizations.length
        ? rememberedOrganization(me.organizations)
        : undefined;
      if (organization?.permissions.viewInvoices) {
        const { id } = organization;
        const { nextScheduled, recent } = dashboardPaymentsQueries;
        await Promise.all([
          settled(queryClient.ensureQueryData(getBalanceQueryOptions(id))),
          settled(queryClient.ensureQueryData(getPaymentsQueryOptions(id, nextScheduled))),
          settled(queryClient.ensureQueryData(getPaymentsQueryOptions(id, recent))),
        ]);
      }
      return null;
    },
  };
}

function createRoutes(queryClient: QueryClient): RouteObject[] {
  const loaders = dataLoaders(queryClient);
  return [
    {
      path: paths.auth.login.path,
      lazy: () => import('./routes/auth/login').then(convert),
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <LoadingState />,
    },
    {
      // the paths the invitation and reset emails link to (apps/api emails: accessLink)
      path: paths.auth.acceptInvitation.path,
      lazy: () => import('./routes/auth/accept-invitation').then(convert),
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <LoadingState />,
    },
    {
      path: paths.auth.resetPassword.path,
      lazy: () => import('./routes/auth/reset-password').then(convert),
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <LoadingState />,
    },
    {
      path: paths.auth.requestAccess.path,
      lazy: () => import('./routes/auth/request-access').then(convert),
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <LoadingState />,
    },
    {
      path: '/',
      loader: loaders.shell,
      lazy: () => import('./routes/app/root').then(convert),
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <LoadingState />,
      children: [
        {
          index: true,
          loader: loaders.balance,
          lazy: () => import('./routes/app/balance').then(convert),
        },
        { path: 'invoices', lazy: () => import('./routes/app/invoices').then(convert) },
        { path: 'invoices/:invoiceId', lazy: () => import('./routes/app/invoice').then(convert) },
        { path: 'pay', lazy: () => import('./routes/app/pay').then(convert) },
        {
          path: 'payment-methods',
          lazy: () => import('./routes/app/payment-methods').then(convert),
        },
        { path: 'autopay', lazy: () => import('./routes/app/autopay').then(convert) },
        { path: 'history', lazy: () => import('./routes/app/history').then(convert) },
        { path: 'history/:paymentId', lazy: () => import('./routes/app/payment').then(convert) },
        { path: 'statements', lazy: () => import('./routes/app/statements').then(convert) },
      ],
    },
  ];
}

export function AppRouter() {
  const queryClient = useQueryClient();
  const router = useMemo(
    () => createBrowserRouter(createRoutes(queryClient), { basename: BASENAME }),
    [queryClient],
  );
  return <RouterProvider router={router} />;
}
