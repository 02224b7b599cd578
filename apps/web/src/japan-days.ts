import { dayInJapan, japanMidnight } from '@care/schema';
import { serverNow } from './server-clock.ts';

/**
 * Today in Japan by the server's clock (YYYY-MM-DD): the day a new conference is planned for and
 * overdue items are judged by, the same on every device, whatever its own clock and zone say.
 */
export const todayInJapan = (): string => dayInJapan(serverNow());

/** The instants a span of days (YYYY-MM-DD, inclusive) covers in Japan: from the first day's midnight until the one after the last. */
export function japanDaySpan(firstDay?: string, lastDay?: string): { from?: string; before?: string } {
  return { from: firstDay && japanMidnight(firstDay), before: lastDay && japanMidnight(lastDay, 1) };
}
