import { afterEach, describe, expect, it } from 'vitest';
import { localDate, localDaySpan } from '../src/local-date.ts';

describe('localDate', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('is the day where the browser is, not in UTC: early morning in Japan is already today', () => {
    process.env.TZ = 'Asia/Tokyo';
    const earlyMorningInTokyo = new Date('2026-12-04T23:30:00Z'); // 08:30 JST on the 5th
    expect(localDate(earlyMorningInTokyo)).toBe('2026-12-05');
    expect(earlyMorningInTokyo.toISOString().slice(0, 10)).toBe('2026-12-04');
    expect(localDate(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01'); // midnight JST
    expect(localDate(new Date('2026-12-31T14:59:00Z'))).toBe('2026-12-31');
  });

  it('turns a span of days into the instants from its first midnight until the one after its last, where the browser is', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(localDaySpan('2026-12-05', '2026-12-05')).toEqual({ from: '2026-12-04T15:00:00.000Z', before: '2026-12-05T15:00:00.000Z' });
    expect(localDaySpan(undefined, '2026-12-31')).toEqual({ from: undefined, before: '2026-12-31T15:00:00.000Z' });
    expect(localDaySpan()).toEqual({ from: undefined, before: undefined });
  });
});
