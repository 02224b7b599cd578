import {
  type ActionItem,
  type ActionItemsDiff,
  actionItemTexts,
  agencyWithKind,
  ComparedActionItemField,
  sideBySide,
  versionsOf,
} from '@care/schema';
import { isOpenActionItem, statusAsOf } from './conference/rules.ts';

/** The day each side's items are judged overdue by (its conference's date), or null: not judged. */
type JudgedAsOf = { from: string | null; to: string | null };

/** How a due date reads (ISO, as a comparison of records shows it, unless given). */
type DateText = (isoDate: string) => string;

/**
 * How the action items of `to` differ from those of `from` (matched by id). An item's 状況 reads
 * 期限超過 as of each side's day (`asOf`), so one that fell overdue in between, or is no longer, shows
 * as a change of 状況. `date`: how 期限 reads (the minutes write 2026年12月20日（日）).
 */
export function diffActionItems(
  from: readonly ActionItem[],
  to: readonly ActionItem[],
  asOf: JudgedAsOf = { from: null, to: null },
  date?: DateText,
): ActionItemsDiff {
  const before = new Map(from.map((item) => [item.id, item]));
  const after = new Set(to.map((item) => item.id));
  const diff: ActionItemsDiff = { added: [], closed: [], changed: [], removed: from.filter((item) => !after.has(item.id)) };
  for (const item of to) {
    const old = before.get(item.id);
    if (!old) {
      diff.added.push(item);
      continue;
    }
    const closed = isOpenActionItem(old) && !isOpenActionItem(item);
    if (closed) diff.closed.push(item);
    const [was, now] = [comparedTexts(old, asOf.from, date), comparedTexts(item, asOf.to, date)];
    const changes = ComparedActionItemField.options
      .filter((field) => was[field] !== now[field] && !(closed && field === 'status'))
      .map((field) => ({ field, from: was[field], to: now[field] }));
    if (changes.length > 0) diff.changed.push({ item, changes });
  }
  return diff;
}

/**
 * An item's fields as a comparison names them, in its lists (追加, 完了・中止, 削除) as in its
 * changes: as a reader reads them (every version of one written two ways, 状況 with 期限超過 as of
 * `asOf`), the agency with its kind, so a change of either (北病院（医療機関） → 高齢福祉課（行政）) is
 * named once.
 */
export function comparedTexts(item: ActionItem, asOf: string | null, date?: DateText): Record<ComparedActionItemField, string> {
  const { what, ownerName, due, status, progress } = actionItemTexts(item, date);
  const ownerAgency = sideBySide(versionsOf(item, 'owner').map((owner) => agencyWithKind(owner.agency)));
  return { what, ownerName, ownerAgency, due, status: statusAsOf(status, item, asOf), progress };
}
