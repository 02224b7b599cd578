import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues, LoginBody, NewActionItemInput, ScheduleConferenceInput } from '../src/index.ts';

const issuesOf = (schema: z.ZodType, input: unknown) => describeIssues(schema.safeParse(input).error!);

describe('zod’s own messages (a field without a message of its own)', () => {
  it('name the types in Japanese, as a sign-in sent wrong is answered', () => {
    expect(issuesOf(LoginBody, { password: 5 })).toEqual([
      { path: 'login', message: '無効な入力: 文字列が期待されましたが、値がありません' },
      { path: 'password', message: '無効な入力: 文字列が期待されましたが、数値が入力されました' },
    ]);
    expect(issuesOf(LoginBody, { login: 'a'.repeat(65), password: 'x' })).toEqual([
      { path: 'login', message: '大きすぎる値: 文字列は64文字以下である必要があります' },
    ]);
  });

  it('name sizes, lists and what a list holds in Japanese too', () => {
    expect(issuesOf(z.number().min(1), 0)[0]!.message).toBe('小さすぎる値: 数値は1以上である必要があります');
    expect(issuesOf(z.array(z.string()).max(1), ['a', 'b'])[0]!.message).toBe('大きすぎる値: 配列は1要素以下である必要があります');
    expect(issuesOf(z.object({ on: z.boolean() }), { on: null })[0]!.message).toBe('無効な入力: 真偽値（true または false）が期待されましたが、空の値（null）が入力されました');
    expect(issuesOf(z.string(), ['a'])[0]!.message).toBe('無効な入力: 文字列が期待されましたが、配列が入力されました');
  });

  it('are zod’s Japanese ones where they name no type', () => {
    expect(issuesOf(z.enum(['read', 'edit']), 'write')[0]!.message).toBe('無効な選択: "read"、"edit"のいずれかである必要があります');
    expect(issuesOf(z.strictObject({}), { extra: 1 })[0]!.message).toBe('認識されていないキー: "extra"');
  });

  it('ask for a date in plain words, without 「ISO」, for every date field', () => {
    const plain = '正しい日付（例：2026-12-20）で入力してください';
    const item = { what: '訪問する', ownerName: '佐藤', ownerAgency: { kind: '民生委員' } };
    expect(issuesOf(NewActionItemInput, { ...item, due: '61220-12-20' })).toEqual([{ path: 'due', message: plain }]);
    expect(issuesOf(ScheduleConferenceInput, { date: '2026-02-30', kind: '個別ケース検討' })).toEqual([{ path: 'date', message: plain }]);
    // A well-formed date of another century is a slip of the keyboard too (six digits typed: 0020-06-12).
    expect(issuesOf(NewActionItemInput, { ...item, due: '0020-06-12' })).toEqual([{ path: 'due', message: plain }]);
    expect(issuesOf(ScheduleConferenceInput, { date: '2206-01-12', kind: '個別ケース検討' })).toEqual([{ path: 'date', message: plain }]);
    expect(NewActionItemInput.safeParse({ ...item, due: '2099-12-31' }).success).toBe(true);
  });
});
