import { describe, expect, it } from 'vitest';

import { formatDate, formatDateTime } from './date';

describe('dates', () => {
  it('shows timestamps in the given time zone and calendar dates unshifted', () => {
    expect(formatDate('2025-03-01T03:00:00Z', 'America/Chicago', 'en-US')).toBe('Feb 28, 2025');
    expect(formatDate('2025-03-01', 'Pacific/Auckland', 'en-US')).toBe('Mar 1, 2025');
    expect(formatDateTime('2025-03-04T15:30:00Z', 'America/Chicago', 'en-US')).toMatch(
      /Mar 4, 2025.*9:30\sAM/,
    );
    expect(formatDate(null)).toBe('—');
  });
});
