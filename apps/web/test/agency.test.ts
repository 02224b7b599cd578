import { agencyLabel, agencyOf, type OpenActionItem } from '@care/schema';
import { expect, it } from 'vitest';
import { agencyOfUser, ownerAgency, peopleIn } from '../src/conference/agency.ts';
import { filterOpenItems, NO_FILTER } from '../src/follow-up/open-item-filter.ts';

const owners = [
  { name: '佐藤', agency: agencyOf('地域包括支援センター') },
  { name: '鈴木', agency: agencyOf('○○市社会福祉協議会') },
  { name: '田中', agency: agencyOf('民生委員') },
  { name: '田中', agency: agencyOf('医療機関') },
];

it("an action item's owner picked by name brings their agency along", () => {
  expect(ownerAgency(owners, '佐藤')).toEqual({ kind: '地域包括支援センター' });
  expect(ownerAgency(owners, '鈴木 ')).toEqual({ kind: 'その他', other: '○○市社会福祉協議会' });
});

it('a name that is nobody’s, only part of one, or two people’s, says nothing about the agency', () => {
  expect(ownerAgency(owners, '高橋')).toBeUndefined();
  expect(ownerAgency(owners, '鈴')).toBeUndefined();
  expect(ownerAgency(owners, '田中')).toBeUndefined();
  expect(ownerAgency([], '佐藤')).toBeUndefined();
});

it('the owners offered are the participants, then those present without an account, who belong where their 所属または続柄 says', () => {
  const sato = { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '地域包括支援センター' as const } };
  const attendees = [
    { id: 'attendee-1', name: '山田花子', affiliation: '本人' },
    { id: 'attendee-2', name: '木村', affiliation: '民生委員' },
  ];
  expect(peopleIn({ participants: [sato], attendees })).toEqual([
    sato,
    { name: '山田花子', agency: { kind: 'その他', other: '本人' } },
    { name: '木村', agency: { kind: '民生委員' } },
  ]);
});

it('someone from a registered agency joins under its kind, named by its name, and their items are found by that kind', () => {
  const takahashi = { name: '高橋医師', agency: agencyOfUser({ agency: '北病院', agencyKind: '医療機関' }) };
  expect(takahashi.agency).toEqual({ kind: '医療機関', other: '北病院' });
  expect(agencyLabel(takahashi.agency)).toBe('北病院');
  const item: OpenActionItem = {
    caseId: 'c1',
    caseTitle: '山田様',
    area: '北地区',
    agreedAt: '2026-11-23 個別ケース検討',
    item: { id: 'item-1', conferenceId: 'conf-1', what: '受診状況の確認', ownerName: '高橋医師', ownerAgency: ownerAgency([takahashi], '高橋医師')!, due: '2026-12-01', status: '未着手' },
  };
  expect(filterOpenItems([item], { ...NO_FILTER, agency: '医療機関' }, '2026-11-30')).toEqual([item]);
  expect(filterOpenItems([item], { ...NO_FILTER, query: '北病院' }, '2026-11-30')).toEqual([item]);
  expect(filterOpenItems([item], { ...NO_FILTER, query: '医療機関' }, '2026-11-30')).toEqual([item]);
  // A guest is invited as what they are: 民生委員 is a kind, 長女 is その他.
  expect(agencyOf('民生委員')).toEqual({ kind: '民生委員' });
  expect(agencyOf('長女')).toEqual({ kind: 'その他', other: '長女' });
});
