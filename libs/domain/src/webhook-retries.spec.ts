import fc from 'fast-check';

import {
  nextWebhookAttempt,
  shouldDisableWebhookEndpoint,
  WEBHOOK_RETRY_STEPS,
  WEBHOOK_RETRY_WINDOW_MS,
} from './webhook-retries';

const MINUTE = 60_000;
const created = fc.date({
  max: new Date('2100-01-01'),
  min: new Date('2000-01-01'),
  noInvalidDate: true,
});

describe('nextWebhookAttempt', () => {
  it('waits 1 min, 5 min, 30 min, 2 h, 5 h, then 10 h after each failure', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 5, 6, 7].map(
      (n) => (nextWebhookAttempt(n, start, start, MINUTE)!.getTime() - start.getTime()) / MINUTE,
    );
    expect(waits).toEqual([1, 5, 30, 120, 300, 600, 600]);
  });

  it('never schedules an attempt after the window that began at creation, and gives up only then', () => {
    fc.assert(
      fc.property(
        created,
        fc.integer({ max: 100, min: 1 }),
        fc.integer({ max: WEBHOOK_RETRY_WINDOW_MS + 24 * 3_600_000, min: 0 }),
        (createdAt, failures, sinceCreation) => {
          const failedAt = new Date(createdAt.getTime() + sinceCreation);
          const next = nextWebhookAttempt(failures, createdAt, failedAt, MINUTE);
          const step = WEBHOOK_RETRY_STEPS[Math.min(failures, WEBHOOK_RETRY_STEPS.length) - 1];
          const wanted = failedAt.getTime() + step * MINUTE;
          if (wanted <= createdAt.getTime() + WEBHOOK_RETRY_WINDOW_MS)
            expect(next?.getTime()).toBe(wanted);
          else expect(next).toBeNull();
        },
      ),
    );
  });

  it('keeps trying for three days: a delivery failing at every attempt makes about a dozen', () => {
    const createdAt = new Date('2026-12-01T00:00:00Z');
    let at: Date | null = createdAt;
    let attempts = 0;
    let last = createdAt;
    while (at) {
      attempts += 1;
      last = at;
      at = nextWebhookAttempt(attempts, createdAt, at, MINUTE);
    }
    expect(attempts).toBeGreaterThanOrEqual(10);
    expect(attempts).toBeLessThanOrEqual(15);
    expect(last.getTime() - createdAt.getTime()).toBeGreaterThan(
      WEBHOOK_RETRY_WINDOW_MS - 10 * 3_600_000,
    );
  });
});

describe('shouldDisableWebhookEndpoint', () => {
  it('disables an endpoint failing for the whole window, never one that is not failing', () => {
    fc.assert(
      fc.property(
        created,
        fc.integer({ max: 10 * WEBHOOK_RETRY_WINDOW_MS, min: 0 }),
        (since, elapsed) => {
          const now = new Date(since.getTime() + elapsed);
          expect(shouldDisableWebhookEndpoint(since, now, MINUTE)).toBe(
            elapsed >= WEBHOOK_RETRY_WINDOW_MS,
          );
          expect(shouldDisableWebhookEndpoint(null, now, MINUTE)).toBe(false);
        },
      ),
    );
  });

  it('scales the window with the retry base, so tests see three days in seconds', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    const base = 100;
    const window = (WEBHOOK_RETRY_WINDOW_MS * base) / MINUTE;
    expect(shouldDisableWebhookEndpoint(since, new Date(since.getTime() + window - 1), base)).toBe(
      false,
    );
    expect(shouldDisableWebhookEndpoint(since, new Date(since.getTime() + window), base)).toBe(
      true,
    );
  });
});
