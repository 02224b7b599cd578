import { type ConferenceRecordMeta, dateTimeInJapan, JAPAN_TIME_ZONE } from '@care/schema';

// In Japan's zone, as the minutes and downloads write them, whatever zone the device is set to.
const inJapan = (style: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('ja-JP', { ...style, timeZone: JAPAN_TIME_ZONE });
const date = inJapan({ dateStyle: 'medium' });
const dateTimeToTheSecond = inJapan({ dateStyle: 'medium', timeStyle: 'medium' });

/** A day as pages write it (2026/12/05). */
export const formatDate = (iso: string) => date.format(new Date(iso));

export const formatDateTime = dateTimeInJapan;

/**
 * Until when something holds (an invitation), from the first instant it no longer does: as the
 * last minute it still holds, 「2026/12/06 23:59 まで」, since 「2026/12/07 0:00 まで」 reads as
 * up to the start of the 7th, a day later than a person takes it to mean.
 */
export const formatUntil = (end: string) => `${dateTimeInJapan(new Date(Date.parse(end) - 1).toISOString())} まで`;


/** When an audit trail entry happened (2026/12/05 13:35:07): many happen within a minute, and their order matters. */
export const formatTrailInstant = (iso: string) => dateTimeToTheSecond.format(new Date(iso));

export const KIND_LABELS: Record<ConferenceRecordMeta['kind'], string> = {
  'closed-conference': '会議終了時の記録',
  manual: '保存した版',
};
