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
  const refusal = (character: string) => `見えない文字や表示の向きを変える文字（${character}）を含めないでください`;

  it('refuses the marks that change the direction text is shown in, naming the field and the character', () => {
    // 「a\u202Ecb」 shows as 「abc」: one name read as another in the trails and the minutes.
    const spoofed = CreateCaseBody.safeParse({ title: 'a\u202Ecb' });
    expect(describeIssues(spoofed.error!)).toEqual([{ path: 'title', message: refusal('U+202E') }]);
    for (const mark of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(CreateCaseBody.safeParse({ title: `北地区${mark}80代` }).success, `U+${mark.codePointAt(0)!.toString(16)}`).toBe(false);
    }
  });

  it('refuses control characters, also in the middle of a name, an agency or search words', () => {
    expect(describeIssues(CreateUserBody.safeParse({ login: 'sato', name: '佐藤\u0007花子', agencyId: 'agency1', password: 'correct horse battery' }).error!)).toEqual([
      { path: 'name', message: refusal('U+0007') },
    ]);
    expect(describeIssues(UpdateAgencyBody.safeParse({ name: '北病院\u0085' }).error!)).toEqual([{ path: 'name', message: refusal('U+0085') }]);
    expect(describeIssues(TimelineQuery.safeParse({ keyword: '転倒\n服薬' }).error!)).toEqual([{ path: 'keyword', message: refusal('U+000A') }]);
    expect(Attendee.safeParse({ id: 'attendee1', name: '山田\u007F', affiliation: '長女' }).success).toBe(false);
  });

  it('reads a tab (a spreadsheet row pasted) as the space it shows as, and takes every other text as it is', () => {
    expect(Attendee.parse({ id: 'attendee1', name: '山田\t花子', affiliation: '長女' }).name).toBe('山田 花子');
    expect(CreateCaseBody.parse({ title: 'A地区　80代女性 独居（ｱﾊﾟｰﾄ）😀' }).title).toBe('A地区　80代女性 独居（ｱﾊﾟｰﾄ）😀');
  });

  it('leaves searches already in the audit trail readable, whatever their words', () => {
    const recorded = { kind: 'search', search: { keyword: 'a\u202Ecb' }, records: [] };
    expect(AuditSubject.parse(recorded)).toEqual(recorded);
  });
});

describe('CaseId', () => {
  it('allows URL-safe ids only', () => {
    expect(CaseId.safeParse('case_01-a').success).toBe(true);
    expect(CaseId.safeParse('../etc').success).toBe(false);
    expect(CaseId.safeParse('').success).toBe(false);
  });
});
