/** How long Settle keeps trying to deliver a webhook event, and to reach a failing endpoint. */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 24 * 3_600_000;

/**
 * Waits after the 1st, 2nd, … failed attempt, in units of the retry base (a minute in
 * production): 1 min, 5 min, 30 min, 2 h, 5 h, then every 10 h until the window closes. About
 * a dozen attempts over three days, most of them early, when an outage is likeliest to be short.
 */
export const WEBHOOK_RETRY_STEPS = [1, 5, 30, 120, 300, 600] as const;

/**
 * When to try a delivery again after `failedAttempts` failed attempts (≥ 1), or null when the
 * next attempt would fall outside the window that began with the delivery's creation: then it
 * has failed for good.
 */
export function nextWebhookAttempt(
  failedAttempts: number,
  createdAt: Date,
  failedAt: Date,
  retryBaseMs: number,
): Date | null {
  const step = WEBHOOK_RETRY_STEPS[Math.min(failedAttempts, WEBHOOK_RETRY_STEPS.length) - 1];
  const next = failedAt.getTime() + step * retryBaseMs;
  return next > createdAt.getTime() + retryWindowMs(retryBaseMs) ? null : new Date(next);
}

/**
 * An endpoint that has not accepted a delivery since `failingSince` is disabled once that is
 * longer ago than the window: its owner has had three days of failures to notice and fix it.
 */
export function shouldDisableWebhookEndpoint(
  failingSince: Date | null,
  now: Date,
  retryBaseMs: number,
): boolean {
  return (
    failingSince !== null && now.getTime() - failingSince.getTime() >= retryWindowMs(retryBaseMs)
  );
}

/**
 * The window scales with the base so that a test with a 100 ms base sees the whole schedule, and
 * the disabling, in seconds; with the production base (a minute) it is three days.
 */
function retryWindowMs(retryBaseMs: number): number {
  return (WEBHOOK_RETRY_WINDOW_MS * retryBaseMs) / 60_000;
}
