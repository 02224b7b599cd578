import { addActionItem, addAgendaItem, addAttendee, addRegionalIssue, appendParagraphs, assignRole, cancelConference, caseDocContent, closeConference, conferenceNotesFragment, editActionItem, joinConference, scheduleConference, setActionItemProgress, setActionItemStatus, startAgendaTimer, startConference, summaryFragment, type TextBlock } from '@care/case-doc';
import { agencyLabel, type ConferenceRecordMeta, NO_MINUTES_WITHOUT_CONFERENCE, type Participant } from '@care/schema';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { SERVER_TAKER } from '../src/records/closed-conference-recorder.ts';
import { type Minutes, minutesHtml, minutesMarkdown, minutesOf } from '../src/records/minutes.ts';

const lead = { userId: 'user-lead-0001', name: '田中', agency: { kind: '地域包括支援センター' as const } };

/** The record taken when a conference held on `date` closed, at `takenAt`, by `by`. */
const recordOf = (conferenceId: string, date: string, takenAt: string, by: Participant = lead): ConferenceRecordMeta => ({
  id: 'r1',
  caseId: 'c1',
  conferenceId,
  kind: 'closed-conference',
  label: `${date} 個別ケース検討`,
  takenAt,
  takenBy: { userId: by.userId, name: by.name, agency: agencyLabel(by.agency) },
  contentHash: '0'.repeat(64),
});

it('the minutes of a later conference mark an item still open after its due date as 期限超過, as of that conference', () => {
  const doc = new Y.Doc();
  const first = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, first, lead, Date.now());
  const late = addActionItem(doc, first, { what: '見守り訪問を週2回', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2026-12-10' });
  addActionItem(doc, first, { what: '配食サービスの調整', ownerName: '田中', ownerAgency: { kind: '地域包括支援センター' }, due: '2026-12-20' });
  const done = addActionItem(doc, first, { what: '主治医へ連絡', ownerName: '山本', ownerAgency: { kind: '医療機関' }, due: '2026-12-01' });
  closeConference(doc, first, Date.now());
  const second = scheduleConference(doc, { date: '2026-12-15', kind: '個別ケース検討' });
  startConference(doc, second, lead, Date.now());
  setActionItemStatus(doc, late, '対応中');
  setActionItemProgress(doc, late, '12/3 初回訪問');
  setActionItemStatus(doc, done, '完了');

  const meta = recordOf(second, '2026-12-15', '2026-12-15T06:00:00.000Z');
  const followUps = minutesOf('北地区 80代女性', meta, doc).今後の対応;
  expect(followUps.map((item) => [item.what, item.status])).toEqual([
    ['主治医へ連絡', '完了'], // by due date
    ['見守り訪問を週2回', '対応中（期限超過）'],
    ['配食サービスの調整', '未着手'],
  ]);
  expect(minutesMarkdown(minutesOf('北地区 80代女性', meta, doc))).toContain('| 見守り訪問を週2回 | 鈴木 | 社会福祉協議会 | 2026年12月10日（木） | 対応中（期限超過） | 12/3 初回訪問 |');
});

it("the minutes' 今後の対応 is one list in 期限 order, the earlier conferences' items and this one's together", () => {
  const doc = new Y.Doc();
  const first = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, first, lead, Date.now());
  const owner = { ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const } };
  addActionItem(doc, first, { what: '介護保険の更新申請', ...owner, due: '2027-01-31' });
  addActionItem(doc, first, { what: '見守り訪問', ...owner, due: '2026-12-15' });
  closeConference(doc, first, Date.now());
  const second = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
  startConference(doc, second, lead, Date.now());
  addActionItem(doc, second, { what: '配食サービスの調整', ...owner, due: '2026-12-25' });
  closeConference(doc, second, Date.now());

  const minutes = minutesOf('北地区 80代女性', recordOf(second, '2026-12-07', '2026-12-07T06:00:00.000Z'), doc);
  expect(minutes.今後の対応.map((item) => `${item.due} ${item.what}`)).toEqual([
    '2026年12月15日（火） 見守り訪問',
    '2026年12月25日（金） 配食サービスの調整',
    '2027年1月31日（日） 介護保険の更新申請',
  ]);
  const md = minutesMarkdown(minutes);
  expect(md.indexOf('| 見守り訪問 |')).toBeLessThan(md.indexOf('| 配食サービスの調整 |'));
  expect(md.indexOf('| 配食サービスの調整 |')).toBeLessThan(md.indexOf('| 介護保険の更新申請 |'));
});

it('the minutes of the next conference held report an item completed between conferences, not as decided there', () => {
  const doc = new Y.Doc();
  const first = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, first, lead, Date.now());
  const call = addActionItem(doc, first, { what: '家族へ連絡', ownerName: '田中', ownerAgency: { kind: '地域包括支援センター' }, due: '2026-11-30' });
  const visit = addActionItem(doc, first, { what: '見守り訪問', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2026-12-20' });
  closeConference(doc, first, Date.now());
  // Done on a Tuesday, with a planned conference on screen that is then called off.
  const calledOff = scheduleConference(doc, { date: '2026-12-01', kind: '個別ケース検討' });
  setActionItemStatus(doc, call, '完了');
  cancelConference(doc, calledOff);
  const next = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
  startConference(doc, next, lead, Date.now());
  setActionItemStatus(doc, visit, '対応中');
  closeConference(doc, next, Date.now());

  const minutes = minutesOf('北地区 80代女性', recordOf(next, '2026-12-07', '2026-12-07T06:00:00.000Z'), doc);
  expect(minutes.今後の対応.map((item) => [item.what, item.status])).toEqual([
    ['家族へ連絡', '完了'],
    ['見守り訪問', '対応中'],
  ]);
  expect(minutes.決定事項).toEqual(['前回までの対応事項「見守り訪問」を対応中とする']);
});

it("the minutes' 次回予定 says where the next conference is planned to be held, when a place was given", () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
  startConference(doc, id, lead, Date.now());
  closeConference(doc, id, Date.now());
  const meta = recordOf(id, '2026-12-07', '2026-12-07T06:00:00.000Z');
  expect(minutesOf('北地区 80代女性', meta, doc).次回予定).toBe('未定');
  const next = scheduleConference(doc, { date: '2027-02-10', kind: '個別ケース検討' });
  expect(minutesOf('北地区 80代女性', meta, doc).次回予定).toBe('2027年2月10日（水） 個別ケース検討');

  cancelConference(doc, next);
  scheduleConference(doc, { date: '2027-02-10', kind: '個別ケース検討', place: '市役所 第3会議室' });
  const minutes = minutesOf('北地区 80代女性', meta, doc);
  expect(minutes.次回予定).toBe('2027年2月10日（水） 個別ケース検討（市役所 第3会議室）');
  expect(minutesMarkdown(minutes)).toContain('## 次回予定\n\n2027年2月10日（水） 個別ケース検討（市役所 第3会議室）');
  expect(minutesHtml('議事録', [minutes])).toContain('<h2>次回予定</h2>\n<p>2027年2月10日（水） 個別ケース検討（市役所 第3会議室）</p>');
});

it('the minutes keep every version of the fields written by two people who had not seen each other’s', () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, lead, Date.now());
  const input = { what: '見守り訪問を週2回', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };
  const item = addActionItem(doc, id, input);
  const offline = new Y.Doc();
  Y.applyUpdate(offline, Y.encodeStateAsUpdate(doc));
  setActionItemProgress(offline, item, '12/3 電話で確認');
  editActionItem(offline, item, input, { ...input, what: '見守り訪問を週3回', due: '2026-12-24' });
  setActionItemProgress(doc, item, '12/4 初回訪問');
  editActionItem(doc, item, input, { ...input, what: '見守り訪問を毎日', due: '2026-12-17', ownerName: '田中', ownerAgency: { kind: '地域包括支援センター' } });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline));
  closeConference(doc, id, Date.now());

  const minutes = minutesOf('北地区 80代女性', recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z'), doc);
  const [row] = minutes.今後の対応;
  expect(row!.progress.split(' ／ ').sort()).toEqual(['12/3 電話で確認', '12/4 初回訪問']);
  expect(row!.what.split(' ／ ').sort()).toEqual(['見守り訪問を毎日', '見守り訪問を週3回']);
  expect(row!.due).toBe('2026年12月17日（木） ／ 2026年12月24日（木）'); // the earliest first
  expect([row!.owner, row!.agency]).toEqual(['田中', '地域包括支援センター']); // the one 担当者 written: no conflict
  expect(minutes.決定事項).toEqual([`${row!.what}（担当：田中・地域包括支援センター、期限：${row!.due}）`]);
});

it('the minutes list the roles 司会 first, in the order of CONFERENCE_ROLES, whatever order they were handed out in', () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  const sato = { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '社会福祉協議会' as const } };
  const yamamoto = { userId: 'user-yamamoto1', name: '山本', agency: { kind: '医療機関' as const } };
  const suzuki = { userId: 'user-suzuki-01', name: '鈴木', agency: { kind: '民生委員' as const } };
  startConference(doc, id, lead, Date.now()); // 田中 is 司会 first …
  for (const person of [sato, yamamoto, suzuki]) joinConference(doc, id, person); // 鈴木 is handed no role
  assignRole(doc, id, yamamoto.userId, { role: '助言者', profession: '薬剤師' });
  assignRole(doc, id, sato.userId, { role: '記録' });
  assignRole(doc, id, lead.userId, { role: '参加者' }); // … then hands it over to 佐藤, who was 記録
  assignRole(doc, id, sato.userId, { role: '司会' });
  closeConference(doc, id, Date.now());
  const meta = recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z', sato);
  const roles = minutesOf('北地区 80代女性', meta, doc).役割;
  expect(roles.map(({ role, name }) => `${role} ${name}`)).toEqual(['司会 佐藤', '助言者 山本', '参加者 田中', '参加者 鈴木']);
  expect(roles.find((r) => r.name === '山本')?.profession).toBe('薬剤師');
});

it("the minutes' 出典 names who took the record once, a person or the server", () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, lead, Date.now());
  closeConference(doc, id, Date.now());
  const source = (takenBy: ConferenceRecordMeta['takenBy']) =>
    minutesOf('北地区 80代女性', { ...recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z'), takenBy }, doc).出典;
  expect(source({ userId: lead.userId, name: '田中', agency: '地域包括支援センター' })).toContain('記録者：田中（地域包括支援センター）、SHA-256');
  expect(source(SERVER_TAKER)).toContain('記録者：サーバー（終了後の再開時に記録）、SHA-256');
});

it("the minutes' 日時 gives the date and the clock times in Japan, each time with its own day when it falls on another", () => {
  const tokyo = (text: string) => Date.parse(`${text}+09:00`);
  const heldAt = (date: string, started: string, closed: string) => {
    const doc = new Y.Doc();
    const id = scheduleConference(doc, { date, kind: '個別ケース検討' });
    startConference(doc, id, lead, tokyo(started));
    closeConference(doc, id, tokyo(closed));
    return minutesOf('北地区 80代女性', recordOf(id, date, new Date(tokyo(closed)).toISOString()), doc).日時;
  };
  // 08:30 in Japan is 23:30 the day before in UTC: the day is Japan's, whatever the server's zone.
  expect(heldAt('2026-11-23', '2026-11-23T08:30', '2026-11-23T10:05')).toBe('2026年11月23日（月） 08:30〜10:05');
  // Closed only the next morning.
  expect(heldAt('2026-11-23', '2026-11-23T14:00', '2026-11-24T09:15')).toBe('2026年11月23日（月） 14:00〜2026年11月24日（火） 09:15');
  // Started on another day than its date (held late, or written up afterwards).
  expect(heldAt('2026-12-04', '2026-12-05T23:29', '2026-12-05T23:40')).toBe('2026年12月4日（金）（実施：2026年12月5日（土） 23:29〜23:40）');
});

it('the minutes list everyone present, saying for each account whether and when, in Japan, they confirmed 守秘義務, and the 地域課題 seen', () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, lead, Date.now()); // the starter joins without confirming …
  joinConference(doc, id, { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '社会福祉協議会' }, confidentialityConfirmedAt: Date.parse('2026-11-23T10:02:00+09:00') });
  // Confirmed on another day than the conference's (held, or written up, later): with its date.
  joinConference(doc, id, { userId: 'user-mori-0001', name: '森', agency: { kind: '民生委員' }, confidentialityConfirmedAt: Date.parse('2026-11-24T09:05:00+09:00') });
  addAttendee(doc, id, { name: '山田花子', affiliation: '本人' }); // present without an account
  addAttendee(doc, id, { name: '木下', affiliation: '○○訪問看護ステーション', confidentialityConfirmedAt: Date.parse('2026-11-23T10:04:00+09:00') });
  addRegionalIssue(doc, id, { text: '移動手段がなく買い物に困る高齢者が多い' });
  closeConference(doc, id, Date.now()); // … and never did
  const minutes = minutesOf('北地区 80代女性', recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z'), doc);
  expect(minutes.出席者.map((p) => `${p.name} ${p.confidentiality}`)).toEqual(['田中 未確認', '佐藤 確認済み（10:02）', '森 確認済み（2026/11/24 9:05）', '山田花子 —', '木下 確認済み（10:04・司会が確認）']);
  expect(minutesMarkdown(minutes)).toContain('| 山田花子 | 本人 |  | — |');
  expect(minutesMarkdown(minutes)).toContain('## 地域課題\n\n- 移動手段がなく買い物に困る高齢者が多い');
  expect(minutesMarkdown(minutes)).toContain('| 氏名 | 所属 | 職種 | 守秘義務 |');
  expect(minutesMarkdown(minutes)).toContain('| 佐藤 | 社会福祉協議会 |  | 確認済み（10:02） |');
});

it('the minutes give the agenda with each time box and the time each item took on the shared timer', () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, lead, 0);
  const [intro, questions] = [addAgendaItem(doc, id, { title: '事例紹介', minutes: 5 }), addAgendaItem(doc, id, { title: '質疑', minutes: 10 })];
  addAgendaItem(doc, id, { title: 'まとめ', minutes: 5 });
  startAgendaTimer(doc, id, intro, 0);
  startAgendaTimer(doc, id, questions, 6 * 60_000 + 10_000); // 事例紹介: 6:10
  closeConference(doc, id, 6 * 60_000 + 40_000); // 質疑: 0:30, まとめ never timed
  const minutes = minutesOf('北地区 80代女性', recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z'), doc);
  expect(minutes.議題).toEqual([
    { title: '事例紹介', planned: '5分', actual: '6分' },
    { title: '質疑', planned: '10分', actual: '1分未満' },
    { title: 'まとめ', planned: '5分', actual: '—' },
  ]);
  expect(minutesMarkdown(minutes)).toContain('## 議題\n\n| 議題 | 予定 | 実際 |\n| --- | --- | --- |\n| 事例紹介 | 5分 | 6分 |');
  // Nothing written is said so, not 「なし」: an earlier conference's discussion may be in 事例の概要.
  expect(minutesMarkdown(minutes)).toContain('## 事例の概要\n\n記載なし\n\n## 検討内容\n\n記載なし');
});

it('the minutes of a version saved after a conference was called off are those of the last one held; a version with none held has none', () => {
  const doc = new Y.Doc();
  const saved = (takenAt: string): ConferenceRecordMeta => ({ ...recordOf('', '', takenAt), conferenceId: null, kind: 'manual', label: '版' });
  const planned = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
  expect(() => minutesOf('北地区 80代女性', saved('2026-12-01T06:00:00.000Z'), doc)).toThrow(NO_MINUTES_WITHOUT_CONFERENCE);
  startConference(doc, planned, lead, Date.parse('2026-12-07T01:00:00.000Z'));
  appendParagraphs(conferenceNotesFragment(doc, planned), ['服薬は家族が管理する']);
  addActionItem(doc, planned, { what: '受診同行', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2026-12-20' });
  closeConference(doc, planned, Date.parse('2026-12-07T02:00:00.000Z'));
  cancelConference(doc, scheduleConference(doc, { date: '2027-01-11', kind: '個別ケース検討' }));

  const minutes = minutesOf('北地区 80代女性', saved('2027-01-12T06:00:00.000Z'), doc);
  expect(minutes.日時).toMatch(/^2026年12月7日（月）/);
  expect(minutes.検討内容).toEqual([paragraph('服薬は家族が管理する')]);
  expect(minutes.決定事項).toEqual(['受診同行（担当：鈴木・社会福祉協議会、期限：2026年12月20日（日））']);
});

const paragraph = (text: string): TextBlock => ({ kind: 'paragraph', lines: [[text]] });

it('the Markdown minutes show what was written and never run it: HTML, a link or an image in any field is backslash-escaped, Japanese and the layout unchanged', () => {
  const hostile = '<img src=x onerror=alert(1)> & <script>alert(2)</script> \\<b>';
  const escaped = '\\<img src=x onerror=alert(1)\\> \\& \\<script\\>alert(2)\\</script\\> \\\\\\<b\\>';
  const every = (text: string): Minutes => ({
    会議名: text,
    日時: '2026年11月23日（月） 10:00〜11:00',
    場所: text,
    出席者: [{ name: text, agency: '本人', confidentiality: '—' }],
    役割: [{ role: '司会', name: text }],
    議題: [{ title: text, planned: '5分', actual: '6分' }],
    事例の概要: [paragraph(text), paragraph('本人：80代女性、独居。')],
    検討内容: [paragraph(text)],
    決定事項: [text],
    地域課題: [text],
    今後の対応: [{ what: text, owner: '鈴木', agency: '社会福祉協議会', due: '2026年12月1日（火）', status: '未着手', progress: '' }],
    次回予定: text,
    出典: text,
  });
  const md = minutesMarkdown(every(hostile));
  // No tag a renderer would run: every < and > is escaped, and so is a backslash written before one.
  expect(md.replace(/\\\\/g, '').match(/(^|[^\\])[<>&]/gm)).toBeNull();
  expect(md).toContain(`# 議事録：${escaped}`);
  expect(md).toContain(`- 場所：${escaped}`);
  expect(md).toContain(`| ${escaped} | 本人 |  | — |`);
  expect(md).toContain(`## 事例の概要\n\n${escaped}\n\n本人：80代女性、独居。`);
  expect(md).toContain(`## 決定事項\n\n- ${escaped}`);
  expect(md).toContain(`## 次回予定\n\n${escaped}`);
  expect(md).toContain(`出典：${escaped}`);
  // Nor does a link (a javascript: one runs on a click) or an image (loaded from anywhere as the file is opened).
  const linked = minutesMarkdown(every('![写真](https://example.com/seen.png) [資料](javascript:alert(3))'));
  expect(linked).toContain('## 検討内容\n\n!\\[写真\\](https://example.com/seen.png) \\[資料\\](javascript:alert(3))');
  // Text without any of them reads exactly as before.
  const plain = minutesMarkdown(every('北地区（本人：80代）｜見守り'));
  expect(plain).toContain('# 議事録：北地区（本人：80代）｜見守り\n\n- 会議名：北地区（本人：80代）｜見守り\n- 日時：2026年11月23日（月） 10:00〜11:00');
  expect(plain).not.toContain('\\');
});

it("the minutes' 出席者 give a 職種 that only says the 所属 again once: a family member invited as 長女 reads 長女, not 「長女・長女」", () => {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, lead, Date.now());
  // A guest invited with 所属 「長女」, asked for a 職種 on joining, typed 長女 again.
  joinConference(doc, id, { userId: 'guest_daughter01', name: '山田', agency: { kind: 'その他', other: '長女' }, profession: '長女', confidentialityConfirmedAt: Date.now() });
  joinConference(doc, id, { userId: 'user-nurse-0001', name: '木村', agency: { kind: '医療機関', other: '北病院' }, profession: '看護師', confidentialityConfirmedAt: Date.now() });
  closeConference(doc, id, Date.now());
  const minutes = minutesOf('北地区 80代女性', recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z'), doc);
  const listed = (name: string) => minutes.出席者.find((p) => p.name === name);
  expect([listed('山田')?.agency, listed('山田')?.profession]).toEqual(['長女', undefined]);
  expect([listed('木村')?.agency, listed('木村')?.profession]).toEqual(['北病院', '看護師']);
  expect(minutesMarkdown(minutes)).toContain('| 山田 | 長女 |  |');
});

/** An element as Tiptap's editor stores it (y-prosemirror: one element per node, marks as attributes of its text). */
function node(name: string, children: (Y.XmlElement | Y.XmlText | string)[], attributes: Record<string, unknown> = {}): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  element.insert(0, children.map((child) => (typeof child === 'string' ? new Y.XmlText(child) : child)));
  return element;
}

/** A paragraph of runs, each plain or under the marks given (a link's as { link: { href } }). */
function marked(...runs: (string | [string, Record<string, object>])[]): Y.XmlElement {
  const text = new Y.XmlText();
  let at = 0;
  for (const run of runs) {
    const [insert, marks] = typeof run === 'string' ? [run, {}] : run;
    text.insert(at, insert, marks);
    at += insert.length;
  }
  return node('paragraph', [text]);
}

/** A conference whose summary and 検討内容 are structured as coordinators write them, with hostile text among them. */
function structuredMinutes(): Minutes {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, lead, Date.now());
  const item = (...children: Y.XmlElement[]) => node('listItem', children);
  const p = (text: string) => node('paragraph', [text]);
  summaryFragment(doc).insert(0, [
    node('heading', ['主訴'], { level: 2 }),
    node('bulletList', [item(p('夜間の不安')), item(p('服薬'), node('orderedList', [item(p('朝')), item(p('夕'))], { start: 1 }))]),
    node('heading', ['経過'], { level: 3 }),
    marked(['転倒あり', { bold: {} }], '、', ['夜間', { italic: {} }], '、', ['独居', { underline: {} }], '。本人より', ['「帰りたい」', { bold: {} }], 'と'),
    marked('資料：', ['手引き', { link: { href: 'https://example.com/a?b=1&c=2' } }], '、', ['ここ', { link: { href: 'javascript:alert(1)' }, bold: {} }]),
    p('<script>alert(2)</script> **太字でない** [x](javascript:y)'),
    p('# 見出しでない'),
    p('1. 番号でない'),
  ]);
  conferenceNotesFragment(doc, id).insert(0, [node('orderedList', [item(p('支援方針')), item(p('役割分担'))], { start: 3 })]);
  closeConference(doc, id, Date.now());
  return minutesOf('北地区 80代女性', recordOf(id, '2026-11-23', '2026-11-23T06:00:00.000Z'), doc);
}

it('the Markdown minutes keep the structure of the summary and 検討内容: headings, nested and numbered lists, marks, a link and its address; written text never runs', () => {
  const md = minutesMarkdown(structuredMinutes());
  expect(md).toContain(
    [
      '## 事例の概要',
      '### 主訴',
      '- 夜間の不安\n- 服薬\n  1. 朝\n  2. 夕',
      '#### 経過',
      '**転倒あり**、*夜間*、<u>独居</u>。本人より<strong>「帰りたい」</strong>と',
      // Only an http(s) address is made a link; a javascript: one is shown as text.
      '資料：手引き（<https://example.com/a?b=1&c=2>）、**ここ**（javascript:alert(1)）',
      '\\<script\\>alert(2)\\</script\\> \\*\\*太字でない\\*\\* \\[x\\](javascript:y)',
      '\\# 見出しでない',
      '1\\. 番号でない',
      '## 検討内容',
      '3. 支援方針\n4. 役割分担',
      '## 決定事項',
    ].join('\n\n'),
  );
  expect(md).not.toMatch(/(^|[^\\])\]\(javascript|<javascript/m);
});

it('the printed minutes keep the structure of the summary and 検討内容: headings, nested and numbered lists, marks, a link and its address; written text never runs', () => {
  const html = minutesHtml('議事録', [structuredMinutes()]);
  expect(html).toContain(
    [
      '<h2>事例の概要</h2>',
      '<div class="summary"><h3>主訴</h3>',
      '<ul><li><p>夜間の不安</p></li><li><p>服薬</p>\n<ol start="1"><li><p>朝</p></li><li><p>夕</p></li></ol></li></ul>',
      '<h4>経過</h4>',
      '<p><strong>転倒あり</strong>、<em>夜間</em>、<u>独居</u>。本人より<strong>「帰りたい」</strong>と</p>',
      '<p>資料：手引き（<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>）、<strong>ここ</strong>（javascript:alert(1)）</p>',
      '<p>&lt;script&gt;alert(2)&lt;/script&gt; **太字でない** [x](javascript:y)</p>',
      '<p># 見出しでない</p>',
      '<p>1. 番号でない</p></div>',
      '<h2>検討内容</h2>',
      '<div class="summary"><ol start="3"><li><p>支援方針</p></li><li><p>役割分担</p></li></ol></div>',
    ].join('\n'),
  );
  expect(html).not.toMatch(/href="javascript|<script/);
});

it('the minutes name, under 決定事項, each change the review made to an item agreed before: its 担当者, 期限 and 内容, from what the previous record held', () => {
  const doc = new Y.Doc();
  const first = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, first, lead, Date.now());
  const visit = { what: '見守り訪問', ownerName: '田中', ownerAgency: { kind: '居宅介護支援事業所' as const }, due: '2026-12-20' };
  const meals = { what: '配食サービスの調整', ownerName: '山本', ownerAgency: { kind: '医療機関' as const, other: '北病院' }, due: '2026-12-25' };
  const untouched = { what: '主治医へ連絡', ownerName: '山本', ownerAgency: { kind: '医療機関' as const }, due: '2026-12-30' };
  const [visitId, mealsId] = [visit, meals, untouched].map((input) => addActionItem(doc, first, input));
  closeConference(doc, first, Date.now());
  const previousRecord = caseDocContent(doc).actionItems;
  const second = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
  startConference(doc, second, lead, Date.now());
  editActionItem(doc, visitId!, visit, { ...visit, ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2027-01-31' });
  setActionItemStatus(doc, visitId!, '対応中');
  editActionItem(doc, mealsId!, meals, { ...meals, what: '配食サービスを週5日に', due: '2026-12-18' });
  closeConference(doc, second, Date.now());

  const minutes = minutesOf('北地区 80代女性', recordOf(second, '2026-12-07', '2026-12-07T06:00:00.000Z'), doc, previousRecord);
  // Each item's changes, then its 状況 if settled there.
  expect(minutes.決定事項.toSorted()).toEqual([
    '前回までの対応事項「見守り訪問」の担当を田中・居宅介護支援事業所から鈴木・社会福祉協議会に変更、期限を2026年12月20日（日）から2027年1月31日（日）に延長する',
    '前回までの対応事項「見守り訪問」を対応中とする',
    '前回までの対応事項「配食サービスの調整」の内容を「配食サービスを週5日に」に変更、期限を2026年12月25日（金）から2026年12月18日（金）に変更する',
  ].toSorted());
  const visitLines = minutes.決定事項.filter((line) => line.includes('「見守り訪問」'));
  expect(minutes.決定事項.indexOf(visitLines[1]!)).toBe(minutes.決定事項.indexOf(visitLines[0]!) + 1);
  expect(minutesMarkdown(minutes)).toContain('\n- 前回までの対応事項「見守り訪問」の担当を田中・居宅介護支援事業所から鈴木・社会福祉協議会に変更、');
  expect(minutesHtml('議事録', [minutes])).toContain('<li>前回までの対応事項「配食サービスの調整」の内容を「配食サービスを週5日に」に変更、');
  // Without the previous record (the first conference's, or one still being taken) no change can be named.
  expect(minutesOf('北地区 80代女性', recordOf(second, '2026-12-07', '2026-12-07T06:00:00.000Z'), doc).決定事項).toEqual(['前回までの対応事項「見守り訪問」を対応中とする']);
});
