import { LoadingState } from '@settle/ui';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';

import { paths } from '@/config/paths';
import { setUnauthorizedHandler } from '@/lib/api-client';

import { RouteErrorBoundary } from './routes/route-error-boundary';

type RouteModule = { default: React.ComponentType } & Record<string, unknown>;

const convert = (m: RouteModule) => {
  const { default: Component, ...rest } = m;
  return { ...rest, Component };
};

export const routes: RouteObject[] = [
  {
    path: paths.auth.login.path,
    lazy: () => import('./routes/auth/login').then(convert),
    ErrorBoundary: RouteErrorBoundary,
    HydrateFallback: () => <LoadingState />,
  },
  {
    path: paths.app.root.path,
    lazy: () => import('./routes/app/root').then(convert),
    ErrorBoundary: RouteErrorBoundary,
    HydrateFallback: () => <LoadingState />,
    children: [
      { index: true, lazy: () => import('./routes/app/overview').then(convert) },
      { path: 'organizations', lazy: () => import('./routes/app/organizations').then(convert) },
      {
        path: 'organizations/:id',
        lazy: () => import('./routes/app/organization/root').then(convert),
        children: [
          { index: true, lazy: () => import('./routes/app/organization/details').then(convert) },
          {
            path: 'contacts',
            lazy: () => import('./routes/app/organization/contacts').then(convert),
          },
          {
            path: 'balance',
            lazy: () => import('./routes/app/organization/balance').then(convert),
          },
          {
            path: 'open-invoices',
            lazy: () => import('./routes/app/organization/open-invoices').then(convert),
          },
          {
            path: 'credits',
            lazy: () => import('./routes/app/organization/credits').then(convert),
          },
          {
            path: 'invoice-history',
            lazy: () => import('./routes/app/organization/invoice-history').then(convert),
          },
          { path: 'pay', lazy: () => import('./routes/app/organization/pay').then(convert) },
          {
            path: 'payment-methods',
            lazy: () => import('./routes/app/organization/payment-methods').then(convert),
          },
          {
            path: 'pending-payments',
            lazy: () => import('./routes/app/organization/pending-payments').then(convert),
          },
          {
            path: 'scheduled-payments',
            lazy: () => import('./routes/app/organization/scheduled-payments').then(convert),
          },
          {
            path: 'payments-calendar',
            lazy: () => import('./routes/app/organization/payments-calendar').then(convert),
          },
          {
            path: 'transaction-history',
            lazy: () => import('./routes/app/organization/transaction-history').then(convert),
          },
          {
            path: 'installments',
            lazy: () => import('./routes/app/organization/installments').then(convert),
          },
          {
            path: 'autopay',
            lazy: () => import('./routes/app/organization/autopay').then(convert),
          },
        ],
      },
      { path: 'invoices', lazy: () => import('./routes/app/invoices').then(convert) },
      { path: 'invoices/:invoiceId', lazy: () => import('./routes/app/invoice').then(convert) },
      { path: 'payments', lazy: () => import('./routes/app/payments').then(convert) },
      { path: 'payments/:id', lazy: () => import('./routes/app/payment').then(convert) },
      { path: 'ach-returns', lazy: () => import('./routes/app/ach-returns').then(convert) },
      {
        path: 'payment-methods/locked',
        lazy: () => import('./routes/app/locked-payment-methods').then(convert),
      },
      { path: 'autopay', lazy: () => import('./routes/app/autopay').then(convert) },
      { path: 'integrations', lazy: () => import('./routes/app/integrations').then(convert) },
      { path: 'entities', lazy: () => import('./routes/app/entities').then(convert) },
      { path: 'reports', lazy: () => import('./routes/app/reports').then(convert) },
      {
        path: 'reconciliation',
        lazy: () => import('./routes/app/reconciliation').then(convert),
      },
      {
        path: 'account/security',
        lazy: () => import('./routes/app/account-security').then(convert),
      },
      { path: 'emails', lazy: () => import('./routes/app/emails').then(convert) },
      { path: 'emails/:emailId', lazy: () => import('./routes/app/email').then(convert) },
      {
        path: 'settings',
        lazy: () => import('./routes/app/settings/root').then(convert),
        children: [
          { index: true, lazy: () => import('./routes/app/settings/general').then(convert) },
          {
            path: 'payments',
            lazy: () => import('./routes/app/settings/payments').then(convert),
          },
          { path: 'users', lazy: () => import('./routes/app/settings/users').then(convert) },
          {
            path: 'security',
            lazy: () => import('./routes/app/settings/security').then(convert),
          },
          { path: 'api-keys', lazy: () => import('./routes/app/settings/api-keys').then(convert) },
          { path: 'webhooks', lazy: () => import('./routes/app/settings/webhooks').then(convert) },
          {
            path: 'audit-log',
            lazy: () => import('./routes/app/settings/audit-log').then(convert),
          },
          {
            path: 'access-profiles',
            lazy: () => import('./routes/app/settings/access-profiles').then(convert),
          },
          { path: 'email', lazy: () => import('./routes/app/settings/email').then(convert) },
        ],
      },
      { path: '*', lazy: () => import('./routes/not-found').then(convert) },
    ],
  },
];

/** A 401 anywhere (but the login call, or anything while on /login) signs the browser out. */
export function registerUnauthorizedRedirect(
  router: ReturnType<typeof createBrowserRouter>,
  queryClient: QueryClient,
) {
  return setUnauthorizedHandler((_error, request) => {
    if (new URL(request.url).pathname === '/api/v1/auth/login') return;
    const { pathname, search } = router.state.location;
    if (pathname === paths.auth.login.path) return;
    queryClient.clear();
    void router.navigate(paths.auth.login.getHref(pathname + search), { replace: true });
  });
}

export function AppRouter() {
  const queryClient = useQueryClient();
  const router = useMemo(() => createBrowserRouter(routes), []);
  useEffect(() => registerUnauthorizedRedirect(router, queryClient), [router, queryClient]);
  return <RouterProvider router={router} />;
}
