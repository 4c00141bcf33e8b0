import { isApiError } from '@settle/api-client';

export const CONNECTION_ERROR = 'Could not reach the server. Check your connection and try again.';

/** What went wrong, in the API's words; a 401 means the session ended (signed out, revoked). */
export function problemMessage(error: unknown): string {
  if (!isApiError(error)) return CONNECTION_ERROR;
  if (error.status === 401) return 'Your session has ended. Sign in again.';
  return error.detail;
}
