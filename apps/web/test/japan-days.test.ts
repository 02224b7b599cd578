import { afterEach, describe, expect, it, vi } from 'vitest';
import { japanDaySpan, todayInJapan } from '../src/japan-days.ts';

describe('days in Japan', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
    vi.useRealTimers();
  });

  it('today is the day in Japan, whatever zone the device is set to: early morning in Japan is already today', () => {
    for (const deviceZone of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) {
      process.env.TZ = deviceZone;
      vi.useFakeTimers({ now: new Date('2026-12-04T23:30:00Z') }); // 08:30 JST on the 5th
      expect(todayInJapan()).toBe('2026-12-05');
      vi.setSystemTime(new Date('2026-12-31T15:00:00Z')); // midnight JST
      expect(todayInJapan()).toBe('2027-01-01');
      vi.setSystemTime(new Date('2026-12-31T14:59:59Z'));
      expect(todayInJapan()).toBe('2026-12-31');
    }
  });

  it('turns a span of days into the instants from its first midnight in Japan until the one after its last, whatever the device’s zone', () => {
    for (const deviceZone of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) {
      process.env.TZ = deviceZone;
      expect(japanDaySpan('2026-12-05', '2026-12-05')).toEqual({ from: '2026-12-04T15:00:00.000Z', before: '2026-12-05T15:00:00.000Z' });
      expect(japanDaySpan(undefined, '2026-12-31')).toEqual({ from: undefined, before: '2026-12-31T15:00:00.000Z' });
      expect(japanDaySpan('2027-02-28', '2027-02-28')).toEqual({ from: '2027-02-27T15:00:00.000Z', before: '2027-02-28T15:00:00.000Z' });
      expect(japanDaySpan()).toEqual({ from: undefined, before: undefined });
    }
  });
});
