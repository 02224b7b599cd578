/**
 * A calendar day (YYYY-MM-DD) where this browser is: in Japan, 2026-12-05 from midnight JST on.
 * (`toISOString()` would give the UTC day, which before 9:00 JST is still yesterday.)
 */
export function localDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
