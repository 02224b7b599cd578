/**
 * How staff's search words are matched, on every page and on the server: full-width and half-width
 * letters and digits alike (ＡＢ１ = ab1), katakana in either width, case ignored. How someone
 * types a word is not always how it was written.
 */
export const searchable = (text: string) => text.normalize('NFKC').toLowerCase();

/** The words of a query, split by spaces of either width, as they are matched. */
export function searchWords(query: string): string[] {
  return searchable(query).split(/\s+/).filter(Boolean);
}

/** Whether the text holds every word of the query; an empty query matches all. */
export function holdsEveryWord(text: string, query: string): boolean {
  const haystack = searchable(text);
  return searchWords(query).every((word) => haystack.includes(word));
}
