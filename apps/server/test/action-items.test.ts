import { addActionItem, addRegionalIssue, appendSummaryParagraphs, editActionItem, rescheduleConference, scheduleConference, setActionItemStatus } from '@care/case-doc';
import { type AuditList, type CaseActivityList, dayInJapan, describeAuditSubject, type OpenActionItemList, type RegionalIssueList } from '@care/schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { adminOf, conferenceIn, connectClient, createCase, type RunningServer, serverHandledAllSent, serverPerSuite } from './harness.ts';
import { caseMember, grantAccess, guestSession, inviteGuest } from './sessions.ts';

/**
 * A case whose conference agreed these items (what, due, status, and a 期限 someone offline wrote
 * meanwhile, without seeing the other's); resolves once they are stored.
 */
async function caseWithItems(server: RunningServer, title: string, items: [string, string, ('完了' | '対応中')?, string?][]): Promise<{ caseId: string; conferenceId: string }> {
  const caseId = await createCase(server, title);
  const conference = await conferenceIn(server, caseId);
  const { doc } = conference.facilitator;
  for (const [what, due, status, dueOffline] of items) {
    const input = { what, ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const, other: '北区社会福祉協議会' }, due };
    const id = addActionItem(doc, conference.conferenceId, input);
    if (status) setActionItemStatus(doc, id, status);
    if (dueOffline) {
      const offline = new Y.Doc();
      Y.applyUpdate(offline, Y.encodeStateAsUpdate(doc));
      editActionItem(offline, id, input, { ...input, due: dueOffline });
      editActionItem(doc, id, input, { ...input, due: '2027-01-31' });
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline));
    }
  }
  await serverHandledAllSent(conference.facilitator);
  await conference.close();
  conference.leave();
  return { caseId, conferenceId: conference.conferenceId };
}

describe('lists across cases: open action items (対応事項の一覧), 地域課題 (地域課題の一覧), and the live and next conference of each case', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  const openItems = async (who: { request: (method: string, path: string) => Promise<Response> }) => {
    const response = await who.request('GET', '/api/action-items');
    expect(response.status).toBe(200);
    return ((await response.json()) as OpenActionItemList).items;
  };

  it('lists the open items of the open cases each person may see, soonest due first, and audits each case shown', async () => {
    const mine = await caseWithItems(server, '北地区 80代女性', [
      ['見守り訪問', '2026-12-20', undefined, '2026-12-24'],
      ['配食サービス調整', '2026-12-01', '完了'],
      ['主治医へ相談', '2026-12-05', '対応中'],
    ]);
    const others = await caseWithItems(server, '南地区 70代男性', [['家族へ連絡', '2026-12-10']]);
    const closed = await caseWithItems(server, '東地区 終結予定', [['引き継ぎ', '2026-12-01']]);
    const staff = await caseMember(server, mine.caseId, { name: '田中', access: 'read' });
    await (await adminOf(server)).request('PATCH', `/api/cases/${closed.caseId}`, { closed: true });

    const seen = await openItems(staff);
    expect(seen.map((open) => [open.caseTitle, open.item.what, open.item.due, open.item.status, open.agreedAt])).toEqual([
      ['北地区 80代女性', '主治医へ相談', '2026-12-05', '対応中', '2026-11-23 個別ケース検討'],
      ['北地区 80代女性', '見守り訪問', '2026-12-24', '未着手', '2026-11-23 個別ケース検討'], // sorted by the earlier of two 期限
    ]);
    expect(seen[1]!.item.conflicts).toEqual({ due: ['2026-12-24', '2027-01-31'] });
    expect(seen[0]).toMatchObject({ caseId: mine.caseId, item: { ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, conferenceId: mine.conferenceId } });

    // Coordinators read every case: the other case's item too, but never a closed case's.
    const coordinator = await adminOf(server);
    const all = (await openItems(coordinator)).filter((open) => [mine, others, closed].some((c) => c.caseId === open.caseId));
    expect(all.map((open) => open.item.what)).toEqual(['主治医へ相談', '家族へ連絡', '見守り訪問']);

    const trail = async (caseId: string) =>
      ((await (await coordinator.request('GET', `/api/cases/${caseId}/audit`)).json()) as AuditList).entries;
    // Each row says which list, and how many of its items were that case's (its 2 open ones, not the 完了).
    const read = async (caseId: string, actorId: string) =>
      (await trail(caseId)).filter((e) => e.actorId === actorId).map((e) => [e.action, e.subject && describeAuditSubject(e.subject)]);
    expect(await read(mine.caseId, staff.userId)).toEqual([['view-action-items', '対応事項の一覧 2件']]);
    expect((await trail(others.caseId)).filter((e) => e.action === 'view-action-items').map((e) => [e.actorId, e.subject && describeAuditSubject(e.subject)])).toEqual([
      [coordinator.userId, '対応事項の一覧 1件'],
    ]);
    expect((await trail(closed.caseId)).filter((e) => e.action === 'view-action-items')).toEqual([]);

    // The same as a file for a monitoring meeting (opened in Excel), each case in it audited as an export.
    const file = await staff.request('GET', '/api/action-items/export');
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await file.text()).trim().split('\r\n');
    // 担当機関 is the kind in every row (to sort and count by), 機関名 the agency's own name.
    expect(lines[0]).toBe('"期限","内容","担当者","担当機関","機関名","状況","期限超過","経過","ケースID","ケース","地区","決定した会議"');
    // 期限超過 as of the export's day: the earlier 期限 has passed (this test's dates are fixed, so check against today).
    const overdueOn = (due: string) => (due < dayInJapan() ? ' 期限超過' : ' ');
    expect(lines.slice(1).map((line) => line.split('","').slice(0, 7).join(' ').replace(/^"/, ''))).toEqual([
      `2026-12-05 主治医へ相談 鈴木 社会福祉協議会 北区社会福祉協議会 対応中${overdueOn('2026-12-05')}`,
      `2026-12-24 ／ 2027-01-31 見守り訪問 鈴木 社会福祉協議会 北区社会福祉協議会 未着手${overdueOn('2026-12-24')}`,
    ]);
    // The export names the list that left the server (not the 議事録, nor the 地域課題).
    expect(await read(mine.caseId, staff.userId)).toEqual([
      ['export', '対応事項の一覧 2件（CSV）'],
      ['view-action-items', '対応事項の一覧 2件'],
    ]);
    // Printed from its page: paper leaves too.
    expect((await staff.request('POST', '/api/action-items/printed')).status).toBe(204);
    expect((await read(mine.caseId, staff.userId))[0]).toEqual(['export', '対応事項の一覧 2件（印刷）']);
  });

  it('folds a case again only once what is stored of it has changed, and sees every change', async () => {
    const north = await caseWithItems(server, '北地区 見守り', [['見守り訪問', '2027-01-10']]);
    const south = await caseWithItems(server, '南地区 見守り', [['家族へ連絡', '2027-01-20']]);
    const coordinator = await adminOf(server);
    const read = vi.spyOn(server.store, 'loadUpdates');
    const listed = async () => {
      read.mockClear();
      const items = (await openItems(coordinator)).filter((open) => [north, south].some((c) => c.caseId === open.caseId));
      return { what: items.map((open) => open.item.what), read: read.mock.calls.map(([caseId]) => caseId).filter((caseId) => caseId === north.caseId || caseId === south.caseId) };
    };
    try {
      await listed(); // whatever this server had not listed yet
      expect(await listed()).toEqual({ what: ['見守り訪問', '家族へ連絡'], read: [] });

      const conference = await conferenceIn(server, north.caseId);
      addActionItem(conference.facilitator.doc, conference.conferenceId, { what: '主治医へ相談', ownerName: '田中', ownerAgency: { kind: '地域包括支援センター' }, due: '2027-01-05' });
      await serverHandledAllSent(conference.facilitator);
      conference.leave();
      expect(await listed()).toEqual({ what: ['主治医へ相談', '見守り訪問', '家族へ連絡'], read: [north.caseId] });

      await server.store.compact(north.caseId); // the same document, stored differently: read once more, the same items
      expect(await listed()).toEqual({ what: ['主治医へ相談', '見守り訪問', '家族へ連絡'], read: [north.caseId] });
      expect(await listed()).toEqual({ what: ['主治医へ相談', '見守り訪問', '家族へ連絡'], read: [] });

      // Lists asked for at once (the case list of several people opening the app, 対応事項の一覧)
      // share the read of a case that changed.
      const writer = await connectClient(server, north.caseId);
      appendSummaryParagraphs(writer.doc, ['追記']);
      await serverHandledAllSent(writer);
      writer.destroy();
      read.mockClear();
      await Promise.all([openItems(coordinator), openItems(coordinator), coordinator.request('GET', '/api/case-activity')]);
      expect(read.mock.calls.filter(([caseId]) => caseId === north.caseId)).toHaveLength(1);
    } finally {
      read.mockRestore();
    }
  });

  it('lists the 地域課題 of every case each person may see, closed cases too, latest conference first, and audits each case shown', async () => {
    /** A case whose conference on `date` noted these 地域課題; resolves once they are stored. */
    const caseWithIssues = async (title: string, date: string, texts: string[]) => {
      const caseId = await createCase(server, title);
      const conference = await conferenceIn(server, caseId, { live: false });
      const { doc } = conference.facilitator;
      rescheduleConference(doc, conference.conferenceId, { date, kind: '個別ケース検討' });
      await conference.start();
      for (const text of texts) addRegionalIssue(doc, conference.conferenceId, { text });
      await serverHandledAllSent(conference.facilitator);
      conference.leave();
      return caseId;
    };
    const north = await caseWithIssues('北地区 独居', '2026-11-23', ['買い物の手段がない', '見守りの担い手が少ない']);
    const east = await caseWithIssues('東地区 終結', '2026-12-01', ['認知症カフェが遠い']);
    const south = await caseWithIssues('南地区 他機関', '2026-12-04', ['夜間の相談先がない']);
    const staff = await caseMember(server, north, { name: '田中', access: 'read' });
    await grantAccess(server, east, staff, 'read');
    const admin = await adminOf(server);
    await admin.request('PATCH', `/api/cases/${east}`, { closed: true });

    const response = await staff.request('GET', '/api/regional-issues');
    expect(response.status).toBe(200);
    const { issues } = (await response.json()) as RegionalIssueList;
    expect(issues.map((entry) => [entry.caseTitle, entry.conference.date, entry.issue.text])).toEqual([
      ['東地区 終結', '2026-12-01', '認知症カフェが遠い'],
      ['北地区 独居', '2026-11-23', '買い物の手段がない'],
      ['北地区 独居', '2026-11-23', '見守りの担い手が少ない'],
    ]);
    const trail = async (caseId: string) => ((await (await admin.request('GET', `/api/cases/${caseId}/audit`)).json()) as AuditList).entries;
    const read = async (caseId: string) =>
      (await trail(caseId)).filter((e) => e.actorId === staff.userId).map((e) => [e.action, e.subject && describeAuditSubject(e.subject)]);
    expect(await read(north)).toEqual([['view-regional-issues', '地域課題の一覧 2件']]);
    expect((await trail(south)).filter((e) => e.action === 'view-regional-issues')).toEqual([]);

    // The same as a file for the 推進会議's papers (opened in Excel), each case in it audited as an export.
    const file = await staff.request('GET', '/api/regional-issues/export');
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await file.text()).trim().split('\r\n');
    expect(lines[0]).toBe('"会議の日付","会議の種別","地域課題","地区","ケースID","ケース"');
    expect(lines.slice(1).map((line) => line.split('","')[2])).toEqual(['認知症カフェが遠い', '買い物の手段がない', '見守りの担い手が少ない']);
    expect(await read(east)).toEqual([
      ['export', '地域課題の一覧 1件（CSV）'],
      ['view-regional-issues', '地域課題の一覧 1件'],
    ]);
    expect((await staff.request('POST', '/api/regional-issues/printed')).status).toBe(204);
    expect((await read(east))[0]).toEqual(['export', '地域課題の一覧 1件（印刷）']);
  });

  it('both are for accounts: a guest from an invitation link sees none, and no one signed out', async () => {
    const caseId = await createCase(server);
    const planned = await conferenceIn(server, caseId, { live: false });
    planned.leave();
    const guest = await guestSession(server, (await inviteGuest(server, caseId, planned.conferenceId)).token);
    for (const path of ['/api/action-items', '/api/action-items/export', '/api/regional-issues', '/api/regional-issues/export', '/api/case-activity']) {
      expect((await guest.request('GET', path)).status).toBe(403);
      expect((await fetch(`${server.httpUrl}${path}`)).status).toBe(401);
    }
    for (const path of ['/api/action-items/printed', '/api/regional-issues/printed']) {
      expect((await guest.request('POST', path)).status).toBe(403);
      expect((await fetch(`${server.httpUrl}${path}`, { method: 'POST' })).status).toBe(401);
    }
  });

  it('the case list learns which of the cases one may see has a conference live, and when each last met and meets next', async () => {
    const live = await createCase(server, '北地区 開催中');
    const running = await conferenceIn(server, live);
    scheduleConference(running.facilitator.doc, { date: '2026-12-24', kind: '地域課題検討' });
    scheduleConference(running.facilitator.doc, { date: '2026-12-10', kind: '支援調整会議' });
    await serverHandledAllSent(running.facilitator);
    const planned = await createCase(server, '南地区 予定のみ');
    (await conferenceIn(server, planned, { live: false })).leave();
    const closed = await createCase(server, '東地区 終結');
    const quiet = await createCase(server, '西地区 会議なし');
    const admin = await adminOf(server);
    await admin.request('PATCH', `/api/cases/${closed}`, { closed: true });
    const staff = await caseMember(server, live, { name: '田中', access: 'read' });

    const activity = async (who: { request: (method: string, path: string) => Promise<Response> }) => {
      const response = await who.request('GET', '/api/case-activity');
      expect(response.status).toBe(200);
      return Object.fromEntries(((await response.json()) as CaseActivityList).cases.map(({ caseId, ...rest }) => [caseId, rest]));
    };
    const all = await activity(admin);
    expect(all[live]).toEqual({ last: null, live: { date: '2026-11-23', kind: '個別ケース検討' }, next: { date: '2026-12-10', kind: '支援調整会議' } });
    expect(all[planned]).toEqual({ last: null, live: null, next: { date: '2026-11-23', kind: '個別ケース検討' } });
    expect(all[quiet]).toEqual({ last: null, live: null, next: null });
    expect(all[closed]).toBeUndefined();
    expect(Object.keys(await activity(staff))).toEqual([live]);

    // Seen as soon as it is stored: the conference closes, and the case list says so.
    await running.close();
    expect((await activity(admin))[live]).toEqual({ last: { date: '2026-11-23', kind: '個別ケース検討' }, live: null, next: { date: '2026-12-10', kind: '支援調整会議' } });
    running.leave();
  });
});

describe('just after midnight in Japan, with the server set to UTC (where it is still the day before)', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));
  // Set before anyone signs in: a session would end idle if the clock jumped past its time.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'UTC';
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: Date.parse('2026-12-08T00:30:00+09:00') });
  });
  afterAll(() => {
    vi.useRealTimers();
    process.env.TZ = zone;
  });

  it('exported just after midnight in Japan (still the day before in UTC, as the server is set), the file is of that day there and an item due the day before is 期限超過', async () => {
    await caseWithItems(server, '北地区 日付の境目', [
      ['見守り訪問', '2026-12-07'],
      ['家族へ連絡', '2026-12-08'],
    ]);
    const file = await (await adminOf(server)).request('GET', '/api/action-items/export');
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toBe("attachment; filename*=UTF-8''対応事項_20261208.csv");
    const rows = (await file.text()).split('\r\n').filter((line) => line.includes('北地区 日付の境目'));
    expect(rows.map((line) => line.split('","').slice(0, 7).join(' ').replace(/^"/, ''))).toEqual([
      '2026-12-07 見守り訪問 鈴木 社会福祉協議会 北区社会福祉協議会 未着手 期限超過',
      '2026-12-08 家族へ連絡 鈴木 社会福祉協議会 北区社会福祉協議会 未着手 ',
    ]);
  });
});
