import { Button } from '../button';
import { ErrorState } from '../error-state';

export interface ErrorFallbackProps {
  error: unknown;
  resetErrorBoundary?: () => void;
}

/** An RFC 9457 problem carried by an error: libs/ui reads its shape without importing the API client. */
function problemOf(error: unknown): { detail?: string; requestId?: string | null } {
  if (typeof error !== 'object' || error === null) return {};
  const { detail, requestId } = error as { detail?: unknown; requestId?: unknown };
  return {
    detail: typeof detail === 'string' ? detail : undefined,
    requestId: typeof requestId === 'string' ? requestId : null,
  };
}

/** What both SPAs show when a page fails: the problem's detail, its request id, and a retry. */
export function ErrorFallback({ error, resetErrorBoundary }: ErrorFallbackProps) {
  const problem = problemOf(error);
  return (
    <div className="ui-error-fallback">
      <ErrorState
        title="Something went wrong"
        message={
          problem.detail ??
          'An unexpected error occurred. Try again, and if it keeps happening contact your administrator.'
        }
        requestId={problem.requestId}
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
