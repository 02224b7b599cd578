import { describe, expect, it } from 'vitest';
import { ActionItem, affiliationWithProfession, Agency, agencyLabel, AgendaTimer, RoleAssignment } from '../src/index.ts';

describe('conference schemas', () => {
  it('an agency is one of the fixed kinds, or その他 with its name', () => {
    expect(Agency.parse({ kind: '民生委員' })).toEqual({ kind: '民生委員' });
    expect(agencyLabel(Agency.parse({ kind: 'その他', other: ' NPO法人みまもり ' }))).toBe('NPO法人みまもり');
    expect(Agency.safeParse({ kind: 'その他' }).success).toBe(false);
    expect(Agency.safeParse({ kind: '警察' }).success).toBe(false);
  });

  it('rejects unknown roles, extra fields and impossible timers', () => {
    expect(RoleAssignment.safeParse({ role: '助言者', profession: '薬剤師' }).success).toBe(true);
    expect(RoleAssignment.safeParse({ role: '議長' }).success).toBe(false);
    expect(RoleAssignment.safeParse({ role: '記録', admin: true }).success).toBe(false);
    expect(AgendaTimer.safeParse({ itemId: null, runningSince: null, elapsedMs: -1 }).success).toBe(false);
  });

  it('an action item needs a real due date and a known status', () => {
    const item = { id: 'item-0001', conferenceId: 'conf-0001', what: '訪問', ownerName: '佐藤', ownerAgency: { kind: '行政' }, due: '2026-12-01', status: '未着手' };
    expect(ActionItem.safeParse(item).success).toBe(true);
    expect(ActionItem.safeParse({ ...item, due: '2026-13-01' }).success).toBe(false);
    expect(ActionItem.safeParse({ ...item, status: '保留' }).success).toBe(false);
  });
});

it('a participant reads as 所属・職種, a 職種 that only repeats the 所属 left out (a family member invited as 長女 who gave 長女)', () => {
  expect(affiliationWithProfession({ agency: { kind: 'その他', other: '長女' }, profession: '長女' })).toBe('長女');
  expect(affiliationWithProfession({ agency: { kind: '民生委員' }, profession: ' 民生委員 ' })).toBe('民生委員');
  expect(affiliationWithProfession({ agency: { kind: '医療機関', other: '北病院' }, profession: '看護師' })).toBe('北病院・看護師');
  expect(affiliationWithProfession({ agency: { kind: '社会福祉協議会' } })).toBe('社会福祉協議会');
});
