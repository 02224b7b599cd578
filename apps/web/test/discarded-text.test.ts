import { addActionItem, appendParagraphs, appendSummaryParagraphs, closeConference, conferenceNotesFragment, scheduleConference, setActionItemProgress, startConference } from '@care/case-doc';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { textOnlyIn, writtenText } from '../src/collab/discarded-text.ts';

it('reads the summary and each conference’s 検討内容 as sections of lines', () => {
  const doc = new Y.Doc();
  appendSummaryParagraphs(doc, ['本人：80代女性']);
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  appendParagraphs(conferenceNotesFragment(doc, id), ['主治医より：服薬は朝1回']);
  expect(writtenText(doc)).toEqual([
    { where: 'ケース概要', lines: ['本人：80代女性'] },
    { where: '検討内容（2026-11-23 個別ケース検討）', lines: ['主治医より：服薬は朝1回'] },
  ]);
});

it('finds what the server’s copy lacks of this browser’s: the lines typed here and refused', () => {
  const server = new Y.Doc();
  appendSummaryParagraphs(server, ['本人：80代女性', '課題：服薬']);
  const id = scheduleConference(server, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(server, id, { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '地域包括支援センター' } }, Date.now());
  appendParagraphs(conferenceNotesFragment(server, id), ['同じ一文', '助言：服薬は朝1回']);
  const browser = new Y.Doc();
  Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
  closeConference(server, id, Date.now());
  // Typed here while offline, refused by the server once the conference had closed.
  appendParagraphs(conferenceNotesFragment(browser, id), ['同じ一文', '', '次回は12月に']);

  expect(textOnlyIn(writtenText(browser), writtenText(server))).toEqual([{ where: '検討内容（2026-11-23 個別ケース検討）', lines: ['同じ一文', '次回は12月に'] }]);
  expect(textOnlyIn(writtenText(server), writtenText(server))).toEqual([]);
});

it('finds the action items added here and the 経過 written here, as lines of their own', () => {
  const server = new Y.Doc();
  const id = scheduleConference(server, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(server, id, { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '地域包括支援センター' } }, Date.now());
  const agreed = addActionItem(server, id, { what: '主治医に受診状況を確認', ownerName: '山本', ownerAgency: { kind: '医療機関', other: '北病院' }, due: '2026-12-01' });
  const browser = new Y.Doc();
  Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
  // Typed here while offline; the server never got it.
  addActionItem(browser, id, { what: '見守り訪問', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2026-12-20' });
  setActionItemProgress(browser, agreed, '12/3 受診に同行');

  expect(textOnlyIn(writtenText(browser), writtenText(server))).toEqual([
    { where: '対応事項', lines: ['見守り訪問（鈴木・社会福祉協議会、2026-12-20まで）'] },
    { where: '経過：主治医に受診状況を確認', lines: ['12/3 受診に同行'] },
  ]);
});
