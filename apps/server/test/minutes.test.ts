import { addActionItem, caseDocContent, closeConference, scheduleConference, setActionItemStatus, startConference } from '@care/case-doc';
import type { ConferenceRecordMeta } from '@care/schema';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesMarkdown, minutesOf } from '../src/records/minutes.ts';

const lead = { userId: 'u-lead', name: '田中', agency: { kind: '地域包括支援センター' as const } };

it('the minutes of a later conference mark an item still open after its due date as 期限超過, as of that conference', () => {
  const doc = new Y.Doc();
  const first = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, first, lead);
  const late = addActionItem(doc, first, { what: '見守り訪問を週2回', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2026-12-10' });
  addActionItem(doc, first, { what: '配食サービスの調整', ownerName: '田中', ownerAgency: { kind: '地域包括支援センター' }, due: '2026-12-20' });
  const done = addActionItem(doc, first, { what: '主治医へ連絡', ownerName: '山本', ownerAgency: { kind: '医療機関' }, due: '2026-12-01' });
  closeConference(doc, first);
  const second = scheduleConference(doc, { date: '2026-12-15', kind: '個別ケース検討' });
  startConference(doc, second, lead);
  setActionItemStatus(doc, late, '対応中', second);
  setActionItemStatus(doc, done, '完了', second);

  const meta: ConferenceRecordMeta = {
    id: 'r1',
    caseId: 'c1',
    conferenceId: second,
    kind: 'closed-conference',
    label: '2026-12-15 個別ケース検討',
    takenAt: '2026-12-15T06:00:00.000Z',
    takenBy: { userId: lead.userId, name: lead.name, agency: '地域包括支援センター' },
    contentHash: '0'.repeat(64),
  };
  const followUps = minutesOf('北地区 80代女性', meta, caseDocContent(doc)).今後の対応;
  expect(followUps.map((item) => [item.what, item.status])).toEqual([
    ['見守り訪問を週2回', '対応中（期限超過）'],
    ['配食サービスの調整', '未着手'],
    ['主治医へ連絡', '完了'],
  ]);
  expect(minutesMarkdown(minutesOf('北地区 80代女性', meta, caseDocContent(doc)))).toContain('| 見守り訪問を週2回 | 鈴木 | 社会福祉協議会 | 2026年12月10日（木） | 対応中（期限超過） |');
});
