import type { FastifyReply } from 'fastify';
import { dayInJapan } from '@care/schema';

/**
 * A CSV file for people (opened in Excel, as Japanese offices do): UTF-8 with a byte order mark
 * (without it Excel reads the Japanese as Shift_JIS), CRLF lines, every field quoted. A field
 * that a spreadsheet would take for a formula (=, +, -, @, a tab or CR first) is prefixed with an
 * apostrophe: a name typed as `=HYPERLINK(…)` stays text (OWASP: CSV injection).
 */
export function csvText(header: string[], rows: string[][]): string {
  const field = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;
  return `\uFEFF${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Today in Japan as a file name's stamp (20261205). */
export const dayStamp = () => dayInJapan().replaceAll('-', '');

/** Sends a CSV file as a download named `name` (a .csv, in any script). */
export function sendCsv(reply: FastifyReply, name: string, header: string[], rows: string[][]): string {
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  return csvText(header, rows);
}
