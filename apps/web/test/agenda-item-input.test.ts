import { expect, it } from 'vitest';
import { checkAgendaItem } from '../src/conference/agenda-item-input.ts';

it('takes a named item of 1 to 180 minutes', () => {
  expect(checkAgendaItem({ title: ' 事例紹介 ', minutes: '5' })).toEqual({ item: { title: '事例紹介', minutes: 5 } });
});

it('names the field that is wrong, and how', () => {
  expect(checkAgendaItem({ title: 'あ'.repeat(61), minutes: '10' })).toEqual({ problems: { fields: ['title'], message: '議題は60文字以内にしてください。' } });
  expect(checkAgendaItem({ title: '助言', minutes: '200' })).toEqual({ problems: { fields: ['minutes'], message: '時間（分）は1〜180分にしてください。' } });
  expect(checkAgendaItem({ title: '助言', minutes: '1.5' })).toEqual({ problems: { fields: ['minutes'], message: '時間（分）は1〜180分にしてください。' } });
  expect(checkAgendaItem({ title: ' ', minutes: '' })).toEqual({ problems: { fields: ['title', 'minutes'], message: '議題・時間（分）を入力してください。' } });
});
