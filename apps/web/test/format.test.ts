import { afterEach, expect, it } from 'vitest';
import { formatDate, formatTrailInstant, formatUntil } from '../src/records/format.ts';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

it('says an end at midnight in Japan as the last minute of the day before, whatever zone the device is set to', () => {
  for (const deviceZone of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) {
    process.env.TZ = deviceZone;
    expect(formatUntil('2026-12-06T15:00:00.000Z')).toBe('2026/12/06 23:59 まで'); // 2026-12-07 0:00 in Japan
    expect(formatUntil('2026-12-31T15:00:00.000Z')).toBe('2026/12/31 23:59 まで');
  }
});

it('says any other end as the last minute it still holds in', () => {
  expect(formatUntil('2026-12-06T01:23:45.000Z')).toBe('2026/12/06 10:23 まで');
  expect(formatUntil('2026-12-06T01:24:00.000Z')).toBe('2026/12/06 10:23 まで');
});

it('writes the day and time in Japan of an instant just after its midnight (still the day before in UTC), and a day as that day, whatever zone the device is set to', () => {
  for (const deviceZone of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) {
    process.env.TZ = deviceZone;
    expect(formatDate('2026-12-07T15:30:00.000Z')).toBe('2026/12/08'); // a case registered at 00:30 on the 8th
    expect(formatDate('2026-12-08')).toBe('2026/12/08'); // a conference's day (the timeline's)
    expect(formatTrailInstant('2026-12-07T15:30:05.000Z')).toBe('2026/12/08 0:30:05');
  }
});
