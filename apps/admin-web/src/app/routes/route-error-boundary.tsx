import { useRouteError } from 'react-router';

import { MainErrorFallback } from '@/components/errors/main-error-fallback';

export function RouteErrorBoundary() {
  const error = useRouteError();
  return <MainErrorFallback error={error} />;
}
