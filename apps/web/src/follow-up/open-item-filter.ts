import { isOverdue } from '@care/case-doc';
import { actionItemTexts, AgencyKind, holdsEveryWord, type OpenActionItem, versionsOf } from '@care/schema';

export type OpenItemFilter = {
  /**
   * Words to find, as in the case list's search (empty: every item): of the case's name or 地区,
   * or of the item itself (its owner and their agency, by kind or name, what is to be done, what has been done:
   * 経過), so that someone finds what they owe by their own name.
   */
  query: string;
  /** The owner's kind of agency (empty: every agency); an owner written two ways is under both. */
  agency: AgencyKind | '';
  /** Only items past their due date. */
  overdueOnly: boolean;
};

export const NO_FILTER: OpenItemFilter = { query: '', agency: '', overdueOnly: false };

/**
 * The filter as the page's address holds it (?q=&agency=&overdue=1), so a reload or a link keeps it;
 * what is not filtered by is left out, and what is not understood filters nothing.
 */
export function filterFromAddress(params: URLSearchParams): OpenItemFilter {
  const agency = AgencyKind.safeParse(params.get('agency'));
  return { query: params.get('q') ?? '', agency: agency.success ? agency.data : '', overdueOnly: params.get('overdue') === '1' };
}

export function addressOfFilter(filter: OpenItemFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.query) params.set('q', filter.query);
  if (filter.agency) params.set('agency', filter.agency);
  if (filter.overdueOnly) params.set('overdue', '1');
  return params;
}

/**
 * How the list is narrowed, in words beside its count (undefined: not narrowed). The filters are
 * left off a printed list, so the paper says it is not the whole list, and by what.
 */
export function describeFilter(filter: OpenItemFilter): string | undefined {
  const parts = [
    filter.query.trim() && `キーワード「${filter.query.trim()}」`,
    filter.agency && `担当機関「${filter.agency}」`,
    filter.overdueOnly && '期限超過のみ',
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join('・')}で絞り込み` : undefined;
}

/** The items the list is narrowed to, overdue judged as of the day `asOf` (YYYY-MM-DD). */
export function filterOpenItems(items: readonly OpenActionItem[], filter: OpenItemFilter, asOf: string): OpenActionItem[] {
  return items.filter(
    (open) =>
      holdsEveryWord(searchedText(open), filter.query) &&
      (!filter.agency || versionsOf(open.item, 'owner').some((owner) => owner.agency.kind === filter.agency)) &&
      (!filter.overdueOnly || isOverdue(open.item, asOf)),
  );
}

function searchedText({ caseTitle, area, item }: OpenActionItem): string {
  const { ownerName, ownerAgency, ownerAgencyKind, what, progress } = actionItemTexts(item); // every version of a field written two ways
  return [caseTitle, area ?? '', ownerName, ownerAgencyKind, ownerAgency, what, progress].join(' ');
}
