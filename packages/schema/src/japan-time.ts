/**
 * The zone of every day and clock time the product shows, writes or files: the minutes, the
 * files people download and every page read days and times as they are in Japan, whatever zone
 * the server or a device is set to (a laptop left on UTC shows 09:00 as 09:00, not 00:00).
 */
export const JAPAN_TIME_ZONE = 'Asia/Tokyo';

/** Japan keeps no daylight saving time: its offset from UTC never changes. */
const JAPAN_OFFSET = '+09:00';

const day = new Intl.DateTimeFormat('en-CA', { timeZone: JAPAN_TIME_ZONE });

const dateTime = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: JAPAN_TIME_ZONE });

/** An instant (ISO) as pages and the server's labels write it, in Japan: 2026/12/05 14:03. */
export const dateTimeInJapan = (iso: string): string => dateTime.format(new Date(iso));

/** The day of an instant in Japan as an ISO date (en-CA writes YYYY-MM-DD). */
export const dayInJapan = (at: Date | number = Date.now()): string => day.format(at);

const time = new Intl.DateTimeFormat('ja-JP', { timeZone: JAPAN_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const timeWithSeconds = new Intl.DateTimeFormat('ja-JP', { timeZone: JAPAN_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The clock time of an instant in Japan: 09:05, or with its seconds: 09:05:30. */
export const timeInJapan = (at: Date | number, withSeconds = false): string => (withSeconds ? timeWithSeconds : time).format(at);

/**
 * When something happened at a conference held on `day` (a 守秘義務 confirmed): its clock time
 * (09:05), with its own date when that was another day (2026/12/07 9:05, as dateTimeInJapan: a conference of an
 * earlier day held, or written up, later), so it never reads as that time on the conference's day.
 */
export const timeOnDay = (at: number, day: string): string => (dayInJapan(at) === day ? timeInJapan(at) : dateTime.format(at));

/** The first and last day in Japan of a span of instants (`from` inclusive, `before` exclusive), each where it is bounded. */
export const daysInJapan = ({ from, before }: { from?: string; before?: string }): { firstDay?: string; lastDay?: string } => ({
  firstDay: from === undefined ? undefined : dayInJapan(new Date(from)),
  lastDay: before === undefined ? undefined : dayInJapan(Date.parse(before) - 1),
});

/** The instant (ISO, UTC) a day (YYYY-MM-DD) begins in Japan, or the day `daysLater` after it. */
export function japanMidnight(day: string, daysLater = 0): string {
  const at = new Date(`${day}T00:00:00${JAPAN_OFFSET}`);
  at.setUTCDate(at.getUTCDate() + daysLater);
  return at.toISOString();
}
