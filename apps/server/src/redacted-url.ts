/** A connection URL as it may be printed: its password replaced, so an error message leaks none. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
