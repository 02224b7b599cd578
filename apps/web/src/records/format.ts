import type { ConferenceRecordMeta } from '@care/schema';

const date = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('ja-JP', { timeStyle: 'short' });
const dateTimeToTheSecond = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'medium' });

/** A day as pages write it (2026/12/05). */
export const formatDate = (iso: string) => date.format(new Date(iso));

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** A clock time within a day the page already names (10:02), from epoch ms. */
export const formatTime = (at: number) => time.format(new Date(at));

/** When an audit trail entry happened (2026/12/05 13:35:07): many happen within a minute, and their order matters. */
export const formatTrailInstant = (iso: string) => dateTimeToTheSecond.format(new Date(iso));

export const KIND_LABELS: Record<ConferenceRecordMeta['kind'], string> = {
  'closed-conference': '会議終了時の記録',
  manual: '保存した版',
};
