import { createApiClient, type ApiError } from '@settle/api-client';

export type UnauthorizedHandler = (error: ApiError, request: Request) => void;

let unauthorizedHandler: UnauthorizedHandler | null = null;

/** The router registers what a 401 does (clear the cache, go to /login); returns an unregister function. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

export const api = createApiClient('', {
  onUnauthorized: (error, request) => unauthorizedHandler?.(error, request),
});
