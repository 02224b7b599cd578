import type { NotesCompared } from '@care/schema';

/**
 * What a comparison of two conferences' 検討内容 says above them. One side may be of no
 * conference: a version saved before the case's first conference was held.
 */
export function separateNotesHint(notes: Extract<NotesCompared, { kind: 'two-conferences' }>): string {
  return notes.from && notes.to
    ? '別々の会議の記録です。それぞれの会議の検討内容を示します。'
    : '一方は会議が開かれる前に保存した版です。会議の検討内容を示します。';
}
