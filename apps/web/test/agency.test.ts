import { expect, it } from 'vitest';
import { agencyFromName, ownerAgency, peopleIn } from '../src/conference/agency.ts';

const owners = [
  { name: '佐藤', agency: agencyFromName('地域包括支援センター') },
  { name: '鈴木', agency: agencyFromName('○○市社会福祉協議会') },
  { name: '田中', agency: agencyFromName('民生委員') },
  { name: '田中', agency: agencyFromName('医療機関') },
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
