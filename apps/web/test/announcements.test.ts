import type { Conference } from '@care/case-doc';
import type { ActionItem } from '@care/schema';
import { expect, it, vi } from 'vitest';
import { announcements, announcer, REPEAT_GAP_MS } from '../src/conference/announcements.ts';

const SUZUKI = 'user-suzuki-01';
const planned: Conference = {
  id: 'conference-1',
  date: '2026-11-23',
  kind: '個別ケース検討',
  status: 'scheduled',
  participants: [],
  attendees: [],
  issues: [],
  roles: {},
  agenda: [],
  timer: { itemId: null, runningSince: null, elapsedMs: 0 },
};
const live: Conference = {
  ...planned,
  status: 'live',
  participants: [{ userId: SUZUKI, name: '鈴木', agency: { kind: '社会福祉協議会' } }],
  roles: { 'user-sato-0001': { role: '司会' } },
};
const item: ActionItem = {
  id: 'item-1',
  conferenceId: planned.id,
  what: '訪問診療の調整',
  ownerName: '佐藤',
  ownerAgency: { kind: '地域包括支援センター' },
  due: '2026-12-01',
  status: '未着手',
};
const seen = (conferences: Conference[], actionItems: ActionItem[] = []) => ({ conferences, actionItems });

it('tells that a conference started, ended or was called off', () => {
  expect(announcements(seen([planned]), seen([live]), SUZUKI)).toEqual(['会議が開始されました。']);
  expect(announcements(seen([live]), seen([{ ...live, status: 'closed' }]), SUZUKI)).toEqual(['会議が終了しました。']);
  expect(announcements(seen([planned]), seen([{ ...planned, status: 'cancelled' }]), SUZUKI)).toEqual(['会議が中止になりました。']);
});

it("tells a person their own role changed, and not someone else's", () => {
  const recorder = { ...live, roles: { ...live.roles, [SUZUKI]: { role: '記録' as const } } };
  expect(announcements(seen([live]), seen([recorder]), SUZUKI)).toEqual(['あなたの役割が記録になりました。']);
  expect(announcements(seen([recorder]), seen([live]), SUZUKI)).toEqual(['あなたの役割が参加者になりました。']);
  expect(announcements(seen([live]), seen([recorder]), 'user-sato-0001')).toEqual([]);
});

it('tells what action item was added; a new conference planned, an item changed or anything else is not news', () => {
  expect(announcements(seen([live]), seen([live], [item]), SUZUKI)).toEqual(['対応事項が追加されました：訪問診療の調整。']);
  expect(announcements(seen([live], [item]), seen([live], [{ ...item, status: '対応中' }]), SUZUKI)).toEqual([]);
  expect(announcements(seen([live]), seen([live, { ...planned, id: 'conference-2' }]), SUZUKI)).toEqual([]);
  expect(announcements(seen([live]), seen([{ ...live, agenda: [{ id: 'agenda-1', title: '事例紹介', minutes: 10 }] }]), SUZUKI)).toEqual([]);
});

it('empties the live region before each news, and tells news that comes meanwhile with what waits, not instead of it', () => {
  vi.useFakeTimers();
  try {
    const shown: string[] = [];
    const news = announcer((text) => shown.push(text));
    news.tell([]);
    expect(shown).toEqual([]);
    news.tell(['対応事項が追加されました：訪問する。']);
    vi.advanceTimersByTime(REPEAT_GAP_MS);
    news.tell(['対応事項が追加されました：訪問する。']);
    vi.advanceTimersByTime(REPEAT_GAP_MS / 2);
    news.tell(['会議が終了しました。']);
    vi.advanceTimersByTime(REPEAT_GAP_MS);
    expect(shown).toEqual(['', '対応事項が追加されました：訪問する。', '', '', '対応事項が追加されました：訪問する。会議が終了しました。']);
    news.tell(['会議が開始されました。']);
    news.stop();
    vi.advanceTimersByTime(REPEAT_GAP_MS);
    expect(shown.at(-1)).toBe('');
  } finally {
    vi.useRealTimers();
  }
});
