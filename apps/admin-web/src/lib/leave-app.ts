/**
 * Sends the browser to a page outside the SPA (a sign-in at another company, answered by a
 * redirect back). One place, so that tests can see where it would have gone.
 */
export function leaveAppFor(url: string): void {
  window.location.assign(url);
}
