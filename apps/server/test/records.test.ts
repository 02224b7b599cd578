import { createHash } from 'node:crypto';
import { appendSummaryParagraphs, summaryFragment, summaryPlainText } from '@care/case-doc';
import { AuditList, ConferenceRecord, describeAuditSubject, ConferenceRecordList, ConferenceRecordMeta, dateTimeInJapan, dayInJapan, japanMidnight, RecordDiff, RestoreResult, Timeline } from '@care/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordStore } from '../src/records/record-store.ts';
import { adminOf, caseMember, connectClient, createCase, editorOf, eventually, removeDir, type RunningServer, startServer } from './harness.ts';
import { call, getRecord, saveVersion, takenBy } from './records-api.ts';
import { serverEngines } from './services.ts';

const engines = await serverEngines('a keyword search reading each record once');

describe('conference records over HTTP', () => {
  let server: RunningServer;
  /** What removes the data of a test's engine (a PostgreSQL schema), once its server has stopped. */
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await Promise.all(drops.splice(0).map((drop) => drop()));
  });

  /** A case on a fresh server (with `env`) whose summary holds these paragraphs, stored; and the client that wrote them. */
  async function storedCase(paragraphs: string[], env?: Record<string, string>) {
    server = await startServer({ env });
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    appendSummaryParagraphs(client.doc, paragraphs);
    await eventually(async () => expect(await server.store.loadUpdates(caseId)).toHaveLength(1));
    // Its trail row is written just after the update is stored (once its sender's next frame may
    // go on): waited for too, or a version saved next could come before it in the trail.
    await eventually(async () => expect((await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries.map((e) => e.action)).toContain('edit'));
    return { caseId, client };
  }

  it('saves a version of the live doc that later edits never change, with a hash that verifies', async () => {
    const { caseId, client } = await storedCase(['本人：80代女性、独居。', '課題：服薬管理。']);

    const saved = await saveVersion(server, caseId, '会議前の版');
    expect(saved).toMatchObject({ caseId, kind: 'manual', conferenceId: null, label: '会議前の版', takenBy: takenBy(await editorOf(server, caseId)) });

    appendSummaryParagraphs(client.doc, ['方針：配食サービスを追加。']);
    await eventually(async () => expect(await server.store.loadUpdates(caseId)).toHaveLength(2));

    const record = await getRecord(server, caseId, saved.id);
    expect(record.content.summary).toEqual(['本人：80代女性、独居。', '課題：服薬管理。']);
    expect(record.hashVerified).toBe(true);
    expect(createHash('sha256').update(Buffer.from(record.state, 'base64')).digest('hex')).toBe(record.contentHash);
    expect((await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`)).records).toEqual([saved]);
    // A lasting copy of what is written about the person: the trail says who made it.
    const trail = (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries;
    expect(trail.filter((e) => e.action === 'save-version').map((e) => e.actorId)).toEqual([saved.takenBy.userId]);
    client.destroy();
  });

  it('audits every read of a record and every comparison, naming the reader, before the content leaves the server', async () => {
    const { caseId, client } = await storedCase(['本人：独居。']);
    const first = await saveVersion(server, caseId, '第1版');
    const second = await saveVersion(server, caseId, '第2版');
    const reader = await caseMember(server, caseId, { name: '閲覧者', agency: '民生委員', access: 'read' });
    const readsBy = async (userId: string) =>
      (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries.filter((e) => e.actorId === userId).map((e) => e.action);
    const subjectsReadBy = async (userId: string) =>
      (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries.filter((e) => e.actorId === userId).map((e) => e.subject && describeAuditSubject(e.subject));

    await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`, { as: reader }); // the list holds no content
    expect(await readsBy(reader.userId)).toEqual([]);
    await call(server, ConferenceRecord, `/api/cases/${caseId}/records/${first.id}`, { as: reader });
    await call(server, RecordDiff, `/api/cases/${caseId}/records/diff?from=${first.id}&to=${second.id}`, { as: reader });
    expect(await readsBy(reader.userId)).toEqual(['view-record', 'view-record']);
    // Each names what was read, newest first: which records, by their names then.
    expect(await subjectsReadBy(reader.userId)).toEqual(['記録の比較「第1版」→「第2版」', '記録「第1版」']);
    // The trail as a file for whoever reviews access says the same.
    const file = await (await (await adminOf(server)).request('GET', `/api/audit/export?${new URLSearchParams({ actorId: reader.userId })}`)).text();
    expect(file).toMatch(/"記録の閲覧",[^\n]*,"記録の比較「第1版」→「第2版」"/);
    expect(file).toMatch(/"記録の閲覧",[^\n]*,"記録「第1版」"/);
    // A refused read is not one: the trail says it was refused.
    const outsider = await caseMember(server, await createCase(server), { name: '他ケース' });
    expect((await outsider.request('GET', `/api/cases/${caseId}/records/${first.id}`)).status).toBe(403);
    await eventually(async () => expect(await readsBy(outsider.userId)).toEqual(['access-refused']));
    client.destroy();
  });

  it('diffs two versions: exactly the summary lines removed and added', async () => {
    const { caseId, client } = await storedCase(['本人：独居。', '課題：服薬管理。', '次回：1か月後。']);
    const first = await saveVersion(server, caseId, '第1版');
    client.doc.transact(() => summaryFragment(client.doc).delete(1, 1));
    appendSummaryParagraphs(client.doc, ['方針：訪問介護を週2回。']);
    await eventually(async () => expect(await server.store.loadUpdates(caseId)).toHaveLength(3));
    const second = await saveVersion(server, caseId, '第2版');

    const diff = await call(server, RecordDiff, `/api/cases/${caseId}/records/diff?from=${first.id}&to=${second.id}`);
    expect(diff.from.id).toBe(first.id);
    expect(diff.summary).toEqual([
      { op: 'equal', text: '本人：独居。' },
      { op: 'removed', text: '課題：服薬管理。' },
      { op: 'equal', text: '次回：1か月後。' },
      { op: 'added', text: '方針：訪問介護を週2回。' },
    ]);
    client.destroy();
  });

  it('restores an old version as a new change that every peer receives, keeping the history and every record', async () => {
    const { caseId, client: editor } = await storedCase(['課題：服薬管理。']);
    const old = await saveVersion(server, caseId, '第1版');
    editor.doc.transact(() => summaryFragment(editor.doc).delete(0, 1));
    appendSummaryParagraphs(editor.doc, ['誤って書き換えた内容']);
    await eventually(async () => expect(await server.store.loadUpdates(caseId)).toHaveLength(3));

    const restorer = await editorOf(server, caseId);
    const result = await call(server, RestoreResult, `/api/cases/${caseId}/records/${old.id}/restore`, { method: 'POST', as: restorer });
    expect(result).toMatchObject({ restoredFrom: old.id, changed: true });
    if (!result.changed) throw new Error('restored nothing');
    // Everyone connected sees the restored summary; it was stored as one more update, nothing removed.
    await eventually(() => expect(summaryPlainText(editor.doc)).toBe('課題：服薬管理。'));
    expect(await server.store.loadUpdates(caseId)).toHaveLength(4);
    // The doc as it was before the restore is kept as a version of its own, and the old one is unchanged.
    const before = await getRecord(server, caseId, result.before.id);
    expect(before.content.summary).toEqual(['誤って書き換えた内容']);
    expect((await getRecord(server, caseId, old.id)).content.summary).toEqual(['課題：服薬管理。']);

    // A late joiner (a fresh load from storage) sees the restored summary too.
    const late = await connectClient(server, caseId);
    expect(summaryPlainText(late.doc)).toBe('課題：服薬管理。');
    // Restoring what is already there writes nothing, and saves no version (no more copies of the content).
    const again = await call(server, RestoreResult, `/api/cases/${caseId}/records/${old.id}/restore`, { method: 'POST', as: restorer });
    expect(again).toEqual({ restoredFrom: old.id, changed: false });
    expect((await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`)).records.map((r) => r.id)).toEqual([old.id, before.id]);
    // The trail has the one restore that changed the summary, by whom (made over HTTP, no sync
    // connection saw it), and the version saved before it, newest first above the same person's
    // saving of 第1版 and typing before it.
    const trail = (await call(server, AuditList, `/api/cases/${caseId}/audit`)).entries;
    expect(trail.filter((e) => e.actorId === restorer.userId && e.action !== 'open').map((e) => e.action)).toEqual(['restore', 'save-version', 'save-version', 'edit']);
    // Undoing a restore (restoring the version saved before it) names that version by when it was saved: names never nest.
    expect(before.label).toBe('復元前の版（「第1版」を復元）');
    const undone = await call(server, RestoreResult, `/api/cases/${caseId}/records/${before.id}/restore`, { method: 'POST', as: restorer });
    await eventually(() => expect(summaryPlainText(editor.doc)).toBe('誤って書き換えた内容'));
    expect(undone.changed && undone.before.label).toBe(`復元前の版（${dateTimeInJapan(before.takenAt)}に保存した版を復元）`);
    [editor, late].forEach((client) => client.destroy());
  });

  it('restores into a case nobody has open, through its room, so the next person to open it sees it', async () => {
    const { caseId, client: editor } = await storedCase(['元の内容'], { IDLE_UNLOAD_MS: '10' });
    const old = await saveVersion(server, caseId, '第1版');
    appendSummaryParagraphs(editor.doc, ['追記']);
    await eventually(async () => expect(await server.store.loadUpdates(caseId)).toHaveLength(2));
    editor.destroy();
    await eventually(() => expect(server.app.rooms.loadedCount).toBe(0));

    await call(server, RestoreResult, `/api/cases/${caseId}/records/${old.id}/restore`, { method: 'POST', as: await editorOf(server, caseId) });
    const reader = await connectClient(server, caseId);
    expect(summaryPlainText(reader.doc)).toBe('元の内容');
    reader.destroy();
    await eventually(() => expect(server.app.rooms.loadedCount).toBe(0));
  });

  it('answers bad requests clearly: unknown case or record 404, bad label 400, not signed in 401', async () => {
    server = await startServer();
    const caseId = await createCase(server);
    const editor = await editorOf(server, caseId);
    const status = async (method: string, path: string, body?: unknown) => (await editor.request(method, path, body)).status;
    expect(await status('GET', '/api/cases/nope/records')).toBe(404);
    expect(await status('GET', `/api/cases/${caseId}/records/missing`)).toBe(404);
    expect(await status('GET', `/api/cases/${caseId}/records/diff?from=a`)).toBe(400);
    expect(await status('POST', `/api/cases/${caseId}/records`, { label: '' })).toBe(400);
    expect(await status('POST', `/api/cases/${caseId}/records/missing/restore`)).toBe(404);
    expect(await status('GET', '/api/records?from=yesterday')).toBe(400);
    const anonymous = await fetch(`${server.httpUrl}/api/cases/${caseId}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: '版' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await call(server, ConferenceRecordList, `/api/cases/${caseId}/records`)).records).toEqual([]);
  });

  it('lists records across cases on the timeline, filtered by area and agency', async () => {
    server = await startServer();
    const create = async (title: string, area: string) => {
      const response = await (await adminOf(server)).request('POST', '/api/cases', { title, area });
      return ((await response.json()) as { id: string; area: string }).id;
    };
    const north = await create('北の事例', '北地区');
    const south = await create('南の事例', '南地区');
    await saveVersion(server, north, '北の版');
    await call(server, ConferenceRecordMeta, `/api/cases/${south}/records`, { method: 'POST', body: { label: '南の版' }, as: await caseMember(server, south, { name: '佐藤', agency: '社会福祉協議会' }) });
    const labels = async (query: string) => (await call(server, Timeline, `/api/records${query}`)).entries.map((e) => e.label);
    expect(await labels('')).toEqual(['南の版', '北の版']);
    expect(await labels('?area=北地区')).toEqual(['北の版']);
    expect(await labels(`?agency=${encodeURIComponent('社会福祉協議会')}`)).toEqual(['南の版']);
    // Versions saved on the days a span of instants touches (in Japan): from inclusive, before exclusive, in any time zone's notation.
    const [latest, earliest] = (await call(server, Timeline, '/api/records')).entries.map((e) => e.takenAt);
    const during = (query: Record<string, string>) => labels(`?${new URLSearchParams(query)}`);
    const [today, lastDay] = [dayInJapan(new Date(earliest!)), dayInJapan(new Date(latest!))];
    expect(await during({ from: japanMidnight(today), before: japanMidnight(lastDay, 1) })).toEqual(['南の版', '北の版']);
    expect(await during({ from: earliest!, before: new Date(Date.parse(latest!) + 1).toISOString() })).toEqual(['南の版', '北の版']);
    expect(await during({ before: japanMidnight(today) })).toEqual([]);
    expect(await during({ from: japanMidnight(lastDay, 1) })).toEqual([]);
    const inTokyo = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
    expect(await during({ from: inTokyo(japanMidnight(today)), before: inTokyo(japanMidnight(lastDay, 1)) })).toHaveLength(2);
    expect(await labels('?before=2000-01-01T00:00:00Z')).toEqual([]);
    expect((await (await adminOf(server)).request('GET', '/api/records?from=2026-12-05')).status).toBe(400); // a day is not an instant
  });

  it('lists the newest records up to its limit, saying older ones are left out, and finds words in records older than those', async () => {
    // A coordinator's cases over two years hold more records than the timeline lists (500; here 2).
    const { caseId, client } = await storedCase(['成年後見制度の利用を検討する。'], { TIMELINE_LIMIT: '2' });
    await saveVersion(server, caseId, '第1版');
    client.doc.transact(() => summaryFragment(client.doc).delete(0, 1));
    appendSummaryParagraphs(client.doc, ['配食サービスを追加。']);
    await eventually(async () => expect(await server.store.loadUpdates(caseId)).toHaveLength(3));
    for (const label of ['第2版', '第3版']) await saveVersion(server, caseId, label);
    const timeline = (query = '') => call(server, Timeline, `/api/records${query}`);

    const all = await timeline();
    expect(all.entries.map((e) => e.label)).toEqual(['第3版', '第2版']);
    expect(all.olderLeftOut).toBe(true);
    // The oldest record alone holds the words: found, though older than the two listed without them.
    const found = await timeline(`?keyword=${encodeURIComponent('成年後見')}`);
    expect(found.entries.map((e) => [e.label, e.excerpt])).toEqual([['第1版', '成年後見制度の利用を検討する。']]);
    expect(found.olderLeftOut).toBe(false);
    // Words every record holds: the newest two, and older ones said to be left out.
    const many = await timeline(`?keyword=${encodeURIComponent('版')}`);
    expect(many.entries.map((e) => e.label)).toEqual(['第3版', '第2版']);
    expect(many.olderLeftOut).toBe(true);
    expect((await timeline('?area=北地区')).olderLeftOut).toBe(false);
    client.destroy();
  });

  it.each(engines)('reads a record’s whole case doc for keyword searches once, not again at each search nor after a restart ($name)', async (engine) => {
    // The first search after each start read every record the searcher may see (31 of one
    // two-year case: 1–2 s), decoding the whole case doc of each.
    const { env, drop } = await engine.env();
    drops.push(drop);
    const { caseId, client } = await storedCase(['成年後見制度の利用を検討する。'], env);
    for (const label of ['第1版', '第2版']) await saveVersion(server, caseId, label);
    client.destroy();
    const search = async () => (await call(server, Timeline, `/api/records?keyword=${encodeURIComponent('成年後見')}`)).entries.map((e) => [e.label, e.excerpt]);
    const found = [
      ['第2版', '成年後見制度の利用を検討する。'],
      ['第1版', '成年後見制度の利用を検討する。'],
    ];
    const statesRead = vi.spyOn(RecordStore.prototype, 'get');
    try {
      expect(await search()).toEqual(found);
      expect(statesRead).toHaveBeenCalledTimes(2);
      expect(await search()).toEqual(found);
      expect(statesRead).toHaveBeenCalledTimes(2);
      await server.stop();
      server = await startServer({ dataDir: server.dataDir, env });
      expect(await search()).toEqual(found);
      expect(statesRead).toHaveBeenCalledTimes(2);
    } finally {
      statesRead.mockRestore();
    }
  });
});
