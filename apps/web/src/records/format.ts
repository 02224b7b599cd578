import type { ConferenceRecordMeta } from '@care/schema';

const dateTime = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short' });

export const formatTakenAt = (iso: string) => dateTime.format(new Date(iso));

export const KIND_LABELS: Record<ConferenceRecordMeta['kind'], string> = {
  'closed-conference': '会議終了時の記録',
  manual: '保存した版',
};
