import { type CaseSummary, holdsEveryWord } from '@care/schema';

/** The cases whose name or 地区 holds every word of the query. */
export function searchCases(cases: readonly CaseSummary[], query: string): CaseSummary[] {
  return cases.filter((c) => holdsEveryWord(`${c.title} ${c.area ?? ''}`, query));
}
