import { describe, expect, it } from 'vitest';

import { timeZoneGroups, timeZoneLabel, timeZoneOffset } from './time-zones';

const JANUARY = new Date('2025-01-15T12:00:00Z');
const JULY = new Date('2025-07-15T12:00:00Z');

describe('time zones for the picker', () => {
  it('groups every zone by region, sorted by city, each with its offset that day', () => {
    const groups = timeZoneGroups('America/Chicago', JANUARY);
    const labels = groups.map((g) => g.label);
    expect(labels).toEqual(expect.arrayContaining(['Americas', 'Europe', 'Asia', 'UTC and other']));
    expect(labels.indexOf('Africa')).toBeLessThan(labels.indexOf('Americas'));
    expect(labels.at(-1)).toBe('UTC and other');

    const americas = groups.find((g) => g.label === 'Americas')!.options;
    expect(americas.find((o) => o.value === 'America/Chicago')).toEqual({
      value: 'America/Chicago',
      label: 'Chicago',
      detail: 'GMT-06:00',
      keywords: 'America/Chicago',
    });
    expect(americas.find((o) => o.value === 'America/Argentina/Salta')?.label).toBe(
      'Salta (Argentina)',
    );
    const names = americas.map((o) => o.label);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // ~400 zones, none lost in the grouping
    const total = groups.reduce((n, g) => n + g.options.length, 0);
    expect(total).toBe(new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']).size);
  });

  it('follows daylight saving, and always offers UTC', () => {
    expect(timeZoneOffset('America/Chicago', JULY)).toBe('GMT-05:00');
    expect(timeZoneOffset('Asia/Kolkata', JULY)).toBe('GMT+05:30');
    const other = timeZoneGroups('UTC', JULY).find((g) => g.label === 'UTC and other')!;
    expect(other.options).toContainEqual(
      expect.objectContaining({ value: 'UTC', detail: 'GMT+00:00' }),
    );
  });

  it('keeps a saved legacy name the browser does not list', () => {
    const groups = timeZoneGroups('US/Central', JANUARY);
    const other = groups.find((g) => g.label === 'UTC and other')!;
    expect(other.options.map((o) => o.value)).toContain('US/Central');
    expect(timeZoneLabel('US/Central', JANUARY)).toBe('US/Central (GMT-06:00)');
    expect(timeZoneLabel('Europe/Paris', JULY)).toBe('Paris, Europe (GMT+02:00)');
  });
});
