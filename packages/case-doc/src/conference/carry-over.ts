import type { ActionItem, ConferenceFields, Participant } from '@care/schema';
import { conferenceName } from '../content.ts';
import { isOpenActionItem } from './rules.ts';

type Dated = Pick<ConferenceFields, 'id' | 'date' | 'startedAt'>;

/** Conferences in the order they happen: by date, then by when they were started. */
export function compareConferences(a: Dated, b: Dated): number {
  return a.date.localeCompare(b.date) || (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.id.localeCompare(b.id);
}

/**
 * The 職種 a person last gave in the case's other conferences (the latest, in the order they
 * happen, where they gave one), for their entry in this one to start with: the same people meet
 * again at each モニタリング, as the same 職種, and were asked for it again each time. They change it
 * there if it changed. By their id, so a guest (a new id with each invitation) starts with none: a
 * namesake's would be a guess.
 */
export function professionLastGiven(
  conferences: readonly (Dated & { participants: readonly Participant[] })[],
  userId: string,
  conferenceId: string,
): string | undefined {
  const given = (conference: (typeof conferences)[number]) => conference.participants.find((p) => p.userId === userId)?.profession;
  return conferences
    .filter((c) => c.id !== conferenceId && given(c))
    .sort(compareConferences)
    .map(given)
    .at(-1);
}

/** Where a status change made now belongs: to the live conference, or else between conferences, after the last one held (if any). */
export type StatusChangedAt = Pick<ActionItem, 'statusConferenceId' | 'statusChangedAfter'>;

type Held = Dated & Pick<ConferenceFields, 'status'>;

const wasHeld = (conference: Held) => conference.status === 'live' || conference.status === 'closed';

/** The last conference held of `conferences` (in the order they happen): live or closed, not planned or called off. */
export function lastHeld<C extends Held>(conferences: readonly C[]): C | undefined {
  return conferences.filter(wasHeld).sort(compareConferences).at(-1);
}

/**
 * The next conference (次回): the first one planned, not dated before the last one held. One planned
 * for an earlier day and neither held nor called off (the meeting was planned again for another day)
 * is not what comes next: shown first, its review would leave out the items agreed since. The minutes'
 * 次回予定 likewise takes a planned one not dated before their conference.
 */
export function nextPlanned<C extends Held>(conferences: readonly C[]): C | undefined {
  const last = lastHeld(conferences);
  return conferences.filter((c) => c.status === 'scheduled' && (last === undefined || c.date >= last.date)).sort(compareConferences)[0];
}

/**
 * A status is changed at a conference only while one is live (whichever conference's screen shows
 * the item); otherwise between conferences (a care manager marks a visit done on a Tuesday), not
 * at a planned or cancelled conference that never met.
 */
export function statusChangedAt(conferences: readonly Held[]): StatusChangedAt {
  const live = conferences.find((c) => c.status === 'live');
  return live ? { statusConferenceId: live.id } : { statusChangedAfter: lastHeld(conferences)?.id };
}

/**
 * The action items to review (モニタリング) at a conference: those agreed at earlier conferences
 * of the case that are still open, plus those whose status was changed at this conference, so
 * an item marked 完了 during the review stays on the list it was reviewed in, and those changed
 * between conferences (reviewedBetween), so what was done between conferences is reviewed too.
 */
export function itemsForReview(conferences: readonly Held[], items: readonly ActionItem[], conferenceId: string): ActionItem[] {
  const current = conferences.find((c) => c.id === conferenceId);
  if (!current) return [];
  const earlier = new Set(conferences.filter((c) => compareConferences(c, current) < 0).map((c) => c.id));
  return items.filter(
    (item) =>
      earlier.has(item.conferenceId) &&
      (isOpenActionItem(item) || item.statusConferenceId === conferenceId || reviewedBetween(item, current, earlier)),
  );
}

/**
 * Whether a change between conferences is reviewed at this conference: at the one that closed
 * having reviewed it (statusReviewedAt); until then at each conference after it that has not
 * closed (the next one held, however late the change reached the others: one that closed before
 * it arrived never saw it).
 */
function reviewedBetween(item: ActionItem, conference: Held, earlier: ReadonlySet<string>): boolean {
  if (item.statusConferenceId !== undefined) return false;
  if (item.statusReviewedAt !== undefined) return item.statusReviewedAt === conference.id;
  return conference.status !== 'closed' && (item.statusChangedAfter === undefined || earlier.has(item.statusChangedAfter));
}

/**
 * The changes between conferences a conference reviewed, for its close to stamp (statusReviewedAt):
 * the items it reviews that were settled between conferences (open ones come up anyway).
 */
export function betweenChangesReviewedAt(conferences: readonly Held[], items: readonly ActionItem[], conferenceId: string): ActionItem[] {
  return itemsForReview(conferences, items, conferenceId).filter(
    (item) => item.statusConferenceId === undefined && item.statusReviewedAt === undefined && !isOpenActionItem(item),
  );
}

/** The action items agreed at this conference. */
export function itemsAgreedAt(items: readonly ActionItem[], conferenceId: string): ActionItem[] {
  return items.filter((item) => item.conferenceId === conferenceId);
}

/** An action item still open, with the name of the conference that agreed it (null when that conference is gone). */
export type OpenItem = { item: ActionItem; agreedAt: string | null };

/** The case's action items still open (未着手, 対応中), soonest due first: what is owed before its next conference. */
export function openItems(conferences: readonly Pick<ConferenceFields, 'id' | 'date' | 'kind' | 'startedAt'>[], items: readonly ActionItem[]): OpenItem[] {
  const names = new Map(conferences.map((c) => [c.id, conferenceName(c, conferences)]));
  return items
    .filter(isOpenActionItem)
    .map((item) => ({ item, agreedAt: names.get(item.conferenceId) ?? null }))
    .sort((a, b) => a.item.due.localeCompare(b.item.due));
}
