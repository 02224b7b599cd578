import type { CaseSummary } from '@care/schema';

/**
 * Full-width and half-width letters and digits alike (ＡＢ１ = ab1), katakana in either width, case
 * ignored: how staff type a case name is not always how it was written.
 */
const normalized = (text: string) => text.normalize('NFKC').toLowerCase();

/** Whether the text holds every word of the query (words split by spaces of either width); an empty query matches all. */
export function holdsEveryWord(text: string, query: string): boolean {
  const haystack = normalized(text);
  return normalized(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** The cases whose name or 地区 holds every word of the query. */
export function searchCases(cases: readonly CaseSummary[], query: string): CaseSummary[] {
  return cases.filter((c) => holdsEveryWord(`${c.title} ${c.area ?? ''}`, query));
}
