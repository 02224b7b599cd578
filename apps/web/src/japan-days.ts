import { dayInJapan, japanMidnight } from '@care/schema';
import { useEffect, useState } from 'react';
import { serverNow } from './server-clock.ts';

/**
 * Today in Japan by the server's clock (YYYY-MM-DD): the day a new conference is planned for and
 * overdue items are judged by, the same on every device, whatever its own clock and zone say.
 */
export const todayInJapan = (): string => dayInJapan(serverNow());

/** How often a page that stays open looks whether Japan's day has changed. */
const DAY_CHECK_EVERY_MS = 60_000;

/**
 * Today in Japan for a page that may stay open past midnight (a list of what is overdue): it moves
 * on to the next day within a minute. Checked every minute rather than timed for midnight, since
 * a sleeping laptop's timers stop and the server clock's offset may change meanwhile.
 */
export function useTodayInJapan(): string {
  const [today, setToday] = useState(todayInJapan);
  useEffect(() => {
    const timer = setInterval(() => setToday(todayInJapan()), DAY_CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return today;
}

/** The instants a span of days (YYYY-MM-DD, inclusive) covers in Japan: from the first day's midnight until the one after the last. */
export function japanDaySpan(firstDay?: string, lastDay?: string): { from?: string; before?: string } {
  return { from: firstDay && japanMidnight(firstDay), before: lastDay && japanMidnight(lastDay, 1) };
}
