import type { CaseSummary } from '@care/schema';

/**
 * Full-width and half-width letters and digits alike (ＡＢ１ = ab1), katakana in either width, case
 * ignored: how staff type a case name is not always how it was written.
 */
const normalized = (text: string) => text.normalize('NFKC').toLowerCase();

/** The cases whose name or 地区 holds every word of the query (words split by spaces of either width). */
export function searchCases(cases: readonly CaseSummary[], query: string): CaseSummary[] {
  const words = normalized(query).split(/\s+/).filter(Boolean);
  return cases.filter((c) => {
    const text = normalized(`${c.title} ${c.area ?? ''}`);
    return words.every((word) => text.includes(word));
  });
}
