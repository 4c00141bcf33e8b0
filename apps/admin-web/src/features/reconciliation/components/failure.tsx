import { isApiError } from '@settle/api-client';
import { ErrorState } from '@settle/ui';

/** A request that failed: the API's words when it answered, else `fallback`. */
export function failure(error: unknown, fallback: string) {
  return (
    <ErrorState
      message={isApiError(error) ? error.detail : fallback}
      requestId={isApiError(error) ? error.requestId : null}
    />
  );
}
