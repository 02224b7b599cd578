import { conferenceName } from '@care/case-doc';
import type { ConferenceFields, ConferenceStatus } from '@care/schema';

export const STATUS_LABELS: Record<ConferenceStatus, string> = { scheduled: '予定', live: '開催中', closed: '終了', cancelled: '中止' };

type Labelled = Pick<ConferenceFields, 'id' | 'date' | 'kind' | 'place' | 'status' | 'startedAt'>;

/**
 * How a conference is named in lists: 2026-11-23 個別ケース検討 市役所 第2会議室（終了）; told apart
 * from another of the case's `conferences` of its kind and day by its start time (conferenceName).
 */
export function conferenceLabel(conference: Labelled, conferences: readonly Labelled[]): string {
  const place = conference.place ? ` ${conference.place}` : '';
  return `${conferenceName(conference, conferences)}${place}（${STATUS_LABELS[conference.status]}）`;
}

/** The conference an action item was agreed at, as lists name it ('' if the case no longer holds it). */
export function agreedAtLabel(conferences: readonly Labelled[], item: { conferenceId: string }): string {
  const origin = conferences.find((c) => c.id === item.conferenceId);
  return origin ? conferenceLabel(origin, conferences) : '';
}
