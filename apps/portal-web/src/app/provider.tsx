import { ErrorFallback, LoadingState, ToastProvider } from '@settle/ui';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Suspense, useState, type ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';

import { ApplyBranding } from '@/features/branding/components/apply-branding';
import { createQueryClient } from '@/lib/react-query';

export function AppProvider({
  children,
  queryClient: given,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  return (
    <Suspense fallback={<LoadingState />}>
      <ErrorBoundary FallbackComponent={ErrorFallback}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <ApplyBranding />
            {children}
          </ToastProvider>
        </QueryClientProvider>
      </ErrorBoundary>
    </Suspense>
  );
}
