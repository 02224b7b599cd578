import { expect, it } from 'vitest';
import { separateNotesHint } from '../src/records/separate-notes.ts';

const first = { conference: '2026-11-23 個別ケース検討', lines: ['服薬の状況を確認した。'] };
const second = { conference: '2026-12-21 個別ケース検討', lines: ['服薬は安定。'] };

it('calls two conferences separate, and a version saved before any conference not a conference at all', () => {
  expect(separateNotesHint({ kind: 'two-conferences', from: first, to: second })).toBe('別々の会議の記録です。それぞれの会議の検討内容を示します。');
  expect(separateNotesHint({ kind: 'two-conferences', from: null, to: second })).toBe('一方は会議が開かれる前に保存した版です。会議の検討内容を示します。');
  expect(separateNotesHint({ kind: 'two-conferences', from: first, to: null })).toBe('一方は会議が開かれる前に保存した版です。会議の検討内容を示します。');
});
