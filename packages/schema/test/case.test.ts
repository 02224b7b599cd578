import { describe, expect, it } from 'vitest';
import { Attendee, AuditSubject, CaseId, CreateCaseBody, CreateUserBody, describeIssues, TimelineQuery, UpdateAgencyBody } from '../src/index.ts';

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

describe('one-line text (boundedText)', () => {
  it('is read without the marks that change the direction text is shown in: one name cannot show as another', () => {
    // 「a\u202Ecb」 shows as 「abc」: one name read as another in the trails and the minutes.
    expect(CreateCaseBody.parse({ title: 'a\u202Ecb' }).title).toBe('acb');
    for (const mark of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(CreateCaseBody.parse({ title: `北地区${mark}80代` }).title, `U+${mark.codePointAt(0)!.toString(16)}`).toBe('北地区80代');
    }
  });

  it('is read without control characters, also in the middle of a name, an agency or search words; a tab or line break as a space', () => {
    expect(CreateUserBody.parse({ login: 'sato', name: '佐藤\u0007花子', agencyId: 'agency1', password: 'correct horse battery' }).name).toBe('佐藤花子');
    expect(UpdateAgencyBody.parse({ name: '北病院\u0085' }).name).toBe('北病院');
    expect(TimelineQuery.parse({ keyword: '転倒\r\n服薬' }).keyword).toBe('転倒 服薬');
    expect(Attendee.parse({ id: 'attendee1', name: '山田\t花子\u007F', affiliation: '長女' }).name).toBe('山田 花子');
    // Nothing but hidden characters is nothing.
    expect(describeIssues(CreateCaseBody.safeParse({ title: '\u202E\u200E' }).error!)).toEqual([{ path: 'title', message: '入力してください' }]);
  });

  it('takes every other text as it is', () => {
    expect(CreateCaseBody.parse({ title: 'A地区　80代女性 独居（ｱﾊﾟｰﾄ）😀' }).title).toBe('A地区　80代女性 独居（ｱﾊﾟｰﾄ）😀');
  });

  it('reads searches already in the audit trail, whatever their words', () => {
    const recorded = { kind: 'search', search: { keyword: 'a\u202Ecb' }, records: [] };
    expect(AuditSubject.parse(recorded)).toEqual({ ...recorded, search: { keyword: 'acb' } });
  });
});

describe('CaseId', () => {
  it('allows URL-safe ids only', () => {
    expect(CaseId.safeParse('case_01-a').success).toBe(true);
    expect(CaseId.safeParse('../etc').success).toBe(false);
    expect(CaseId.safeParse('').success).toBe(false);
  });
});
