import { ErrorFallback, LoadingState } from '@settle/ui';
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider, useRouteError, type RouteObject } from 'react-router';

import { BASENAME, paths } from '@/config/paths';

type RouteModule = { default: React.ComponentType } & Record<string, unknown>;

const convert = (m: RouteModule) => {
  const { default: Component, ...rest } = m;
  return { ...rest, Component };
};

function RouteErrorBoundary() {
  return <ErrorFallback error={useRouteError()} />;
}

export const routes: RouteObject[] = [
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
    lazy: () => import('./routes/app/root').then(convert),
    ErrorBoundary: RouteErrorBoundary,
    HydrateFallback: () => <LoadingState />,
    children: [
      { index: true, lazy: () => import('./routes/app/balance').then(convert) },
      { path: 'invoices', lazy: () => import('./routes/app/invoices').then(convert) },
      { path: 'invoices/:invoiceId', lazy: () => import('./routes/app/invoice').then(convert) },
      { path: 'pay', lazy: () => import('./routes/app/pay').then(convert) },
      { path: 'payment-methods', lazy: () => import('./routes/app/payment-methods').then(convert) },
      { path: 'autopay', lazy: () => import('./routes/app/autopay').then(convert) },
      { path: 'history', lazy: () => import('./routes/app/history').then(convert) },
      { path: 'history/:paymentId', lazy: () => import('./routes/app/payment').then(convert) },
      { path: 'statements', lazy: () => import('./routes/app/statements').then(convert) },
    ],
  },
];

export function AppRouter() {
  const router = useMemo(() => createBrowserRouter(routes, { basename: BASENAME }), []);
  return <RouterProvider router={router} />;
}
