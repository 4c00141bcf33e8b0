import { isApiError } from '@settle/api-client';
import { Button, ErrorState } from '@settle/ui';

export interface MainErrorFallbackProps {
  error: unknown;
  resetErrorBoundary?: () => void;
}

export function MainErrorFallback({ error, resetErrorBoundary }: MainErrorFallbackProps) {
  const apiError = isApiError(error) ? error : null;
  return (
    <div className="app-error">
      <ErrorState
        title="Something went wrong"
        message={
          apiError?.detail ??
          'An unexpected error occurred. Try again, and if it keeps happening contact your administrator.'
        }
        requestId={apiError?.requestId}
        action={
          <Button
            variant="primary"
            onClick={() => (resetErrorBoundary ? resetErrorBoundary() : window.location.reload())}
          >
            Try again
          </Button>
        }
      />
    </div>
  );
}
