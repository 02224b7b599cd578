import { expect, it } from 'vitest';
import { agencyFromName, participantAgency } from '../src/conference/agency.ts';

const participants = [
  { name: '佐藤', agency: agencyFromName('地域包括支援センター') },
  { name: '鈴木', agency: agencyFromName('○○市社会福祉協議会') },
  { name: '田中', agency: agencyFromName('民生委員') },
  { name: '田中', agency: agencyFromName('医療機関') },
];

it("an action item's owner who is a participant brings their agency along", () => {
  expect(participantAgency(participants, '佐藤')).toEqual({ kind: '地域包括支援センター' });
  expect(participantAgency(participants, '鈴木 ')).toEqual({ kind: 'その他', other: '○○市社会福祉協議会' });
});

it('a name that is no participant, only part of one, or two participants, says nothing about the agency', () => {
  expect(participantAgency(participants, '高橋')).toBeUndefined();
  expect(participantAgency(participants, '鈴')).toBeUndefined();
  expect(participantAgency(participants, '田中')).toBeUndefined();
  expect(participantAgency([], '佐藤')).toBeUndefined();
});
