import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateTimeInJapan, dayInJapan, daysInJapan, invitationExpiry, japanMidnight, timeInJapan, timeOnDay } from '../src/index.ts';

// Between 00:00 and 09:00 in Japan the day in UTC (and further west) is still the one before.
const JUST_AFTER_MIDNIGHT = Date.parse('2026-12-08T00:30:00+09:00'); // 2026-12-07T15:30Z
const JUST_BEFORE_MIDNIGHT = Date.parse('2026-12-07T23:59:59.999+09:00');
const DEVICE_ZONES = ['Asia/Tokyo', 'UTC', 'America/Los_Angeles'];

describe('days and times in Japan, around its midnight, whatever zone the machine is set to', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
    vi.useRealTimers();
  });

  it('the day of an instant, and today by the clock, is the day in Japan', () => {
    for (const deviceZone of DEVICE_ZONES) {
      process.env.TZ = deviceZone;
      expect(dayInJapan(JUST_AFTER_MIDNIGHT)).toBe('2026-12-08');
      expect(dayInJapan(new Date(JUST_AFTER_MIDNIGHT))).toBe('2026-12-08');
      expect(dayInJapan(JUST_BEFORE_MIDNIGHT)).toBe('2026-12-07');
      vi.useFakeTimers({ now: JUST_AFTER_MIDNIGHT, toFake: ['Date'] });
      expect(dayInJapan()).toBe('2026-12-08');
      vi.setSystemTime(Date.parse('2026-12-31T15:00:00Z')); // New Year's midnight in Japan
      expect(dayInJapan()).toBe('2027-01-01');
      vi.useRealTimers();
    }
  });

  it('clock times are Japan’s, and one on another day than the conference’s gives its date', () => {
    for (const deviceZone of DEVICE_ZONES) {
      process.env.TZ = deviceZone;
      expect(timeInJapan(JUST_AFTER_MIDNIGHT)).toBe('00:30');
      expect(dateTimeInJapan(new Date(JUST_AFTER_MIDNIGHT).toISOString())).toBe('2026/12/08 0:30');
      // Confirmed half an hour into the 8th: at a conference of the 8th just a time, at one of the 7th with its date.
      expect(timeOnDay(JUST_AFTER_MIDNIGHT, '2026-12-08')).toBe('00:30');
      expect(timeOnDay(JUST_AFTER_MIDNIGHT, '2026-12-07')).toBe('2026/12/08 0:30');
      expect(timeOnDay(JUST_BEFORE_MIDNIGHT, '2026-12-07')).toBe('23:59');
    }
  });

  it('a day begins at its midnight in Japan, and a span of instants covers the days in Japan it touches', () => {
    for (const deviceZone of DEVICE_ZONES) {
      process.env.TZ = deviceZone;
      expect(japanMidnight('2026-12-08')).toBe('2026-12-07T15:00:00.000Z');
      expect(japanMidnight('2026-12-31', 1)).toBe('2026-12-31T15:00:00.000Z');
      expect(daysInJapan({ from: '2026-12-07T15:00:00.000Z', before: '2026-12-08T15:00:00.000Z' })).toEqual({ firstDay: '2026-12-08', lastDay: '2026-12-08' });
      expect(daysInJapan({ from: '2026-12-07T14:59:59.999Z' })).toEqual({ firstDay: '2026-12-07', lastDay: undefined });
    }
  });

  it('an invitation made just after midnight in Japan for that day’s conference admits until the end of the next day there', () => {
    for (const deviceZone of DEVICE_ZONES) {
      process.env.TZ = deviceZone;
      expect(invitationExpiry('2026-12-08', new Date(JUST_AFTER_MIDNIGHT).toISOString())).toBe('2026-12-09T15:00:00.000Z');
    }
  });
});
