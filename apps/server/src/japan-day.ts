const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' });

/**
 * The day of an instant in Japan as an ISO date (en-CA writes YYYY-MM-DD): what the minutes and
 * the files people download call a day, whatever the server's own time zone.
 */
export const dayInJapan = (at: Date | number = new Date()): string => day.format(at);
