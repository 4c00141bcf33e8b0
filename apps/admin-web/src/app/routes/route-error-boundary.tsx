import { ErrorFallback } from '@settle/ui';
import { useRouteError } from 'react-router';

export function RouteErrorBoundary() {
  const error = useRouteError();
  return <ErrorFallback error={error} />;
}
