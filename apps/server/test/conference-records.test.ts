import {
  addActionItem,
  appendParagraphs,
  cancelConference,
  appendSummaryParagraphs,
  assignRole,
  caseDocContent,
  closeConference,
  conferenceNotesFragment,
  docFromState,
  editActionItem,
  joinConference,
  readConferences,
  RefusalReason,
  scheduleConference,
  setActionItemStatus,
  startConference,
  textLines,
} from '@care/case-doc';
import { ApiError, AuditList, AuditSearch, ConferenceRecordList, ConferenceRecordMeta, dayInJapan, describeAuditSubject, describeFieldChange, japanMidnight, type Participant, RecordDiff, type RecordContent, RestoreResult, Timeline, timeInJapan } from '@care/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  adminOf,
  caseMember,
  connectClient,
  createCase,
  eventually,
  type LogLine,
  refuseNewRows,
  removeDir,
  type RunningServer,
  sendTypedBefore,
  serverHandledAllSent,
  startServer,
  type TestClient,
  type TestSession,
} from './harness.ts';
import { SERVER_TAKER } from '../src/records/closed-conference-recorder.ts';
import { call, getRecord, saveVersion, takenBy } from './records-api.ts';
import { createTestSchema, probePostgres, probeRedis, serverEngines, TEST_REDIS_URL, testRedisPrefix, warnSkipped } from './services.ts';

/** The two staff members of every test here, members of its case (see meet). */
let facilitator: TestSession;
let advisor: TestSession;
async function meet(server: RunningServer, caseId: string) {
  facilitator = await caseMember(server, caseId, { name: '田中', agency: '地域包括支援センター' });
  advisor = await caseMember(server, caseId, { name: '山本', agency: '医療機関' });
}
const asParticipant = (who: TestSession, agency: Participant['agency'], profession?: string): Participant => ({
  userId: who.userId,
  name: who.name,
  agency,
  ...(profession ? { profession } : {}),
});

/** A live conference run from the facilitator's client: two participants, roles, a summary and an action item. */
function runConference(facilitatorDoc: Y.Doc, advisorDoc: Y.Doc, date = '2026-11-23') {
  const conferenceId = scheduleConference(facilitatorDoc, { date, kind: '個別ケース検討', place: '市役所 第2会議室' });
  startConference(facilitatorDoc, conferenceId, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.now());
  assignRole(facilitatorDoc, conferenceId, advisor.userId, { role: '助言者', profession: '薬剤師' });
  appendSummaryParagraphs(facilitatorDoc, ['本人：80代女性、独居。', '課題：服薬管理が難しい。']);
  addActionItem(facilitatorDoc, conferenceId, {
    what: '服薬カレンダーを導入する',
    ownerName: '山本',
    ownerAgency: { kind: '医療機関' },
    due: '2026-12-01',
  });
  return conferenceId;
}

/** Participants are a map by user id, so each doc lists them in the order it heard of them. */
const inStableOrder = (content: RecordContent) => ({
  ...content,
  conferences: content.conferences.map((c) => ({ ...c, participants: c.participants.toSorted((a, b) => a.userId.localeCompare(b.userId)) })),
});

const records = (server: RunningServer, caseId: string) => call(server, ConferenceRecordList, `/api/cases/${caseId}/records`).then((list) => list.records);
const storedCount = async (server: RunningServer, caseId: string) => (await server.store.loadUpdates(caseId)).length;

/** Words of 検討内容 the adviser typed before the facilitator's close reached their browser (held then as `unaware`). */
function typedBeforeTheClose(adviser: TestClient, unaware: Y.Doc, conferenceId: string, text: string) {
  sendTypedBefore(adviser, unaware, (doc) => appendParagraphs(conferenceNotesFragment(doc, conferenceId), [text]));
}
const notesOf = (doc: Y.Doc, conferenceId: string) => textLines(conferenceNotesFragment(doc, conferenceId));

const engines = await serverEngines('the order of records by their conferences’ dates');

describe('records of closed conferences', () => {
  let server: RunningServer;
  const clients: TestClient[] = [];
  /** What removes the data of a test's engine (a PostgreSQL schema), once its server has stopped. */
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await server.stop();
    removeDir(server.dataDir);
    await Promise.all(drops.splice(0).map((drop) => drop()));
  });
  async function open(caseId: string, who: TestSession) {
    const client = await connectClient(server, caseId, who);
    clients.push(client);
    return client;
  }
  /** A new server and case, both staff members in it with a client each, and a conference run from the facilitator's. */
  async function liveConference(title?: string, { date, env, logTo }: { date?: string; env?: Record<string, string>; logTo?: LogLine[] } = {}) {
    server = await startServer({ env, logTo });
    const caseId = await createCase(server, title);
    await meet(server, caseId);
    const [lead, adviser] = [await open(caseId, facilitator), await open(caseId, advisor)];
    return { caseId, lead, adviser, conferenceId: runConference(lead.doc, adviser.doc, date) };
  }

  it('closing a conference stores the doc exactly as it was at close, once, taken by who closed it; later edits do not change it', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference('北地区 80代女性');
    await eventually(() => expect(readConferences(adviser.doc).value[0]?.roles[advisor.userId]).toBeDefined());
    joinConference(adviser.doc, conferenceId, asParticipant(advisor, { kind: '医療機関' }, '薬剤師'));
    await eventually(() => expect(readConferences(lead.doc).value[0]!.participants).toHaveLength(2));
    expect(await records(server, caseId)).toEqual([]);

    closeConference(lead.doc, conferenceId, Date.now());
    const atClose = caseDocContent(lead.doc);
    const snapshotAtClose = Y.snapshot(lead.doc);
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1));
    const [meta] = await records(server, caseId);
    expect(meta).toMatchObject({ kind: 'closed-conference', conferenceId, label: '2026-11-23 個別ケース検討', takenBy: takenBy(facilitator) });

    // Later edits go on in the live doc: the next conference's summary, an item finished.
    const stored = await storedCount(server, caseId);
    appendSummaryParagraphs(adviser.doc, ['次回に向けた追記']);
    setActionItemStatus(lead.doc, atClose.actionItems[0]!.id, '完了');
    await eventually(async () => expect(await storedCount(server, caseId)).toBe(stored + 2));

    const record = await getRecord(server, caseId, meta!.id);
    // The very same Yjs state (same items, same deletions) as the closer's doc at the moment of closing.
    expect(Y.equalSnapshots(Y.snapshot(docFromState(Buffer.from(record.state, 'base64'))), snapshotAtClose)).toBe(true);
    expect(inStableOrder(record.content)).toEqual(inStableOrder(atClose));
    expect(record.content.conferences[0]).toMatchObject({ status: 'closed', participants: expect.arrayContaining([expect.objectContaining({ name: '山本' })]) });
    expect(record.content.actionItems[0]!.status).toBe('未着手');
    expect(record.hashVerified).toBe(true);
    expect(await records(server, caseId)).toHaveLength(1);
  });

  it('records a conference closed right after a restart, in a case opened from its compacted snapshot', async () => {
    const { caseId, adviser, conferenceId } = await liveConference('再起動後の会議');
    const first = server;
    // Everything the facilitator wrote (the action item is last) has reached the server and the adviser.
    await eventually(() => expect(caseDocContent(adviser.doc).actionItems).toHaveLength(1));
    clients.splice(0).forEach((client) => client.destroy());
    await first.stop(); // compacts: the case is one snapshot, which the next process serves before applying it

    server = await startServer({ dataDir: first.dataDir });
    expect(await storedCount(server, caseId)).toBe(1);
    const reopened = await open(caseId, facilitator);
    expect(readConferences(reopened.doc).value[0]).toMatchObject({ id: conferenceId, status: 'live' });
    closeConference(reopened.doc, conferenceId, Date.now());
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1));
    expect((await records(server, caseId))[0]).toMatchObject({ conferenceId, takenBy: takenBy(facilitator) });
  });

  it('takes the last words of 検討内容 typed before the close reached their writer into the conference and its record; nothing written after the close', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference('閉会間際', { env: { CLOSING_GRACE_MS: '1500' } });
    appendParagraphs(conferenceNotesFragment(adviser.doc, conferenceId), ['助言：服薬は朝1回に']);
    await eventually(() => expect(notesOf(lead.doc, conferenceId)).toEqual(['助言：服薬は朝1回に']));
    const unaware = docFromState(Y.encodeStateAsUpdate(adviser.doc));

    closeConference(lead.doc, conferenceId, Date.now());
    await eventually(() => expect(readConferences(adviser.doc).value[0]?.status).toBe('closed'));
    typedBeforeTheClose(adviser, unaware, conferenceId, '次回は12月に');
    appendSummaryParagraphs(lead.doc, ['閉会後の追記']); // after the close: not part of its record
    await eventually(() => expect(notesOf(lead.doc, conferenceId)).toEqual(['助言：服薬は朝1回に', '次回は12月に']));
    expect(adviser.denials).toEqual([]);
    // The record waits for such last words; the list says it is being taken.
    const label = '2026-11-23 個別ケース検討';
    expect(await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`)).toEqual({ records: [], beingTaken: [{ conferenceId, label }] });

    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1), 10_000);
    const [meta] = await records(server, caseId);
    expect((await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`)).beingTaken).toEqual([]);
    expect(meta).toMatchObject({ conferenceId, kind: 'closed-conference', takenBy: takenBy(facilitator) });
    const record = await getRecord(server, caseId, meta!.id);
    expect(record.content.conferences[0]).toMatchObject({ status: 'closed', notes: ['助言：服薬は朝1回に', '次回は12月に'] });
    expect(record.content.summary).toEqual(['本人：80代女性、独居。', '課題：服薬管理が難しい。']);
    expect(record.hashVerified).toBe(true);

    // Once that moment has passed, a closed conference's 検討内容 is refused as before.
    typedBeforeTheClose(adviser, unaware, conferenceId, 'ずっと後から');
    await eventually(() => expect(adviser.denials).toEqual([RefusalReason.closed]));
    expect(notesOf(lead.doc, conferenceId)).not.toContain('ずっと後から');
  });

  it('keeps an item agreed at the conference in its record when, just after the close, its writer writes elsewhere and then edits it', async () => {
    const { caseId, lead, conferenceId } = await liveConference('閉会後の編集', { env: { CLOSING_GRACE_MS: '1500' } });
    closeConference(lead.doc, conferenceId, Date.now());
    const [agreed] = caseDocContent(lead.doc).actionItems;
    // Within the wait for last words, the 司会 plans the next conference, then moves the item's 期限.
    scheduleConference(lead.doc, { date: '2026-12-04', kind: '個別ケース検討' });
    const input = { what: agreed!.what, ownerName: agreed!.ownerName, ownerAgency: agreed!.ownerAgency, due: agreed!.due };
    editActionItem(lead.doc, agreed!.id, input, { ...input, due: '2027-01-31' });

    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1), 10_000);
    const record = await getRecord(server, caseId, (await records(server, caseId))[0]!.id);
    // The edit came after something written since the close, which the record leaves out: it cannot
    // be taken without it, so the item is as at the close, not lost.
    expect(record.content.actionItems).toEqual([expect.objectContaining({ id: agreed!.id, what: '服薬カレンダーを導入する', due: '2026-12-01' })]);
    expect(record.content.conferences).toHaveLength(1);
  });

  it('takes a record still waiting for last words when the server shuts down, with what arrived by then', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference('閉会直後の停止', { env: { CLOSING_GRACE_MS: '30000' } });
    const unaware = docFromState(Y.encodeStateAsUpdate(adviser.doc));
    closeConference(lead.doc, conferenceId, Date.now());
    await eventually(() => expect(readConferences(adviser.doc).value[0]?.status).toBe('closed'));
    typedBeforeTheClose(adviser, unaware, conferenceId, '最後の一文');
    await eventually(() => expect(notesOf(lead.doc, conferenceId)).toEqual(['最後の一文']));
    expect(await records(server, caseId)).toEqual([]);

    clients.splice(0).forEach((client) => client.destroy());
    const first = server;
    await first.stop();
    server = await startServer({ dataDir: first.dataDir });
    const [meta] = await records(server, caseId);
    expect(meta).toMatchObject({ conferenceId, takenBy: takenBy(facilitator) });
    expect((await getRecord(server, caseId, meta!.id)).content.conferences[0]!.notes).toEqual(['最後の一文']);
  });

  it('stores a record the database refused once it can, as it was at the close, listed as being taken meanwhile', async () => {
    const logs: LogLine[] = [];
    const { caseId, lead, adviser, conferenceId } = await liveConference('記録の保存に失敗', { logTo: logs });
    await eventually(() => expect(caseDocContent(adviser.doc).actionItems).toHaveLength(1));
    const database = await refuseNewRows(server, 'conference_records');
    closeConference(lead.doc, conferenceId, Date.now());
    const atClose = caseDocContent(lead.doc);
    await eventually(() => expect(logs.filter((line) => line.level === 50 && line.err?.message.includes('conference_records is unavailable'))).toHaveLength(2), 10_000);
    appendSummaryParagraphs(adviser.doc, ['閉会後の追記']); // after the close: not part of its record
    expect(await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`)).toEqual({ records: [], beingTaken: [{ conferenceId, label: '2026-11-23 個別ケース検討' }] });

    await database.allow();
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1), 10_000);
    const [meta] = await records(server, caseId);
    expect(meta).toMatchObject({ conferenceId, kind: 'closed-conference', takenBy: takenBy(facilitator) });
    const record = await getRecord(server, caseId, meta!.id);
    expect(inStableOrder(record.content)).toEqual(inStableOrder(atClose));
  });

  it('records a conference found closed without a record (its closer’s process stopped first) when the case is next read, taken by the server', async () => {
    server = await startServer();
    const caseId = await createCase(server, '記録のない終了');
    await meet(server, caseId);
    // What a process stored before it was killed, between the close and its record.
    const stored = new Y.Doc();
    const conferenceId = scheduleConference(stored, { date: '2026-11-23', kind: '個別ケース検討' });
    startConference(stored, conferenceId, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.now());
    appendParagraphs(conferenceNotesFragment(stored, conferenceId), ['検討した内容']);
    closeConference(stored, conferenceId, Date.now());
    await server.store.appendUpdate(caseId, Y.encodeStateAsUpdate(stored));
    expect(await records(server, caseId)).toEqual([]);

    // A browser that was there comes back with its copy (the case is read then; see CaseRoom.doc).
    clients.push(await connectClient(server, caseId, advisor, docFromState(Y.encodeStateAsUpdate(stored))));
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1));
    const [meta] = await records(server, caseId);
    expect(meta).toMatchObject({ conferenceId, kind: 'closed-conference', label: '2026-11-23 個別ケース検討', takenBy: SERVER_TAKER });
    expect((await getRecord(server, caseId, meta!.id)).content.conferences[0]!.notes).toEqual(['検討した内容']);
  });

  it('exports the minutes (議事録) with participants, roles and action items, as HTML and Markdown, and audits each export', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference('北地区 80代女性');
    scheduleConference(lead.doc, { date: '2026-12-21', kind: '個別ケース検討' });
    appendSummaryParagraphs(lead.doc, ['<script>alert(1)</script> & 確認']);
    appendParagraphs(conferenceNotesFragment(adviser.doc, conferenceId), ['山本：服薬は朝1回にまとめられる', '<b>太字</b>']);
    await eventually(() => expect(readConferences(adviser.doc).value).toHaveLength(2));
    await eventually(() => expect(textLines(conferenceNotesFragment(lead.doc, conferenceId))).toHaveLength(2));
    joinConference(adviser.doc, conferenceId, asParticipant(advisor, { kind: '医療機関' }, '薬剤師'));
    await eventually(() => expect(readConferences(lead.doc).value[0]!.participants).toHaveLength(2));
    closeConference(lead.doc, conferenceId, Date.now());
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1));
    const [meta] = await records(server, caseId);

    const minutes = async (format: string, who?: TestSession) => {
      const path = `/api/cases/${caseId}/records/${meta!.id}/minutes?format=${format}`;
      return who ? who.request('GET', path) : fetch(`${server.httpUrl}${path}`);
    };
    const markdown = await minutes('md', facilitator);
    expect(markdown.headers.get('content-type')).toContain('text/markdown');
    const md = await markdown.text();
    for (const heading of ['会議名', '日時', '場所', '出席者と所属', '役割', '議題', '事例の概要', '検討内容', '決定事項', '役割分担／今後の対応', '次回予定']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('- 会議名：個別ケース検討（北地区 80代女性）');
    expect(md).toContain('- 日時：2026年11月23日（月）');
    expect(md).toContain('- 場所：市役所 第2会議室');
    expect(md).toContain('| 田中 | 地域包括支援センター |  |');
    expect(md).toContain('| 山本 | 医療機関 | 薬剤師 |');
    expect(md).toContain('| 司会 | 田中 |');
    expect(md).toContain('| 助言者 | 山本（薬剤師） |');
    expect(md).toContain('## 事例の概要\n\n本人：80代女性、独居。\n\n課題：服薬管理が難しい。');
    expect(md).toContain('## 検討内容\n\n山本：服薬は朝1回にまとめられる\n\n\\<b\\>太字\\</b\\>');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\& 確認');
    expect(md).toContain('- 服薬カレンダーを導入する（担当：山本・医療機関、期限：2026年12月1日（火））');
    expect(md).toContain('| 服薬カレンダーを導入する | 山本 | 医療機関 | 2026年12月1日（火） | 未着手 |');
    expect(md).toContain('## 次回予定\n\n2026年12月21日（月） 個別ケース検討');
    expect(md).toContain(meta!.contentHash);

    const html = await (await minutes('html', facilitator)).text();
    expect(html).toContain('<h2>出席者と所属</h2>');
    expect(html).toContain('<td>山本</td><td>医療機関</td><td>薬剤師</td>');
    expect(html).toContain('<td>助言者</td><td>山本（薬剤師）</td>');
    expect(html).toContain('<td>服薬カレンダーを導入する</td><td>山本</td>');
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 確認</p>');
    expect(html).toContain('<h2>検討内容</h2>\n<div class="summary"><p>山本：服薬は朝1回にまとめられる</p>\n<p>&lt;b&gt;太字&lt;/b&gt;</p></div>');
    expect(html).not.toContain('<script');

    const exportsAudited = async () =>
      (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries.filter((e) => e.action === 'export').map((e) => [e.actorId, e.subject && describeAuditSubject(e.subject)]);
    // Each names what left the server: which record's minutes, in which format (newest first).
    expect(await exportsAudited()).toEqual([
      [facilitator.userId, `議事録「${meta!.label}」（印刷用HTML）`],
      [facilitator.userId, `議事録「${meta!.label}」（Markdown）`],
    ]);
    // No one exports anonymously, and a refused export is not one.
    expect((await minutes('md')).status).toBe(401);
    expect((await minutes('pdf', facilitator)).status).toBe(400);
    expect(await exportsAudited()).toHaveLength(2);
  });

  it('exports the minutes of every closed conference of the case in one document, oldest first, without saved versions, and audits it', async () => {
    const { caseId, lead, conferenceId } = await liveConference('北地区 80代女性');
    const all = (format: string) => facilitator.request('GET', `/api/cases/${caseId}/minutes?format=${format}`);
    const none = await all('html');
    expect(none.status).toBe(404);
    expect(((await none.json()) as ApiError).message).toBe('このケースには終了した会議の記録がありません');
    await call(server, ConferenceRecordMeta, `/api/cases/${caseId}/records`, { method: 'POST', body: { label: '助言前の版' }, as: facilitator });
    closeConference(lead.doc, conferenceId, Date.now());
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(2));
    const second = scheduleConference(lead.doc, { date: '2026-12-04', kind: '支援会議' });
    startConference(lead.doc, second, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.now());
    // Reviewed there, its 期限 extended: the minutes say so, as against the first conference's record.
    const [item] = caseDocContent(lead.doc).actionItems;
    const seen = { what: item!.what, ownerName: item!.ownerName, ownerAgency: item!.ownerAgency, due: item!.due };
    editActionItem(lead.doc, item!.id, seen, { ...seen, due: '2026-12-25' });
    closeConference(lead.doc, second, Date.now());
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(3));

    const page = await all('html');
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<title>議事録一式：北地区 80代女性</title>');
    expect(html.match(/<article>/g)).toHaveLength(2);
    expect(html.indexOf('2026年11月23日（月）')).toBeLessThan(html.indexOf('2026年12月4日（金）'));
    expect(html).toContain('支援会議（北地区 80代女性）');
    expect(html).not.toContain('助言前の版');
    const md = await (await all('md')).text();
    expect(md.match(/^# 議事録：/gm)).toHaveLength(2);
    expect(md).toContain('## 決定事項\n\n- 前回までの対応事項「服薬カレンダーを導入する」の期限を2026年12月1日（火）から2026年12月25日（金）に延長する\n');
    const exports = (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries.filter((e) => e.action === 'export');
    expect(exports.map((e) => e.actorId)).toEqual([facilitator.userId, facilitator.userId]);
    // Each names the records in it (the saved version is not), oldest first, and the format.
    const [first, latest] = (await records(server, caseId)).filter((r) => r.kind === 'closed-conference').map((r) => `「${r.label}」`);
    expect(exports.map((e) => e.subject && describeAuditSubject(e.subject))).toEqual([`議事録一式${first}${latest}（Markdown）`, `議事録一式${first}${latest}（印刷用HTML）`]);
  });

  it.each(engines)(
    'on $name, lists the records, 議事録一式 and the timeline by the conferences’ dates: one written up after a later one comes first, a version by the day it was saved',
    async ({ env }) => {
      const engine = await env();
      drops.push(engine.drop);
      const { caseId, lead, conferenceId } = await liveConference('北地区 80代女性', { date: '2024-12-03', env: engine.env });
      closeConference(lead.doc, conferenceId, Date.now());
      await eventually(async () => expect(await records(server, caseId)).toHaveLength(1));
      // An earlier conference, written up afterwards, with a version saved meanwhile (today, after both dates).
      const earlier = scheduleConference(lead.doc, { date: '2024-11-20', kind: '支援会議' });
      startConference(lead.doc, earlier, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.now());
      await saveVersion(server, caseId, '書き起こし中の版');
      closeConference(lead.doc, earlier, Date.now());
      await eventually(async () => expect(await records(server, caseId)).toHaveLength(3));

      expect((await records(server, caseId)).map((r) => r.label)).toEqual(['2024-11-20 支援会議', '2024-12-03 個別ケース検討', '書き起こし中の版']);
      const md = await (await facilitator.request('GET', `/api/cases/${caseId}/minutes?format=md`)).text();
      expect(md.match(/^# 議事録：.*/gm)).toEqual(['# 議事録：支援会議（北地区 80代女性）', '# 議事録：個別ケース検討（北地区 80代女性）']);

      // The timeline goes by the same days, newest first, and a day picked finds the conference held on it.
      const onTimeline = async (query: Record<string, string> = {}) =>
        (await call(server, Timeline, `/api/records?${new URLSearchParams(query)}`)).entries.filter((e) => e.caseId === caseId).map((e) => e.label);
      expect(await onTimeline()).toEqual(['書き起こし中の版', '2024-12-03 個別ケース検討', '2024-11-20 支援会議']);
      expect(await onTimeline({ from: japanMidnight('2024-11-20'), before: japanMidnight('2024-11-20', 1) })).toEqual(['2024-11-20 支援会議']);
      expect(await onTimeline({ before: japanMidnight('2024-12-04') })).toEqual(['2024-12-03 個別ケース検討', '2024-11-20 支援会議']);
      expect(await onTimeline({ from: japanMidnight('2024-12-04') })).toEqual(['書き起こし中の版']);
      // Each entry says the day it goes by (its conference's, a version's own), shown in place of when it was recorded.
      const days = (await call(server, Timeline, '/api/records')).entries.filter((e) => e.caseId === caseId).map((e) => [e.label, e.day]);
      expect(days).toEqual([['書き起こし中の版', dayInJapan()], ['2024-12-03 個別ケース検討', '2024-12-03'], ['2024-11-20 支援会議', '2024-11-20']]);
    },
  );

  it.each(engines)(
    'on $name, comparing the first conference with the third names the one held between, with its record, and items that fell overdue, each judged by its record’s conference date',
    async ({ env }) => {
      const engine = await env();
      drops.push(engine.drop);
      const { caseId, lead, conferenceId: first } = await liveConference(undefined, { date: '2026-11-02', env: engine.env });
      addActionItem(lead.doc, first, { what: '主治医に服薬状況を照会する', ownerName: '田中', ownerAgency: { kind: '地域包括支援センター' }, due: '2026-11-20' });
      const conferenceRecords = async () => (await records(server, caseId)).filter((record) => record.kind === 'closed-conference');
      const held = async (date: string, kind: '支援会議' | '個別ケース検討', count: number) => {
        const conferenceId = scheduleConference(lead.doc, { date, kind });
        startConference(lead.doc, conferenceId, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.now());
        appendParagraphs(conferenceNotesFragment(lead.doc, conferenceId), [`${date}の検討`]);
        closeConference(lead.doc, conferenceId, Date.now());
        await eventually(async () => expect(await conferenceRecords()).toHaveLength(count));
      };
      closeConference(lead.doc, first, Date.now());
      await eventually(async () => expect(await conferenceRecords()).toHaveLength(1));
      await held('2026-11-16', '支援会議', 2);
      // Planned between and called off: never held, so nothing of it is missing from the comparison.
      cancelConference(lead.doc, scheduleConference(lead.doc, { date: '2026-11-24', kind: '個別ケース検討' }));
      await held('2026-11-30', '個別ケース検討', 3);

      const [one, two, three] = await conferenceRecords();
      const diff = (from: string, to: string) => call(server, RecordDiff, `/api/cases/${caseId}/records/diff?from=${from}&to=${to}`);
      const overdueChanges = (compared: RecordDiff) => compared.actionItems.changed.map(({ item, changes }) => [item.what, changes.map(describeFieldChange)]);
      const skipping = await diff(one!.id, three!.id);
      expect(skipping.between).toEqual([{ conference: '2026-11-16 支援会議', recordId: two!.id }]);
      expect(skipping.asOf).toEqual({ from: '2026-11-02', to: '2026-11-30' });
      // Due 11-20, open at both: on time at the first conference, overdue at the third. The other item (due 12-01) is on time at both.
      expect(overdueChanges(skipping)).toEqual([['主治医に服薬状況を照会する', ['状況 未着手 → 未着手（期限超過）']]]);
      // The other way round, the same conference lies between.
      const back = await diff(three!.id, one!.id);
      expect(back.between).toEqual(skipping.between);
      expect(overdueChanges(back)).toEqual([['主治医に服薬状況を照会する', ['状況 未着手（期限超過） → 未着手']]]);
      // Next conferences have none between.
      expect((await diff(one!.id, two!.id)).between).toEqual([]);
      expect((await diff(two!.id, three!.id)).between).toEqual([]);
    },
  );

  it('restores only for someone who could make the edit: an observer of the live conference is refused and nothing changes', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference();
    await eventually(async () => expect(await storedCount(server, caseId)).toBeGreaterThanOrEqual(5));
    const version = await call(server, ConferenceRecordMeta, `/api/cases/${caseId}/records`, { method: 'POST', body: { label: '版' }, as: facilitator });
    appendSummaryParagraphs(lead.doc, ['追記']);
    assignRole(lead.doc, conferenceId, advisor.userId, { role: 'オブザーバー' });
    await eventually(() => expect(readConferences(adviser.doc).value[0]?.roles[advisor.userId]?.role).toBe('オブザーバー'));
    const stored = await storedCount(server, caseId);

    const refused = await call(server, ApiError, `/api/cases/${caseId}/records/${version.id}/restore`, { method: 'POST', as: advisor, status: 403 });
    expect(refused.message).toBe('オブザーバーは編集できません');
    expect(caseDocContent(lead.doc).summary).toContain('追記');
    expect(await storedCount(server, caseId)).toBe(stored);
    expect((await records(server, caseId)).map((r) => r.label)).toEqual(['版']);

    await call(server, RestoreResult, `/api/cases/${caseId}/records/${version.id}/restore`, { method: 'POST', as: facilitator });
    await eventually(() => expect(caseDocContent(adviser.doc).summary).not.toContain('追記'));
  });

  it('files records on the timeline under the agencies that took part in their conference', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference();
    await eventually(() => expect(readConferences(adviser.doc).value[0]?.roles[advisor.userId]).toBeDefined());
    joinConference(adviser.doc, conferenceId, asParticipant(advisor, { kind: '医療機関' }, '薬剤師'));
    await eventually(() => expect(readConferences(lead.doc).value[0]!.participants).toHaveLength(2));
    await eventually(async () => expect(await storedCount(server, caseId)).toBeGreaterThanOrEqual(6)); // every edit above is stored
    const saver = await caseMember(server, caseId, { name: '佐藤', agency: '社会福祉協議会' });
    await call(server, ConferenceRecordMeta, `/api/cases/${caseId}/records`, { method: 'POST', body: { label: '途中の版' }, as: saver });
    closeConference(lead.doc, conferenceId, Date.now());
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(2));

    const labels = async (agency: string) =>
      (await call(server, Timeline, `/api/records?agency=${encodeURIComponent(agency)}`)).entries.map((e) => e.label).sort();
    expect(await labels('医療機関')).toEqual(['2026-11-23 個別ケース検討', '途中の版']);
    expect(await labels('社会福祉協議会')).toEqual(['途中の版']);
    expect(await labels('地域包括支援センター')).toEqual(['2026-11-23 個別ケース検討', '途中の版']);
    expect(await labels('行政')).toEqual([]);
  });

  it('finds records by words of their 検討内容, summary or action items, for those who may read the case, with the line found, audited', async () => {
    const { caseId, lead, adviser, conferenceId } = await liveConference('北地区 80代女性');
    appendParagraphs(conferenceNotesFragment(adviser.doc, conferenceId), ['主治医より：ADLは自立。成年後見制度の利用を検討する']);
    await eventually(() => expect(textLines(conferenceNotesFragment(lead.doc, conferenceId))).toHaveLength(1));
    closeConference(lead.doc, conferenceId, Date.now());
    await eventually(async () => expect(await records(server, caseId)).toHaveLength(1));
    const other = await createCase(server, '南地区 70代男性');
    await call(server, ConferenceRecordMeta, `/api/cases/${other}/records`, { method: 'POST', body: { label: '別の版' }, as: await caseMember(server, other, { name: '佐藤', agency: '社会福祉協議会' }) });

    const search = async (keyword: string, as = facilitator, filters: Record<string, string> = {}) =>
      (await call(server, Timeline, `/api/records?${new URLSearchParams({ keyword, ...filters })}`, { as })).entries.map((e) => [e.label, e.excerpt]);
    const found = [['2026-11-23 個別ケース検討', '主治医より：ADLは自立。成年後見制度の利用を検討する']];
    expect(await search('成年後見')).toEqual(found);
    // Every word, anywhere in the record (here one in the action items); full-width or half-width alike.
    expect(await search('後見　服薬カレンダー')).toEqual(found);
    expect(await search('ａｄｌ')).toEqual(found);
    expect(await search('後見 転居')).toEqual([]);
    // The case's name finds its records too; no line of content is shown for it, so none is audited.
    expect(await search('北地区')).toEqual([['2026-11-23 個別ケース検討', undefined]]);
    expect(await search('北地区 成年後見')).toEqual(found);
    // Only cases one may read: someone of another case finds nothing of this one.
    expect(await search('成年後見', await caseMember(server, other, { name: '木村', agency: '行政' }))).toEqual([]);
    // With filters too: the trail names them as the timeline's filters read.
    const filters = { agency: '地域包括支援センター', from: japanMidnight('2026-11-01'), before: japanMidnight('2026-11-30', 1) };
    expect(await search(' 後見 ', facilitator, filters)).toEqual(found);
    // Words may name a person: the trail keeps them as asked, within the search's bound (a longer one is refused, and not recorded).
    await call(server, ApiError, `/api/records?${new URLSearchParams({ keyword: `成年後見${'あ'.repeat(37)}` })}`, { as: facilitator, status: 400 });
    const searched = (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries.filter((e) => e.action === 'search-records');
    expect(searched.map((e) => e.actorId)).toEqual(Array(5).fill(facilitator.userId));
    // Each row says what was searched for and which record's line it showed.
    const read = '記録「2026-11-23 個別ケース検討」';
    const described = [
      `${read}（キーワード「後見」、機関「地域包括支援センター」、2026-11-01〜2026-11-30）`,
      `${read}（キーワード「北地区 成年後見」）`,
      `${read}（キーワード「ａｄｌ」）`,
      `${read}（キーワード「後見　服薬カレンダー」）`,
      `${read}（キーワード「成年後見」）`,
    ];
    expect(searched.map((e) => e.subject && describeAuditSubject(e.subject))).toEqual(described);
    // The same words in the trail across cases and in its CSV file.
    const across = await call(server, AuditSearch, `/api/audit?action=search-records&actorId=${facilitator.userId}`);
    expect(across.entries.map((e) => e.subject && describeAuditSubject(e.subject))).toEqual(described);
    const file = await (await (await adminOf(server)).request('GET', `/api/audit/export?action=search-records&actorId=${facilitator.userId}`)).text();
    expect(file.trim().split('\r\n').slice(1).map((line) => described.find((subject) => line.includes(`"${subject}"`)))).toEqual(described);
    expect((await call(server, AuditList, `/api/cases/${other}/audit`)).entries.filter((e) => e.action === 'search-records')).toEqual([]);
  });

  it('labels the records of two conferences of one kind held on one day apart, by the time each started, as the case names them now', async () => {
    const { caseId, lead, conferenceId: first } = await liveConference(undefined, { date: '2026-12-07' });
    const startedFirst = readConferences(lead.doc).value.find((c) => c.id === first)!.startedAt!;
    closeConference(lead.doc, first, Date.now());
    const second = scheduleConference(lead.doc, { date: '2026-12-07', kind: '個別ケース検討' });
    startConference(lead.doc, second, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.parse('2026-12-07T15:10:00+09:00'));
    closeConference(lead.doc, second, Date.now());
    // The first was recorded before the second was planned, alone on its day then: named as the case names it now.
    const labels = [`2026-12-07 個別ケース検討 ${timeInJapan(startedFirst)}開始`, '2026-12-07 個別ケース検討 15:10開始'];
    await eventually(async () => expect((await records(server, caseId)).map((record) => record.label)).toEqual(labels));
    const [firstRecord] = await records(server, caseId);
    expect((await getRecord(server, caseId, firstRecord!.id)).label).toBe(labels[0]);
    const onTimeline = (await call(server, Timeline, '/api/records')).entries.filter((e) => e.caseId === caseId).map((e) => e.label);
    expect(onTimeline.sort()).toEqual(labels.toSorted());
  });

  it('diffs two conferences: summary lines, each one’s 検討内容 as it was, and action items added and closed', async () => {
    const { caseId, lead, conferenceId: first } = await liveConference(undefined, { date: '2026-11-01' });
    appendParagraphs(conferenceNotesFragment(lead.doc, first), ['服薬の管理方法を検討']);
    await serverHandledAllSent(lead);
    const during = await saveVersion(server, caseId, '助言の前');
    appendParagraphs(conferenceNotesFragment(lead.doc, first), ['助言：服薬カレンダー']);
    closeConference(lead.doc, first, Date.now());
    const conferenceRecords = async () => (await records(server, caseId)).filter((record) => record.kind === 'closed-conference');
    await eventually(async () => expect(await conferenceRecords()).toHaveLength(1));

    const second = scheduleConference(lead.doc, { date: '2026-12-01', kind: '個別ケース検討' });
    startConference(lead.doc, second, asParticipant(facilitator, { kind: '地域包括支援センター' }), Date.now());
    const [item] = caseDocContent(lead.doc).actionItems;
    setActionItemStatus(lead.doc, item!.id, '完了');
    appendSummaryParagraphs(lead.doc, ['経過：服薬は安定。']);
    appendParagraphs(conferenceNotesFragment(lead.doc, second), ['服薬の管理方法を検討', '見守りの頻度を確認']);
    addActionItem(lead.doc, second, { what: '見守り訪問を月1回', ownerName: '民生委員A', ownerAgency: { kind: '民生委員' }, due: '2027-01-10' });
    closeConference(lead.doc, second, Date.now());
    await eventually(async () => expect(await conferenceRecords()).toHaveLength(2));

    const [from, to] = await conferenceRecords();
    const diff = await call(server, RecordDiff, `/api/cases/${caseId}/records/diff?from=${from!.id}&to=${to!.id}`);
    expect(diff.summary.filter((line) => line.op !== 'equal')).toEqual([{ op: 'added', text: '経過：服薬は安定。' }]);
    // The second conference's discussion does not take away the first's: each is shown as it was.
    expect(diff.notes).toEqual({
      kind: 'two-conferences',
      from: { conference: '2026-11-01 個別ケース検討', lines: ['服薬の管理方法を検討', '助言：服薬カレンダー'] },
      to: { conference: '2026-12-01 個別ケース検討', lines: ['服薬の管理方法を検討', '見守りの頻度を確認'] },
    });
    expect(diff.actionItems.added.map((i) => i.what)).toEqual(['見守り訪問を月1回']);
    expect(diff.actionItems.closed.map((i) => [i.what, i.status])).toEqual([['服薬カレンダーを導入する', '完了']]);
    expect(diff.actionItems.changed).toEqual([]); // closing is reported as closed, not again as a change
    expect(diff.actionItems.removed).toEqual([]);

    // A version saved during the first conference against its record at the close: what was added to it meanwhile.
    const within = await call(server, RecordDiff, `/api/cases/${caseId}/records/diff?from=${during.id}&to=${from!.id}`);
    expect(within.notes).toEqual({
      kind: 'one-conference',
      lines: [
        { op: 'equal', text: '服薬の管理方法を検討' },
        { op: 'added', text: '助言：服薬カレンダー' },
      ],
    });
  });
});

const missing = warnSkipped('the closed-conference record test across processes (PostgreSQL + Redis)', await probePostgres(), await probeRedis());

describe.skipIf(missing)('records of closed conferences with several server processes', { timeout: 30_000 }, () => {
  let servers: RunningServer[] = [];
  let dropSchema: () => Promise<void>;
  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    // A closing grace long enough for an edit to go from one process to the other within it.
    const env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedisPrefix(), CLOSING_GRACE_MS: '1000' };
    servers = [await startServer({ env }), await startServer({ env })];
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers.forEach((server) => removeDir(server.dataDir));
    await dropSchema?.();
  });

  /** A case with a conference run by the facilitator, connected to the first process, and the adviser connected to the second. */
  async function liveAcrossProcesses() {
    const [a, b] = servers as [RunningServer, RunningServer];
    const caseId = await createCase(a);
    await meet(a, caseId);
    const onA = await connectClient(a, caseId, facilitator);
    const onB = await connectClient(b, caseId, advisor);
    return { a, b, caseId, onA, onB, conferenceId: runConference(onA.doc, onB.doc) };
  }

  it('keeps exactly one record when peers on two processes close the same conference at once', async () => {
    const { a, b, caseId, onA, onB, conferenceId } = await liveAcrossProcesses();
    assignRole(onA.doc, conferenceId, advisor.userId, { role: '司会' }); // two 司会: either may close it
    await eventually(() => expect(readConferences(onB.doc).value[0]?.roles[advisor.userId]?.role).toBe('司会'));

    // Both close before either hears of the other: each process sees its own peer close it.
    closeConference(onA.doc, conferenceId, Date.now());
    closeConference(onB.doc, conferenceId, Date.now());
    await eventually(async () => expect(await records(a, caseId)).toHaveLength(1));
    // Both processes have applied both closes (each started its insert when its own peer's arrived).
    await eventually(() => expect(readConferences(onA.doc).value[0]?.status).toBe('closed'));
    await eventually(() => expect(readConferences(onB.doc).value[0]?.status).toBe('closed'));
    appendSummaryParagraphs(onA.doc, ['閉会後の追記']);
    await eventually(() => expect(caseDocContent(onB.doc).summary).toContain('閉会後の追記'));
    const [record] = await records(b, caseId);
    expect([facilitator.userId, advisor.userId]).toContain(record!.takenBy.userId);
    expect(await records(a, caseId)).toHaveLength(1);
    [onA, onB].forEach((client) => client.destroy());
  });

  it('takes last words written through another process into the record the closer’s process takes', async () => {
    const { a, b, caseId, onA, onB, conferenceId } = await liveAcrossProcesses();
    await eventually(() => expect(readConferences(onB.doc).value[0]?.status).toBe('live'));
    const unaware = docFromState(Y.encodeStateAsUpdate(onB.doc));

    closeConference(onA.doc, conferenceId, Date.now());
    await eventually(() => expect(readConferences(onB.doc).value[0]?.status).toBe('closed'));
    typedBeforeTheClose(onB, unaware, conferenceId, '別の端末からの最後の一文');
    await eventually(() => expect(notesOf(onA.doc, conferenceId)).toEqual(['別の端末からの最後の一文']));
    expect(onB.denials).toEqual([]);
    await eventually(async () => expect(await records(a, caseId)).toHaveLength(1));
    const [meta] = await records(b, caseId);
    expect(meta!.takenBy).toEqual(takenBy(facilitator));
    expect((await getRecord(b, caseId, meta!.id)).content.conferences[0]!.notes).toEqual(['別の端末からの最後の一文']);
    [onA, onB].forEach((client) => client.destroy());
  });
});
