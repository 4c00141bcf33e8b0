import { describe, expect, it } from 'vitest';

import { formatDatesInText } from './dates-in-text';

describe('formatDatesInText', () => {
  it('writes calendar dates and timestamps in the app format, leaving the rest alone', () => {
    expect(
      formatDatesInText('Rescheduled from 2026-03-05 to 2026-03-12', 'America/Chicago', 'en-US'),
    ).toBe('Rescheduled from Mar 5, 2026 to Mar 12, 2026');
    expect(
      formatDatesInText('Retried at 2026-03-05T02:30:00Z (attempt 2)', 'America/Chicago', 'en-US'),
    ).toBe('Retried at Mar 4, 2026, 8:30 PM (attempt 2)');
    expect(formatDatesInText('Paid PAY-000123 for $20.00', 'UTC', 'en-US')).toBe(
      'Paid PAY-000123 for $20.00',
    );
  });
});
