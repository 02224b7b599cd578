import { isOverdue } from '@care/case-doc';
import type { AgencyKind, OpenActionItem } from '@care/schema';
import { holdsEveryWord } from '../pages/case-search.ts';

export type OpenItemFilter = {
  /** Words of the case's name or 地区, as in the case list's search (empty: every case). */
  query: string;
  /** The owner's kind of agency (empty: every agency). */
  agency: AgencyKind | '';
  /** Only items past their due date. */
  overdueOnly: boolean;
};

export const NO_FILTER: OpenItemFilter = { query: '', agency: '', overdueOnly: false };

/** The items the list is narrowed to, overdue judged as of the day `asOf` (YYYY-MM-DD). */
export function filterOpenItems(items: readonly OpenActionItem[], filter: OpenItemFilter, asOf: string): OpenActionItem[] {
  return items.filter(
    (open) =>
      holdsEveryWord(`${open.caseTitle} ${open.area ?? ''}`, filter.query) &&
      (!filter.agency || open.item.ownerAgency.kind === filter.agency) &&
      (!filter.overdueOnly || isOverdue(open.item, asOf)),
  );
}
