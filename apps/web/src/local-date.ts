/**
 * A calendar day (YYYY-MM-DD) where this browser is: in Japan, 2026-12-05 from midnight JST on.
 * (`toISOString()` would give the UTC day, which before 9:00 JST is still yesterday.)
 */
export function localDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The instants a span of calendar days (YYYY-MM-DD, inclusive) covers where this browser is: from
 * the first day's midnight until the midnight after the last.
 */
export function localDaySpan(firstDay?: string, lastDay?: string): { from?: string; before?: string } {
  const midnight = (day: string, daysLater = 0) => {
    const at = new Date(`${day}T00:00`); // no offset: local time
    at.setDate(at.getDate() + daysLater);
    return at.toISOString();
  };
  return { from: firstDay && midnight(firstDay), before: lastDay && midnight(lastDay, 1) };
}
