import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Actor,
  addActionItem,
  addAgendaItem,
  addAttendee,
  addRegionalIssue,
  actionItemsMap,
  appendParagraphs,
  appendSummaryParagraphs,
  assignRole,
  cancelConference,
  closeConference,
  conferenceEntry,
  conferenceNotesFragment,
  conferencesMap,
  confirmConfidentiality,
  editActionItem,
  hidesReadingInOwnEntry,
  joinConference,
  judgeConferenceWrite,
  misnamesOwnEntry,
  readActionItems,
  readConferences,
  RefusalReason,
  removeAttendee,
  removeRegionalIssue,
  rescheduleConference,
  scheduleConference,
  setActionItemProgress,
  setActionItemStatus,
  startConference,
  updateTouches,
} from '../src/index.ts';

const person = (userId: string, name: string) => ({ userId, name, agency: { kind: '行政' as const } });
const sato = person('user-sato-0001', '佐藤');
const suzuki = person('user-suzuki-01', '鈴木');
const tanaka = person('user-tanaka-01', '田中');

/** When the server judges: after every day these tests plan a conference for (none is started before its day). */
const JUDGED_AT = Date.parse('2027-02-01T10:00:00+09:00');

/**
 * The server's doc; `judge` asks whether `actor` may make `change` on a synced copy of it.
 * `closing` holds the conferences whose close the server saw a moment ago.
 */
function setup(judgedAt = JUDGED_AT) {
  const server = new Y.Doc();
  const closing = new Set<string>();
  /**
   * An update `actor` makes on a copy of the doc as it is now, judged when sent later (offline
   * meanwhile, or at the same moment as another's).
   */
  const madeNow = (actor: Actor, change: (doc: Y.Doc) => void) => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    change(client);
    const update = Y.encodeStateAsUpdate(client, before);
    return () => {
      const verdict = judgeConferenceWrite(server, actor, updateTouches(server, update), (id) => closing.has(id), judgedAt);
      if (verdict.allowed) Y.applyUpdate(server, update);
      return verdict;
    };
  };
  const judge = (actor: Actor, change: (doc: Y.Doc) => void) => madeNow(actor, change)();
  return { server, judge, madeNow, closing };
}

function liveWithRoles() {
  const { server, judge, madeNow, closing } = setup();
  let id = '';
  judge(sato, (doc) => {
    id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  });
  expect(judge(sato, (doc) => startConference(doc, id, sato, Date.now()))).toEqual({ allowed: true });
  judge(suzuki, (doc) => joinConference(doc, id, suzuki));
  judge(sato, (doc) => assignRole(doc, id, tanaka.userId, { role: 'オブザーバー' }));
  return { server, judge, madeNow, closing, id };
}

const refused = (reason: string) => ({ allowed: false, reason });

describe('who may write what in a conference', () => {
  it('the 司会 gives an invited guest any role but 司会: a guest never runs a conference, and one stepping down would leave none who can', () => {
    const { judge, id } = liveWithRoles();
    const guest = person('guest_invitation-01', '山田');
    judge(guest, (doc) => joinConference(doc, id, guest));
    expect(judge(sato, (doc) => assignRole(doc, id, guest.userId, { role: '司会' }))).toEqual(refused(RefusalReason.guestFacilitator));
    expect(judge(sato, (doc) => assignRole(doc, id, guest.userId, { role: '事例提供者' }))).toEqual({ allowed: true });
  });

  it('the 司会 gives a member whose entry says they only read any role but 司会; one joined before saying so may still be given it', () => {
    const { judge, id } = liveWithRoles();
    judge(tanaka, (doc) => joinConference(doc, id, { ...tanaka, readOnly: true }));
    expect(judge(sato, (doc) => assignRole(doc, id, tanaka.userId, { role: '司会' }))).toEqual(refused(RefusalReason.readerFacilitator));
    expect(judge(sato, (doc) => assignRole(doc, id, tanaka.userId, { role: '記録' }))).toEqual({ allowed: true });
    expect(judge(sato, (doc) => assignRole(doc, id, suzuki.userId, { role: '司会' }))).toEqual({ allowed: true });
  });

  it('one who only reads writes their own entry saying so, or it is found hiding it', () => {
    const { server, id } = liveWithRoles();
    const written = (entry: object) => {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      const before = Y.encodeStateVector(client);
      joinConference(client, id, entry as Parameters<typeof joinConference>[2]);
      return updateTouches(server, Y.encodeStateAsUpdate(client, before)).touches;
    };
    expect(hidesReadingInOwnEntry(tanaka.userId, written(tanaka))).toBe(true);
    expect(hidesReadingInOwnEntry(tanaka.userId, written({ ...tanaka, readOnly: true }))).toBe(false);
    expect(hidesReadingInOwnEntry(tanaka.userId, written(suzuki))).toBe(false); // another's entry: not theirs to say
  });

  it('the 司会 assigns roles; a participant may not, not even to themselves', () => {
    const { judge, id } = liveWithRoles();
    expect(judge(sato, (doc) => assignRole(doc, id, suzuki.userId, { role: '記録' }))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => assignRole(doc, id, suzuki.userId, { role: '司会' }))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(suzuki, (doc) => closeConference(doc, id, Date.now()))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(suzuki, (doc) => addAgendaItem(doc, id, { title: '質疑', minutes: 10 }))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge({ userId: suzuki.userId, isCoordinator: true }, (doc) => assignRole(doc, id, suzuki.userId, { role: '司会' }))).toEqual({
      allowed: true,
    });
  });

  it('everyone who may edit writes a conference’s 検討内容 until it ends; observers never', () => {
    const { judge, id } = liveWithRoles();
    const note = (text: string) => (doc: Y.Doc) => appendParagraphs(conferenceNotesFragment(doc, id), [text]);
    expect(judge(suzuki, note('主治医より：服薬は1日1回に'))).toEqual({ allowed: true });
    expect(judge(tanaka, note('オブザーバーの書き込み'))).toEqual(refused(RefusalReason.observer));
    // Planned offline together with the conference itself: its status is not in the doc yet.
    expect(
      judge(suzuki, (doc) => {
        const next = scheduleConference(doc, { date: '2026-12-21', kind: '個別ケース検討' });
        appendParagraphs(conferenceNotesFragment(doc, next), ['次回の論点']);
      }),
    ).toEqual({ allowed: true });
    expect(judge(sato, (doc) => closeConference(doc, id, Date.now()))).toEqual({ allowed: true });
    expect(judge(suzuki, note('閉会後の書き足し'))).toEqual(refused(RefusalReason.closed));
    expect(judge({ userId: suzuki.userId, isCoordinator: true }, note('コーディネーターの訂正'))).toEqual({ allowed: true });
  });

  it('a moment after the close, 検討内容 still takes the last words of those who wrote it, and nothing else of the conference', () => {
    const { judge, closing, id } = liveWithRoles();
    const note = (text: string) => (doc: Y.Doc) => appendParagraphs(conferenceNotesFragment(doc, id), [text]);
    expect(judge(sato, (doc) => closeConference(doc, id, Date.now()))).toEqual({ allowed: true });
    closing.add(id);
    expect(judge(suzuki, note('最後の一文'))).toEqual({ allowed: true });
    expect(judge(tanaka, note('オブザーバーの書き込み'))).toEqual(refused(RefusalReason.closed));
    expect(judge(suzuki, (doc) => joinConference(doc, id, { ...suzuki, profession: '民生委員' }))).toEqual(refused(RefusalReason.closed));
    expect(judge(sato, (doc) => addAgendaItem(doc, id, { title: '追加', minutes: 5 }))).toEqual(refused(RefusalReason.closed));
    closing.delete(id);
    expect(judge(suzuki, note('その後の書き足し'))).toEqual(refused(RefusalReason.closed));
  });

  it('two who run the conference closing it at the same moment both close it: the second close, made before the first arrived, is taken within the moment after it', () => {
    const { server, judge, madeNow, closing, id } = liveWithRoles();
    judge(sato, (doc) => assignRole(doc, id, suzuki.userId, { role: '司会' }));
    const suzukisClose = madeNow(suzuki, (doc) => closeConference(doc, id, Date.now()));
    const closeAndMore = madeNow(suzuki, (doc) => {
      addAgendaItem(doc, id, { title: '追加', minutes: 5 });
      closeConference(doc, id, Date.now());
    });
    const observersClose = madeNow(tanaka, (doc) => closeConference(doc, id, Date.now()));
    const lateClose = madeNow(suzuki, (doc) => closeConference(doc, id, Date.now()));
    expect(judge(sato, (doc) => closeConference(doc, id, Date.now()))).toEqual({ allowed: true });
    closing.add(id);
    expect(suzukisClose()).toEqual({ allowed: true });
    expect(readConferences(server).value.find((c) => c.id === id)?.status).toBe('closed');
    // The close only, and only by one who ran it.
    expect(closeAndMore()).toEqual(refused(RefusalReason.closed));
    expect(observersClose()).toEqual(refused(RefusalReason.closed));
    closing.delete(id);
    expect(lateClose()).toEqual(refused(RefusalReason.closed));
  });

  it('action items are agreed at a conference held: one for a planned or cancelled conference is refused (an old page offered it), also to a coordinator', () => {
    const { judge, madeNow, id } = liveWithRoles();
    const coordinator = { userId: sato.userId, isCoordinator: true };
    let planned = '';
    judge(sato, (doc) => {
      planned = scheduleConference(doc, { date: '2026-12-21', kind: '個別ケース検討' });
    });
    // As a page from before the rule wrote it (addActionItem now refuses it on the page already).
    const itemAt = (conferenceId: string) => (doc: Y.Doc) => {
      const item = new Y.Map<unknown>();
      actionItemsMap(doc).set(`item-${conferenceId.slice(0, 8)}`, item);
      for (const [key, value] of Object.entries({ conferenceId, what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' }, due: '2026-12-01', status: '未着手' })) item.set(key, value);
    };
    expect(judge(suzuki, itemAt(planned))).toEqual(refused(RefusalReason.unheld));
    expect(judge(coordinator, itemAt(planned))).toEqual(refused(RefusalReason.unheld));
    // Planned and started offline in the same update: held by the time the item is.
    expect(
      judge(sato, (doc) => {
        closeConference(doc, id, Date.now());
        startConference(doc, planned, sato, Date.now());
        addActionItem(doc, planned, { what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' }, due: '2026-12-01' });
      }),
    ).toEqual({ allowed: true });
    // Agreed offline at the live conference, arriving after it closed: kept.
    const late = madeNow(suzuki, (doc) => addActionItem(doc, planned, { what: '家族へ連絡', ownerName: '鈴木', ownerAgency: { kind: '民生委員' }, due: '2026-12-01' }));
    expect(judge(sato, (doc) => closeConference(doc, planned, Date.now()))).toEqual({ allowed: true });
    expect(late()).toEqual({ allowed: true });
    let calledOff = '';
    judge(sato, (doc) => {
      calledOff = scheduleConference(doc, { date: '2027-01-11', kind: '個別ケース検討' });
      cancelConference(doc, calledOff);
    });
    expect(judge(suzuki, itemAt(calledOff))).toEqual(refused(RefusalReason.unheld));
    const plainItem = { conferenceId: calledOff, what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' }, due: '2026-12-01', status: '未着手' };
    expect(judge(suzuki, (doc) => actionItemsMap(doc).set('item-plain-01', plainItem))).toEqual(refused(RefusalReason.unheld));
  });

  it('participants edit the summary, action items and their own entry, not someone else’s', () => {
    const { judge, id } = liveWithRoles();
    expect(judge(suzuki, (doc) => appendSummaryParagraphs(doc, ['服薬管理が課題']))).toEqual({ allowed: true });
    const item = { what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' as const }, due: '2026-12-01' };
    expect(judge(suzuki, (doc) => addActionItem(doc, id, item))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => joinConference(doc, id, { ...suzuki, profession: '民生委員' }))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => joinConference(doc, id, sato))).toEqual(refused(RefusalReason.othersEntry));
  });

  it('each confirms 守秘義務 for themselves: not even the 司会 writes it for someone else; a coordinator may correct it', () => {
    const { judge, id } = liveWithRoles();
    expect(judge(sato, (doc) => confirmConfidentiality(doc, id, suzuki.userId, Date.now()))).toEqual(refused(RefusalReason.othersEntry));
    expect(judge(sato, (doc) => joinConference(doc, id, { ...tanaka, confidentialityConfirmedAt: 1 }))).toEqual(refused(RefusalReason.othersEntry));
    expect(judge(sato, (doc) => confirmConfidentiality(doc, id, sato.userId, Date.now()))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => confirmConfidentiality(doc, id, suzuki.userId, Date.now()))).toEqual({ allowed: true });
    expect(judge({ userId: tanaka.userId, isCoordinator: true }, (doc) => confirmConfidentiality(doc, id, suzuki.userId, Date.now()))).toEqual({ allowed: true });
  });

  it('the 司会 lists and takes off those present without an account; a participant may not', () => {
    const { judge, server, id } = liveWithRoles();
    const family = { name: '山田花子', affiliation: '長女' };
    expect(judge(suzuki, (doc) => addAttendee(doc, id, family))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(sato, (doc) => addAttendee(doc, id, family))).toEqual({ allowed: true });
    const [listed] = readConferences(server).value[0]!.attendees;
    expect(judge(suzuki, (doc) => removeAttendee(doc, id, listed!.id))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(sato, (doc) => removeAttendee(doc, id, listed!.id))).toEqual({ allowed: true });
  });

  it('the 司会 notes the 地域課題 the conference saw, and takes one off; a participant may not', () => {
    const { judge, server, id } = liveWithRoles();
    const issue = { text: '移動手段がなく買い物に困る高齢者が多い' };
    expect(judge(suzuki, (doc) => addRegionalIssue(doc, id, issue))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(sato, (doc) => addRegionalIssue(doc, id, issue))).toEqual({ allowed: true });
    const [noted] = readConferences(server).value[0]!.issues;
    expect(noted!.text).toBe(issue.text);
    expect(judge(suzuki, (doc) => removeRegionalIssue(doc, id, noted!.id))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(sato, (doc) => removeRegionalIssue(doc, id, noted!.id))).toEqual({ allowed: true });
    expect(readConferences(server).value[0]!.issues).toEqual([]);
  });

  it('an observer of the live conference writes nothing but their own entry in its attendance list; after it closes, they may again', () => {
    const { judge, id } = liveWithRoles();
    expect(judge(tanaka, (doc) => appendSummaryParagraphs(doc, ['見学者のメモ']))).toEqual(refused(RefusalReason.observer));
    expect(judge(tanaka, (doc) => joinConference(doc, id, tanaka))).toEqual({ allowed: true });
    expect(judge(tanaka, (doc) => confirmConfidentiality(doc, id, tanaka.userId, Date.now()))).toEqual({ allowed: true });
    expect(
      judge(tanaka, (doc) => {
        confirmConfidentiality(doc, id, tanaka.userId, Date.now());
        appendSummaryParagraphs(doc, ['ついでのメモ']);
      }),
    ).toEqual(refused(RefusalReason.observer));
    expect(judge(tanaka, (doc) => joinConference(doc, id, suzuki))).toEqual(refused(RefusalReason.observer));
    judge(sato, (doc) => closeConference(doc, id, Date.now()));
    expect(judge(tanaka, (doc) => appendSummaryParagraphs(doc, ['後日の追記']))).toEqual({ allowed: true });
  });

  it('a closed conference stays as it was closed, even for its 司会; a coordinator may still correct it', () => {
    const { judge, server, id } = liveWithRoles();
    const item = { what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' as const }, due: '2026-12-01' };
    judge(suzuki, (doc) => addActionItem(doc, id, item));
    expect(judge(sato, (doc) => closeConference(doc, id, Date.now()))).toEqual({ allowed: true });
    // The refusal says its action items are still updated, between conferences (statusChangedAt), as they are.
    expect(RefusalReason.closed).toBe('終了した会議は変更できません（対応事項は終了後も更新でき、会議の間の変更は次に開催する会議で確認します）');
    const [agreed] = readActionItems(server).value;
    expect(judge(suzuki, (doc) => setActionItemStatus(doc, agreed!.id, '対応中'))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => setActionItemProgress(doc, agreed!.id, '12/3 初回訪問'))).toEqual({ allowed: true });
    expect(readActionItems(server).value[0]).toMatchObject({ status: '対応中', progress: '12/3 初回訪問', statusChangedAfter: id });
    expect(judge(sato, (doc) => assignRole(doc, id, suzuki.userId, { role: '記録' }))).toEqual(refused(RefusalReason.closed));
    expect(judge(suzuki, (doc) => joinConference(doc, id, { ...suzuki, profession: '社会福祉士' }))).toEqual(refused(RefusalReason.closed));
    expect(judge({ userId: sato.userId, isCoordinator: true }, (doc) => assignRole(doc, id, suzuki.userId, { role: '記録' }))).toEqual({
      allowed: true,
    });
  });

  it('anyone may move or call off a planned conference without 司会, only its 司会 one that has one; once called off it stays so', () => {
    const { judge } = setup();
    let open = '';
    let led = '';
    judge(sato, (doc) => {
      open = scheduleConference(doc, { date: '2026-12-10', kind: '個別ケース検討' });
      led = scheduleConference(doc, { date: '2026-12-17', kind: '個別ケース検討' });
    });
    expect(judge(sato, (doc) => assignRole(doc, led, sato.userId, { role: '司会' }))).toEqual({ allowed: true });
    const moved = { date: '2026-12-11', kind: '支援調整会議', place: '社協 相談室' } as const;
    expect(judge(suzuki, (doc) => rescheduleConference(doc, open, moved))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => rescheduleConference(doc, led, moved))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(suzuki, (doc) => cancelConference(doc, led))).toEqual(refused(RefusalReason.notFacilitator));
    expect(judge(sato, (doc) => cancelConference(doc, led))).toEqual({ allowed: true });
    // Called off for good: not planned again, nor joined, even by its 司会.
    expect(judge(sato, (doc) => conferenceEntry(doc, led)!.set('status', 'scheduled'))).toEqual(refused(RefusalReason.cancelled));
    expect(judge(suzuki, (doc) => joinConference(doc, led, suzuki))).toEqual(refused(RefusalReason.cancelled));
  });

  it('a status only moves forward, judged against the one the conference has now, also for an edit made offline', () => {
    const { judge, madeNow } = setup();
    let called = '';
    let held = '';
    judge(sato, (doc) => {
      called = scheduleConference(doc, { date: '2026-12-10', kind: '個別ケース検討' });
      held = scheduleConference(doc, { date: '2026-12-17', kind: '個別ケース検討' });
    });
    const callOff = madeNow(sato, (doc) => cancelConference(doc, called));
    const holdWhole = madeNow(sato, (doc) => {
      startConference(doc, held, sato, 1_000);
      closeConference(doc, held, 2_000);
    });
    // Meanwhile the first is started here: calling it off now would end a conference under way.
    expect(judge(sato, (doc) => startConference(doc, called, sato, Date.now()))).toEqual({ allowed: true });
    expect(callOff()).toEqual(refused(RefusalReason.statusBack));
    // Started and closed at once: both moves forward. Going back is refused, closing is not.
    expect(holdWhole()).toEqual({ allowed: true });
    expect(judge(sato, (doc) => conferenceEntry(doc, called)!.set('status', 'scheduled'))).toEqual(refused(RefusalReason.statusBack));
    expect(judge(sato, (doc) => conferenceEntry(doc, called)!.set('status', 'cancelled'))).toEqual(refused(RefusalReason.statusBack));
    expect(judge(sato, (doc) => closeConference(doc, called, Date.now()))).toEqual({ allowed: true });
  });

  it('a conference is started on its planned day only once that day has come, also by a coordinator; started as today’s, it may be', () => {
    const { server, judge } = setup();
    let later = '';
    judge(sato, (doc) => {
      later = scheduleConference(doc, { date: '2027-02-02', kind: '個別ケース検討' });
    });
    const coordinator = { userId: tanaka.userId, isCoordinator: true };
    expect(judge(sato, (doc) => startConference(doc, later, sato, JUDGED_AT))).toEqual(refused(RefusalReason.futureStart));
    expect(judge(coordinator, (doc) => startConference(doc, later, tanaka, JUDGED_AT))).toEqual(refused(RefusalReason.futureStart));
    // Dated today as it starts: also planned and started in one update (offline).
    expect(judge(sato, (doc) => startConference(doc, later, sato, JUDGED_AT, { heldToday: true }))).toEqual({ allowed: true });
    expect(readConferences(server).value[0]).toMatchObject({ date: '2027-02-01', status: 'live' });
    expect(
      judge(coordinator, (doc) => {
        closeConference(doc, later, JUDGED_AT);
        startConference(doc, scheduleConference(doc, { date: '2027-03-01', kind: '支援会議' }), tanaka, JUDGED_AT, { heldToday: true });
      }),
    ).toEqual({ allowed: true });
  });

  it('the day a conference may start on is Japan’s, whatever zone the server is set to: one dated the 8th from 00:00 there (15:00 UTC on the 7th)', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      const startAt = (at: string) => {
        const { judge } = setup(Date.parse(at));
        let planned = '';
        judge(sato, (doc) => {
          planned = scheduleConference(doc, { date: '2026-12-08', kind: '個別ケース検討' });
        });
        return judge(sato, (doc) => startConference(doc, planned, sato, Date.parse(at)));
      };
      expect(startAt('2026-12-08T00:30:00+09:00')).toEqual({ allowed: true });
      expect(startAt('2026-12-07T23:50:00+09:00')).toEqual(refused(RefusalReason.futureStart));
    } finally {
      process.env.TZ = zone;
    }
  });

  it('one conference of a case is live at a time: a second start is refused, also one made at the same moment or offline', () => {
    const { server, judge, madeNow } = setup();
    let first = '';
    let second = '';
    judge(sato, (doc) => {
      first = scheduleConference(doc, { date: '2026-12-10', kind: '個別ケース検討' });
      second = scheduleConference(doc, { date: '2026-12-17', kind: '個別ケース検討' });
    });
    const startSecond = madeNow(suzuki, (doc) => startConference(doc, second, suzuki, 1_000));
    const coordinatorStartsSecond = madeNow({ userId: tanaka.userId, isCoordinator: true }, (doc) => startConference(doc, second, tanaka, 1_000));
    const planAndStart = madeNow(suzuki, (doc) => startConference(doc, scheduleConference(doc, { date: '2026-12-24', kind: '支援会議' }), suzuki, 1_000));
    expect(judge(sato, (doc) => startConference(doc, first, sato, 1_000))).toEqual({ allowed: true });
    expect(startSecond()).toEqual(refused(RefusalReason.anotherLive));
    expect(coordinatorStartsSecond()).toEqual(refused(RefusalReason.anotherLive));
    expect(planAndStart()).toEqual(refused(RefusalReason.anotherLive));
    expect(readConferences(server).value.filter((c) => c.status === 'live').map((c) => c.id)).toEqual([first]);
    // Closing the live one and starting the next in one update leaves one live.
    expect(
      judge(sato, (doc) =>
        doc.transact(() => {
          closeConference(doc, first, 2_000);
          startConference(doc, second, sato, 2_000);
        }),
      ),
    ).toEqual({ allowed: true });
  });

  it('a role readers would leave out (an advisor’s 職種 too long) is refused, so nobody loses their role that way', () => {
    const { judge, server, id } = liveWithRoles();
    const advisor = (profession: string) => (doc: Y.Doc) => (conferenceEntry(doc, id)!.get('roles') as Y.Map<unknown>).set(suzuki.userId, { role: '助言者', profession });
    expect(judge(sato, advisor('管'.repeat(41)))).toEqual(refused(RefusalReason.unreadable));
    expect(judge(sato, advisor('管理栄養士'))).toEqual({ allowed: true });
    expect(readConferences(server).value[0]!.roles[suzuki.userId]).toEqual({ role: '助言者', profession: '管理栄養士' });
  });

  it('nothing readers would leave out is written, also by a coordinator: a participant, an agenda item, a conference, an action item', () => {
    const { judge, server, id } = liveWithRoles();
    const coordinator = { userId: sato.userId, isCoordinator: true };
    const itemInput = { what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' as const }, due: '2026-12-01' };
    let item = '';
    judge(suzuki, (doc) => {
      item = addActionItem(doc, id, itemInput);
    });
    const participants = (doc: Y.Doc) => conferenceEntry(doc, id)!.get('participants') as Y.Map<unknown>;
    const itemMap = (doc: Y.Doc) => actionItemsMap(doc).get(item) as Y.Map<unknown>;
    const unreadable = {
      '職種 over 40 characters': (doc: Y.Doc) => participants(doc).set(suzuki.userId, { ...suzuki, profession: '管'.repeat(41) }),
      'entry filed under someone else': (doc: Y.Doc) => participants(doc).set(suzuki.userId, { ...sato }),
      'agenda item without time': (doc: Y.Doc) => (conferenceEntry(doc, id)!.get('agenda') as Y.Array<unknown>).push([{ id: 'agenda-0001', title: '報告' }, { id: 'agenda-0002', title: '質疑', minutes: 10 }]),
      'participants as a plain value': (doc: Y.Doc) => conferenceEntry(doc, id)!.set('participants', 'なし'),
      'a key conferences do not have': (doc: Y.Doc) => conferenceEntry(doc, id)!.set('note', 'メモ'),
      'a conference without date': (doc: Y.Doc) => conferenceEntry(doc, id)!.delete('date'),
      'a conference as a plain value': (doc: Y.Doc) => conferencesMap(doc).set('conference-2', { date: '2026-12-01' }),
      'a 内容 over 200 characters': (doc: Y.Doc) => editActionItem(doc, item, itemInput, { ...itemInput, what: 'あ'.repeat(201) }),
      'an item without 期限': (doc: Y.Doc) => [...itemMap(doc).keys()].filter((key) => key.startsWith('due:')).forEach((key) => itemMap(doc).delete(key)),
      'an item as a plain value': (doc: Y.Doc) => actionItemsMap(doc).set('item-00002', { what: '訪問' }),
    };
    for (const [what, write] of Object.entries(unreadable)) {
      expect([what, judge(suzuki, write)]).toEqual([what, refused(RefusalReason.unreadable)]);
      expect([what, judge(coordinator, write)]).toEqual([what, refused(RefusalReason.unreadable)]);
    }
    const { value, problems } = readConferences(server);
    expect(problems).toEqual([]);
    expect(value[0]!.participants.map((p) => p.userId)).toContain(suzuki.userId);
    expect(readActionItems(server)).toMatchObject({ value: [{ id: item, what: '訪問', due: '2026-12-01' }], problems: [] });
    // What readers take is written, the same way.
    expect(judge(suzuki, (doc) => participants(doc).set(suzuki.userId, { ...suzuki, profession: '管'.repeat(40) }))).toEqual({ allowed: true });
    expect(judge(suzuki, (doc) => itemMap(doc).set('ownerName', '田中'))).toEqual({ allowed: true }); // an old page's, beside the versions
  });

  it('an item written before versions were kept: a newer page replacing 担当者 just after an old page wrote its name alone is not refused', () => {
    const { judge, madeNow, server, id } = liveWithRoles();
    judge(suzuki, (doc) => {
      const legacy = new Y.Map<unknown>();
      actionItemsMap(doc).set('legacy-item-1', legacy);
      for (const [key, value] of Object.entries({ conferenceId: id, what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' }, due: '2026-12-01', status: '未着手' })) {
        legacy.set(key, value);
      }
    });
    const seen = { what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' as const }, due: '2026-12-01' };
    const oldPage = madeNow(suzuki, (doc) => (actionItemsMap(doc).get('legacy-item-1') as Y.Map<unknown>).set('ownerName', '田中'));
    const newPage = madeNow(sato, (doc) => editActionItem(doc, 'legacy-item-1', seen, { ...seen, ownerName: '佐藤', ownerAgency: { kind: '行政' } }));
    expect(oldPage()).toEqual({ allowed: true });
    expect(newPage()).toEqual({ allowed: true });
    expect(readActionItems(server).value[0]!.conflicts!.owner!.map((owner) => owner.name)).toEqual(['佐藤', '田中']);
  });

  it('the first to start a conference without 司会 claims it; nobody else can be made 司会 that way', () => {
    const { judge } = setup();
    let id = '';
    judge(suzuki, (doc) => {
      id = scheduleConference(doc, { date: '2026-11-23', kind: '自立支援型' });
    });
    expect(judge(suzuki, (doc) => assignRole(doc, id, sato.userId, { role: '司会' }))).toEqual(refused(RefusalReason.claimOnlySelf));
    expect(judge(suzuki, (doc) => assignRole(doc, id, suzuki.userId, { role: '記録' }))).toEqual(refused(RefusalReason.claimOnlySelf));
    expect(judge(suzuki, (doc) => startConference(doc, id, suzuki, Date.now()))).toEqual({ allowed: true });
    expect(judge(sato, (doc) => assignRole(doc, id, sato.userId, { role: '司会' }))).toEqual(refused(RefusalReason.notFacilitator));
  });

  it('creating a conference that already names someone else 司会 is refused', () => {
    const { judge } = setup();
    expect(
      judge(suzuki, (doc) => {
        const id = scheduleConference(doc, { date: '2026-11-23', kind: '自立支援型' });
        assignRole(doc, id, sato.userId, { role: '司会' });
      }),
    ).toEqual(refused(RefusalReason.claimOnlySelf));
  });

  it('a local copy re-sent whole changes nothing and is accepted even from an observer; with an edit of theirs in it, it is refused', () => {
    const { server, judge } = liveWithRoles();
    judge(sato, (doc) => appendSummaryParagraphs(doc, ['支援方針：週2回の訪問']));
    // The observer's browser kept the case (with its deletions) and sends all of it on reconnect.
    const localCopy = new Y.Doc();
    Y.applyUpdate(localCopy, Y.encodeStateAsUpdate(server));
    const resend = () => judgeConferenceWrite(server, tanaka, updateTouches(server, Y.encodeStateAsUpdate(localCopy)));
    expect(resend()).toEqual({ allowed: true });
    appendSummaryParagraphs(localCopy, ['オフラインで書いたメモ']);
    expect(resend()).toEqual(refused(RefusalReason.observer));
  });

  it('judging an update reads each of its touches a few times, however many it has (a long table pasted at once)', () => {
    const { server, id } = liveWithRoles();
    // A paste of many paragraphs beside an item agreed at the live conference: every rule has something to read.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    client.transact(() => {
      appendSummaryParagraphs(client, Array.from({ length: 500 }, (_, row) => `第${row}行 本人の状況`));
      addActionItem(client, id, { what: '訪問', ownerName: '鈴木', ownerAgency: { kind: '民生委員' }, due: '2026-12-01' });
    });
    const { touches, unresolved } = updateTouches(server, Y.encodeStateAsUpdate(client, before));
    let reads = 0;
    // Counts each read of a touch: a rule that searched all touches for each one (as one did) reads them n² times.
    const counted = new Proxy(touches, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    for (const actor of [suzuki, { userId: sato.userId, isCoordinator: true }]) {
      reads = 0;
      expect(judgeConferenceWrite(server, actor, { touches: counted, unresolved })).toEqual({ allowed: true });
      expect(reads).toBeLessThanOrEqual(10 * touches.length);
    }
  });

  it('an update that cannot be placed is refused to anyone but a coordinator', () => {
    const { server } = setup();
    const unresolved = { touches: [], unresolved: true };
    expect(judgeConferenceWrite(server, { userId: suzuki.userId }, unresolved)).toEqual(refused(RefusalReason.unresolved));
    expect(judgeConferenceWrite(server, { userId: suzuki.userId, isCoordinator: true }, unresolved)).toEqual({ allowed: true });
  });
});

describe('a participant entry names its writer', () => {
  /** Whether `change`, made by `writer` on a copy of the live conference's doc, misnames their own entry. */
  const misnames = (writer: typeof suzuki, change: (doc: Y.Doc, id: string) => void) => {
    const { server, id } = liveWithRoles();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    change(client, id);
    return misnamesOwnEntry(server, writer, updateTouches(server, Y.encodeStateAsUpdate(client, before)).touches);
  };

  it('as signed in, or as the entry already has it; never as someone else, nor as a shared type whose fields no one checks', () => {
    expect(misnames(tanaka, (doc, id) => joinConference(doc, id, tanaka))).toBe(false);
    expect(misnames(tanaka, (doc, id) => joinConference(doc, id, { ...tanaka, name: '佐藤' }))).toBe(true);
    expect(misnames(tanaka, (doc, id) => joinConference(doc, id, { ...tanaka, agency: { kind: '医療機関', other: '北病院' } }))).toBe(true);
    // Renamed since joining: the entry keeps the name it has (confirming 守秘義務 rewrites it whole).
    expect(misnames({ ...suzuki, name: '鈴木（旧姓 高橋）' }, (doc, id) => confirmConfidentiality(doc, id, suzuki.userId, Date.now()))).toBe(false);
    // Another's entry is another rule's (othersEntry); only one's own is judged here.
    expect(misnames(tanaka, (doc, id) => joinConference(doc, id, { ...suzuki, name: '佐藤' }))).toBe(false);
    expect(
      misnames(tanaka, (doc, id) => {
        const entry = new Y.Map<unknown>();
        (conferenceEntry(doc, id)!.get('participants') as Y.Map<unknown>).set(tanaka.userId, entry);
        entry.set('name', '佐藤');
      }),
    ).toBe(true);
  });
  it('by its name and agency as they read: a hidden character stored with the account, or written with the entry, makes it no other name', () => {
    // 「田\u202E中」 reads 「田中」: stored so before one-line text was read without hidden characters.
    const storedSo = { ...tanaka, name: '田\u202E中', agency: { kind: '行政' as const, other: '北病院\u2067' } };
    const asRead = { ...tanaka, agency: { kind: '行政' as const, other: '北病院' } };
    // The conference screen writes the name as read while the account's is stored with the mark …
    expect(misnames(storedSo, (doc, id) => joinConference(doc, id, asRead))).toBe(false);
    // … and a page that took it before it was stored as read writes it with the mark.
    expect(misnames(asRead, (doc, id) => joinConference(doc, id, storedSo))).toBe(false);
    // Read, it is still no one else's.
    expect(misnames(asRead, (doc, id) => joinConference(doc, id, { ...storedSo, name: '中\u202E田' }))).toBe(true);
  });
});
