import { type ActionItem, type ActionItemsDiff, agencyLabel, progressText } from '@care/schema';
import { isOpenActionItem } from './conference/rules.ts';

/** The fields a reader compares, as they read them. */
const FIELDS: Record<string, (item: ActionItem) => string> = {
  what: (item) => item.what,
  ownerName: (item) => item.ownerName,
  ownerAgency: (item) => agencyLabel(item.ownerAgency),
  due: (item) => item.due,
  status: (item) => item.status,
  progress: progressText,
};

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
    const changes = Object.entries(FIELDS)
      .filter(([field, read]) => read(old) !== read(item) && !(closed && field === 'status'))
      .map(([field, read]) => ({ field, from: read(old), to: read(item) }));
    if (changes.length > 0) diff.changed.push({ item, changes });
  }
  return diff;
}
