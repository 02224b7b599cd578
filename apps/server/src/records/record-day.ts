import type { Conference } from '@care/case-doc';
import { type ConferenceRecordMeta, dayInJapan } from '@care/schema';

/** A case's conferences' dates, by conference id. */
export const conferenceDates = (conferences: readonly Pick<Conference, 'id' | 'date'>[]): ReadonlyMap<string, string> =>
  new Map(conferences.map((c) => [c.id, c.date]));

/**
 * The day a record stands at in its case's course: the date of the conference it records, so one
 * written up after a later conference still comes before it. A manual version keeps no
 * conference: it goes by the day it was saved (in Japan), as it holds the case as it was that day.
 */
export const recordDay = (record: Pick<ConferenceRecordMeta, 'conferenceId' | 'takenAt'>, dates: ReadonlyMap<string, string>): string =>
  (record.conferenceId && dates.get(record.conferenceId)) || dayInJapan(new Date(record.takenAt));
