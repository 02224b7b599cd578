import { describe, expect, it } from 'vitest';
import { CaseId, CreateCaseBody, describeIssues } from '../src/index.ts';

describe('CreateCaseBody', () => {
  it('accepts a Japanese title and trims it', () => {
    expect(CreateCaseBody.parse({ title: '  A地区 80代女性 独居 ' })).toEqual({ title: 'A地区 80代女性 独居' });
  });

  it('rejects empty, overlong and unknown fields with readable issues', () => {
    const empty = CreateCaseBody.safeParse({ title: '   ' });
    expect(empty.success).toBe(false);
    expect(describeIssues(empty.error!)).toEqual([{ path: 'title', message: '入力してください' }]);
    expect(CreateCaseBody.safeParse({ title: 'あ'.repeat(121) }).success).toBe(false);
    expect(CreateCaseBody.safeParse({ title: 'x', extra: 1 }).success).toBe(false);
  });
});

describe('CaseId', () => {
  it('allows URL-safe ids only', () => {
    expect(CaseId.safeParse('case_01-a').success).toBe(true);
    expect(CaseId.safeParse('../etc').success).toBe(false);
    expect(CaseId.safeParse('').success).toBe(false);
  });
});
