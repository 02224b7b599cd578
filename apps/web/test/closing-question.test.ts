import type { Conference } from '@care/case-doc';
import { expect, it } from 'vitest';
import { closingQuestion } from '../src/conference/closing-question.ts';

const conference: Conference = {
  id: 'conference-1',
  date: '2026-11-23',
  kind: '個別ケース検討',
  status: 'live',
  participants: [
    { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '地域包括支援センター' } },
    { userId: 'user-suzuki-01', name: '鈴木', agency: { kind: '社会福祉協議会' }, confidentialityConfirmedAt: 1 },
    { userId: 'user-tanaka-01', name: '田中', agency: { kind: '民生委員' } },
  ],
  attendees: [],
  issues: [],
  roles: {},
  agenda: [],
  timer: { itemId: null, runningSince: null, elapsedMs: 0 },
};

it('closing asks first, saying it cannot be undone and what is still missing: 検討内容, 守秘義務', () => {
  expect(closingQuestion(conference, [conference], false)).toBe(
    [
      '2026-11-23 個別ケース検討を終了しますか？',
      '終了すると記録と議事録が作られ、検討内容・議題・出席者・地域課題は変更できなくなります（対応事項は終了後も更新でき、会議の間の変更は次に開催する会議で確認します）。',
      '',
      '確認してください：',
      '・検討内容がまだ書かれていません。',
      '・守秘義務を確認していない参加者がいます（佐藤、田中）。',
    ].join('\n'),
  );
  const confirmed = { ...conference, participants: conference.participants.map((p) => ({ ...p, confidentialityConfirmedAt: 2 })) };
  expect(closingQuestion(confirmed, [confirmed], true).split('\n')).toHaveLength(2); // nothing missing
});

it('closing names the conference as lists do: by its start time when another of its kind was held that day', () => {
  const tokyo = (time: string) => Date.parse(`2026-11-23T${time}:00+09:00`);
  const morning = { ...conference, id: 'conference-1', status: 'closed' as const, startedAt: tokyo('08:54') };
  const afternoon = { ...conference, id: 'conference-2', startedAt: tokyo('14:00') };
  const question = closingQuestion(afternoon, [morning, afternoon], true);
  expect(question.split('\n')[0]).toBe('2026-11-23 個別ケース検討 14:00開始を終了しますか？');
});

it('closing names who is connected but has not joined (a guest who only watched): the minutes would not list them as present', () => {
  const confirmed = { ...conference, participants: conference.participants.map((p) => ({ ...p, confidentialityConfirmedAt: 2 })) };
  const connected = [
    { userId: 'user-sato-0001', name: '佐藤' }, // joined
    { userId: 'guest_invite-0001', name: '山田' },
    { userId: 'guest_invite-0001', name: '山田' }, // the same guest in a second tab
  ];
  expect(closingQuestion(confirmed, [confirmed], true, connected).split('\n').slice(2)).toEqual([
    '',
    '確認してください：',
    '・接続中で、この会議に参加していない人がいます（山田）。出席者として記録と議事録に載りません。',
  ]);
});
