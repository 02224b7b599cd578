import { type ActionItem, type ActionItemsDiff, actionItemTexts } from '@care/schema';
import { isOpenActionItem } from './conference/rules.ts';

/** How the action items of `to` differ from those of `from` (matched by id). */
export function diffActionItems(from: readonly ActionItem[], to: readonly ActionItem[]): ActionItemsDiff {
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
    // The fields as a reader reads them (every version of one written two ways).
    const [was, now] = [actionItemTexts(old), actionItemTexts(item)];
    const changes = (Object.keys(now) as (keyof typeof now)[])
      .filter((field) => was[field] !== now[field] && !(closed && field === 'status'))
      .map((field) => ({ field, from: was[field], to: now[field] }));
    if (changes.length > 0) diff.changed.push({ item, changes });
  }
  return diff;
}
