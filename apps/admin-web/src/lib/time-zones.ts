import type { ComboboxGroup, ComboboxOption } from '@settle/ui';

/** The IANA area (first part of the name) → the heading its zones are listed under. */
const REGIONS: Record<string, string> = {
  Africa: 'Africa',
  America: 'Americas',
  Antarctica: 'Antarctica',
  Arctic: 'Arctic',
  Asia: 'Asia',
  Atlantic: 'Atlantic',
  Australia: 'Australia',
  Europe: 'Europe',
  Indian: 'Indian Ocean',
  Pacific: 'Pacific',
};
const OTHER = 'UTC and other';
const REGION_ORDER = [...Object.values(REGIONS), OTHER];

interface TimeZoneChoice {
  id: string;
  region: string;
  /** "Chicago", "Louisville (Kentucky)" */
  city: string;
  /** "GMT-05:00" today (daylight saving included) */
  offset: string;
}

function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The zone's offset from UTC at `now`, as "GMT-05:00" (and "GMT+00:00" for UTC itself). */
export function timeZoneOffset(id: string, now: Date): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value;
    return !name || name === 'GMT' ? 'GMT+00:00' : name;
  } catch {
    return '';
  }
}

function describe(id: string, now: Date): TimeZoneChoice {
  const parts = id.split('/');
  const region = parts.length > 1 ? REGIONS[parts[0]!] : undefined;
  const readable = (s: string) => s.replace(/_/g, ' ');
  let city = readable(id);
  if (region) {
    const place = readable(parts[parts.length - 1]!);
    // America/Argentina/Salta, America/Indiana/Knox: the middle part says which one
    city = parts.length > 2 ? `${place} (${readable(parts.slice(1, -1).join(', '))})` : place;
  }
  return { id, region: region ?? OTHER, city, offset: timeZoneOffset(id, now) };
}

/**
 * Every time zone the browser knows, grouped by region and sorted by city, each with its offset
 * today. `current` is kept even when the browser does not list it (a legacy name such as
 * US/Central), so the saved value is always shown; UTC is always offered.
 */
export function timeZoneGroups(current: string, now: Date = new Date()): ComboboxGroup[] {
  const ids = new Set(supportedTimeZones());
  ids.add('UTC');
  if (current) ids.add(current);
  const byRegion = new Map<string, ComboboxOption[]>();
  for (const id of ids) {
    const zone = describe(id, now);
    const options = byRegion.get(zone.region) ?? [];
    options.push({ value: id, label: zone.city, detail: zone.offset, keywords: id });
    byRegion.set(zone.region, options);
  }
  return REGION_ORDER.filter((r) => byRegion.has(r)).map((region) => ({
    label: region,
    options: byRegion.get(region)!.sort((a, b) => a.label.localeCompare(b.label)),
  }));
}

/** What the closed picker shows: "Chicago, Americas (GMT-05:00)". */
export function timeZoneLabel(id: string, now: Date = new Date()): string {
  const zone = describe(id, now);
  const where = zone.region === OTHER ? zone.city : `${zone.city}, ${zone.region}`;
  return zone.offset ? `${where} (${zone.offset})` : where;
}
