import type { ActionItem, ConferenceFields } from '@care/schema';
import { isOpenActionItem } from './rules.ts';

type Dated = Pick<ConferenceFields, 'id' | 'date' | 'startedAt'>;

/** Conferences in the order they happen: by date, then by when they were started. */
export function compareConferences(a: Dated, b: Dated): number {
  return a.date.localeCompare(b.date) || (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.id.localeCompare(b.id);
}

/**
 * The action items to review (モニタリング) at a conference: those agreed at earlier conferences
 * of the case that are still open, plus those whose status was changed at this conference, so
 * an item marked 完了 during the review stays on the list it was reviewed in.
 */
export function itemsForReview(conferences: readonly Dated[], items: readonly ActionItem[], conferenceId: string): ActionItem[] {
  const current = conferences.find((c) => c.id === conferenceId);
  if (!current) return [];
  const earlier = new Set(conferences.filter((c) => compareConferences(c, current) < 0).map((c) => c.id));
  return items.filter(
    (item) => earlier.has(item.conferenceId) && (isOpenActionItem(item) || item.statusConferenceId === conferenceId),
  );
}

/** The action items agreed at this conference. */
export function itemsAgreedAt(items: readonly ActionItem[], conferenceId: string): ActionItem[] {
  return items.filter((item) => item.conferenceId === conferenceId);
}

/** An action item still open, with the date of the conference that agreed it (null when that conference is gone). */
export type OpenItem = { item: ActionItem; agreedOn: string | null };

/** The case's action items still open (未着手, 対応中), soonest due first: what is owed before its next conference. */
export function openItems(conferences: readonly Pick<ConferenceFields, 'id' | 'date'>[], items: readonly ActionItem[]): OpenItem[] {
  const dates = new Map(conferences.map((c) => [c.id, c.date]));
  return items
    .filter(isOpenActionItem)
    .map((item) => ({ item, agreedOn: dates.get(item.conferenceId) ?? null }))
    .sort((a, b) => a.item.due.localeCompare(b.item.due));
}
