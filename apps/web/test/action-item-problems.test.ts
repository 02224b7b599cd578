import { NewActionItemInput } from '@care/schema';
import { expect, it } from 'vitest';
import { actionItemProblems } from '../src/conference/action-item-problems.ts';

const problems = (input: Record<string, unknown>) => {
  const item = { what: '訪問する', ownerName: '佐藤', ownerAgency: { kind: '民生委員' }, due: '2026-12-01', ...input } as Record<string, unknown> & { ownerAgency: { kind: string; other?: string } };
  const typed = { what: String(item.what), ownerName: String(item.ownerName), ownerAgency: item.ownerAgency.kind, agencyOther: item.ownerAgency.other ?? '', due: String(item.due) };
  return actionItemProblems(NewActionItemInput.safeParse(item).error!.issues, typed);
};

it('names each field left empty, in the form’s order', () => {
  expect(problems({ due: '', ownerName: ' ' })).toEqual({ fields: ['ownerName', 'due'], message: '担当者・期限を入力してください。' });
  expect(problems({ ownerAgency: { kind: 'その他' } })).toEqual({ fields: ['agencyOther'], message: '機関名を入力してください。' });
});

it('says how long a field may be when it is too long', () => {
  expect(problems({ what: 'あ'.repeat(201), due: '' })).toEqual({ fields: ['what', 'due'], message: '期限を入力してください。内容は200文字以内にしてください。' });
});

it('asks for a 期限 typed wrong (a year of five digits) as a date, in plain words', () => {
  expect(problems({ due: '61220-12-20' })).toEqual({ fields: ['due'], message: '期限は正しい日付（例：2026-12-20）で入力してください。' });
});
