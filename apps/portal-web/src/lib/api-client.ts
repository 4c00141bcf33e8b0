import { createApiClient } from '@settle/api-client';

/** Fired when the API answers 401 to a signed-in request: the session ended or was revoked. */
export const SESSION_ENDED_EVENT = 'settle:portal-session-ended';

/**
 * The portal's client: its session has its own CSRF cookie (settle_portal_csrf), so a browser
 * signed in as staff too never sends the staff token to a portal route.
 */
export const api = createApiClient('', {
  csrfCookie: 'settle_portal_csrf',
  onUnauthorized: (_error, request) => {
    // a wrong password is a 401 too: the sign-in form says so itself
    if (new URL(request.url).pathname.endsWith('/portal/auth/login')) return;
    window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
  },
});
