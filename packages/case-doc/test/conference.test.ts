import { type ActionItem, actionItemTexts, guestUserId, type Participant, PROFESSION_MAX_LENGTH } from '@care/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actionItemsMap,
  addActionItem,
  diffActionItems,
  editActionItem,
  addAgendaItem,
  addAttendee,
  agendaItemTimeMs,
  assignRole,
  canMoveActionItem,
  chooseActionItemVersion,
  cancelConference,
  canMoveConference,
  caseConferenceGlances,
  closeConference,
  conferenceArrayPart,
  conferenceEntry,
  ConferenceKey,
  ConferenceRuleError,
  conferencesMap,
  confirmConfidentiality,
  hasEnded,
  itemsForReview,
  joinConference,
  canFacilitate,
  mayAssignRoles,
  setParticipantReadOnly,
  mayRunConference,
  facilitatorIds,
  moveAgendaItem,
  isOverdue,
  nextActionStatuses,
  openItems,
  pauseAgendaTimer,
  professionLastGiven,
  readActionItems,
  onConferencesEnded,
  onConferencesMoved,
  readConferences,
  removeAgendaItem,
  removeAttendee,
  rescheduleConference,
  scheduleConference,
  setActionItemProgress,
  setActionItemStatus,
  setAgendaItemMinutes,
  setParticipantProfession,
  startAgendaTimer,
  startConference,
  timerElapsedMs,
  appendParagraphs,
  appendSummaryParagraphs,
  conferenceNotesFragment,
  writesOfConferences,
} from '../src/index.ts';

const sato: Participant = { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '地域包括支援センター' } };
const suzuki: Participant = { userId: 'user-suzuki-01', name: '鈴木', agency: { kind: 'その他', other: 'NPO法人みまもり' } };

function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function liveConference() {
  const doc = new Y.Doc();
  const id = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
  startConference(doc, id, sato, 1_000);
  return { doc, id, conference: () => readConferences(doc).value.find((c) => c.id === id)! };
}

describe('conference lifecycle', () => {
  it('moves only forward: scheduled → live → closed, or scheduled → cancelled', () => {
    expect(canMoveConference('scheduled', 'live')).toBe(true);
    expect(canMoveConference('live', 'closed')).toBe(true);
    expect(canMoveConference('scheduled', 'cancelled')).toBe(true);
    expect(canMoveConference('scheduled', 'closed')).toBe(false);
    expect(canMoveConference('closed', 'live')).toBe(false);
    expect(canMoveConference('live', 'scheduled')).toBe(false);
    expect(canMoveConference('live', 'cancelled')).toBe(false);
    expect(canMoveConference('cancelled', 'live')).toBe(false);
    expect(['scheduled', 'live', 'closed', 'cancelled'].filter((s) => hasEnded(s as never))).toEqual(['closed', 'cancelled']);
  });

  it('one planned for another day and held today is dated today: its items are reviewed at the conference after it', () => {
    const doc = new Y.Doc();
    const heldEarly = scheduleConference(doc, { date: '2026-12-31', kind: '個別ケース検討' });
    const asPlanned = scheduleConference(doc, { date: '2026-12-03', kind: '個別ケース検討' });
    startConference(doc, heldEarly, sato, Date.parse('2026-12-06T10:00:00+09:00'), { heldToday: true });
    const item = addActionItem(doc, heldEarly, { what: '見守り訪問', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' }, due: '2026-12-15' });
    closeConference(doc, heldEarly, Date.parse('2026-12-06T11:00:00+09:00'));
    const next = scheduleConference(doc, { date: '2026-12-20', kind: '個別ケース検討' });
    const conferences = () => readConferences(doc).value;
    expect(conferences().find((c) => c.id === heldEarly)!.date).toBe('2026-12-06');
    expect(itemsForReview(conferences(), readActionItems(doc).value, next).map((i) => i.id)).toEqual([item]);
    // Started on its planned day's record, written up afterwards: it keeps its date.
    startConference(doc, asPlanned, sato, Date.parse('2026-12-06T14:00:00+09:00'));
    expect(conferences().find((c) => c.id === asPlanned)!.date).toBe('2026-12-03');
  });

  it('one held today just after midnight in Japan is dated that day there, whatever zone the device is set to', () => {
    const zone = process.env.TZ;
    try {
      for (const deviceZone of ['UTC', 'America/Los_Angeles']) {
        process.env.TZ = deviceZone;
        const doc = new Y.Doc();
        const planned = scheduleConference(doc, { date: '2026-12-01', kind: '個別ケース検討' });
        startConference(doc, planned, sato, Date.parse('2026-12-08T00:30:00+09:00'), { heldToday: true });
        expect(readConferences(doc).value[0]!.date).toBe('2026-12-08');
      }
    } finally {
      process.env.TZ = zone;
    }
  });

  it('a planned conference is moved (date, kind, place) or called off until it starts; one called off is never held', () => {
    const doc = new Y.Doc();
    const id = scheduleConference(doc, { date: '2026-12-10', kind: '個別ケース検討', place: '市役所 第2会議室' });
    const conference = () => readConferences(doc).value.find((c) => c.id === id)!;
    const moved: string[][] = [];
    onConferencesMoved(doc, (ids) => moved.push(ids));
    rescheduleConference(doc, id, { date: '2026-12-10', kind: '支援調整会議' });
    expect(moved).toEqual([]); // same day: not moved
    rescheduleConference(doc, id, { date: '2026-12-17', kind: '支援調整会議' });
    expect(conference()).toMatchObject({ date: '2026-12-17', kind: '支援調整会議', status: 'scheduled' });
    expect(conference().place).toBeUndefined();
    expect(moved).toEqual([[id]]);
    // Seen the same way on another copy of the case, as the server sees a browser's edit.
    const copy = new Y.Doc();
    sync(doc, copy);
    const movedOnCopy: string[][] = [];
    onConferencesMoved(copy, (ids) => movedOnCopy.push(ids));
    rescheduleConference(doc, id, { date: '2026-12-24', kind: '支援調整会議' });
    sync(doc, copy);
    expect(movedOnCopy).toEqual([[id]]);
    const ended: string[][] = [];
    onConferencesEnded(doc, (ids) => ended.push(ids));
    cancelConference(doc, id);
    expect(conference().status).toBe('cancelled');
    expect(ended).toEqual([[id]]);
    expect(() => startConference(doc, id, sato, Date.now())).toThrow(ConferenceRuleError);
    expect(() => rescheduleConference(doc, id, { date: '2026-12-24', kind: '個別ケース検討' })).toThrow(ConferenceRuleError);
    const { doc: running, id: live } = liveConference();
    expect(() => rescheduleConference(running, live, { date: '2026-12-24', kind: '個別ケース検討' })).toThrow(ConferenceRuleError);
    expect(() => cancelConference(running, live)).toThrow(ConferenceRuleError);
  });

  it('two changes of a planned conference from forms opened before either keep both: each writes only what it changed', () => {
    const doc = new Y.Doc();
    const planned = { date: '2026-12-10', kind: '個別ケース検討', place: '市役所 第2会議室' } as const;
    const id = scheduleConference(doc, planned);
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    sync(doc, a);
    sync(doc, b);
    rescheduleConference(a, id, { ...planned, date: '2026-12-17' }, planned);
    rescheduleConference(b, id, { ...planned, place: undefined }, planned);
    sync(a, doc);
    sync(b, doc);
    expect(readConferences(doc).value[0]).toMatchObject({ date: '2026-12-17', kind: '個別ケース検討' });
    expect(readConferences(doc).value[0]!.place).toBeUndefined();
  });
  it('whoever starts a conference without a 司会 becomes its 司会 and a participant', () => {
    const { conference } = liveConference();
    expect(conference()).toMatchObject({ status: 'live', startedAt: 1_000, roles: { [sato.userId]: { role: '司会' } }, participants: [sato] });
  });

  it('keeps a 司会 assigned before the start', () => {
    const doc = new Y.Doc();
    const id = scheduleConference(doc, { date: '2026-11-23', kind: '自立支援型' });
    assignRole(doc, id, suzuki.userId, { role: '司会' });
    startConference(doc, id, sato, Date.now());
    expect(readConferences(doc).value[0]!.roles).toEqual({ [suzuki.userId]: { role: '司会' } });
  });

  it('refuses a second live conference, and closing what is not live', () => {
    const { doc, id } = liveConference();
    const second = scheduleConference(doc, { date: '2026-12-01', kind: '支援調整会議' });
    expect(() => startConference(doc, second, suzuki, Date.now())).toThrow(ConferenceRuleError);
    closeConference(doc, id, 2_000);
    expect(() => closeConference(doc, id, Date.now())).toThrow(ConferenceRuleError);
    expect(() => startConference(doc, id, sato, Date.now())).toThrow(ConferenceRuleError);
    startConference(doc, second, suzuki, Date.now());
  });
});

describe('roles', () => {
  it('the 司会, a coordinator, or anyone while there is no 司会 may run the conference', () => {
    const roles = { [sato.userId]: { role: '司会' as const }, [suzuki.userId]: { role: '記録' as const } };
    expect(mayRunConference({ roles, participants: [] }, { userId: sato.userId })).toBe(true);
    expect(mayRunConference({ roles, participants: [] }, { userId: suzuki.userId })).toBe(false);
    expect(mayRunConference({ roles, participants: [] }, { userId: suzuki.userId, isCoordinator: true })).toBe(true);
    expect(mayRunConference({ roles: { [suzuki.userId]: { role: '記録' } }, participants: [] }, { userId: suzuki.userId })).toBe(true);
  });

  it('a guest given 司会 does not count as one: a guest never runs a conference, so the others may take it on as if it had none', () => {
    const guest = guestUserId('invitation-1');
    const roles = { [guest]: { role: '司会' as const }, [suzuki.userId]: { role: '記録' as const } };
    expect(facilitatorIds({ roles, participants: [] })).toEqual([]);
    expect(mayRunConference({ roles, participants: [] }, { userId: suzuki.userId })).toBe(true);
    expect(mayAssignRoles(roles, { userId: suzuki.userId })).toBe(false); // only to make themselves 司会
    expect(facilitatorIds({ roles: { ...roles, [sato.userId]: { role: '司会' } }, participants: [] })).toEqual([sato.userId]);
  });

  it('a member whose entry says they only read (閲覧のみ) given 司会 does not count as one, as a guest; an older entry without it does', () => {
    const roles = { [suzuki.userId]: { role: '司会' as const }, [sato.userId]: { role: '記録' as const } };
    const reading = { roles, participants: [{ ...suzuki, readOnly: true as const }, sato] };
    expect(facilitatorIds(reading)).toEqual([]);
    expect(canFacilitate(reading.participants, suzuki.userId)).toBe(false);
    expect(mayRunConference(reading, { userId: sato.userId })).toBe(true); // 佐藤 may take 司会 on
    expect(facilitatorIds({ roles, participants: [suzuki, sato] })).toEqual([suzuki.userId]);
  });

  it('a participant whose access changed while live says so in their entry, keeping the rest of it', () => {
    const { doc, id } = liveConference();
    joinConference(doc, id, { ...suzuki, profession: '社会福祉士' });
    setParticipantReadOnly(doc, id, suzuki.userId, true);
    expect(readConferences(doc).value[0]!.participants.find((p) => p.userId === suzuki.userId)).toEqual({ ...suzuki, profession: '社会福祉士', readOnly: true });
    setParticipantReadOnly(doc, id, suzuki.userId, false);
    expect(readConferences(doc).value[0]!.participants.find((p) => p.userId === suzuki.userId)).toEqual({ ...suzuki, profession: '社会福祉士' });
  });

  it('whoever started the conference confirms 守秘義務 later, keeping their entry; someone not taking part cannot', () => {
    const { doc, id } = liveConference();
    const peer = new Y.Doc();
    sync(doc, peer);
    joinConference(peer, id, { ...suzuki, profession: '社会福祉士', confidentialityConfirmedAt: 1_500 });
    confirmConfidentiality(doc, id, sato.userId, 2_000);
    sync(peer, doc);
    sync(doc, peer);
    const [confirmed] = readConferences(peer).value.map((c) => c.participants);
    expect(confirmed).toEqual([
      { ...sato, confidentialityConfirmedAt: 2_000 },
      { ...suzuki, profession: '社会福祉士', confidentialityConfirmedAt: 1_500 },
    ]);
    expect(() => confirmConfidentiality(doc, id, 'user-tanaka-1', Date.now())).toThrow(ConferenceRuleError);
  });

  it('whoever started the conference gives their own 職種, within what the record keeps, and clears it, keeping the rest of their entry', () => {
    const { doc, id, conference } = liveConference();
    confirmConfidentiality(doc, id, sato.userId, 2_000);
    const own = () => conference().participants.find((p) => p.userId === sato.userId);
    setParticipantProfession(doc, id, sato.userId, ' 社会福祉士 ');
    expect(own()).toEqual({ ...sato, profession: '社会福祉士', confidentialityConfirmedAt: 2_000 });
    expect(() => setParticipantProfession(doc, id, sato.userId, 'あ'.repeat(PROFESSION_MAX_LENGTH + 1))).toThrow(ConferenceRuleError);
    expect(own()?.profession).toBe('社会福祉士');
    setParticipantProfession(doc, id, sato.userId, '');
    expect(own()).toEqual({ ...sato, confidentialityConfirmedAt: 2_000 });
    expect(() => setParticipantProfession(doc, id, 'user-tanaka-1', '医師')).toThrow(ConferenceRuleError);
  });

  it("a later conference of the case starts each one's entry with the 職種 they last gave in it: its starter's as it starts, one joining's as the form offers it", () => {
    const doc = new Y.Doc();
    const held = (date: string, join: (id: string) => void) => {
      const id = scheduleConference(doc, { date, kind: '個別ケース検討' });
      startConference(doc, id, sato, Date.parse(`${date}T10:00:00+09:00`));
      join(id);
      closeConference(doc, id, Date.parse(`${date}T11:00:00+09:00`));
      return id;
    };
    held('2026-11-09', (id) => {
      setParticipantProfession(doc, id, sato.userId, '主任介護支援専門員');
      joinConference(doc, id, { ...suzuki, profession: '薬剤師' });
    });
    held('2026-11-23', (id) => {
      setParticipantProfession(doc, id, sato.userId, '社会福祉士');
      joinConference(doc, id, suzuki); // gave none this time: the last one given stays
    });
    // Held on an earlier day, written up afterwards: not the latest, in the order they happen.
    held('2026-11-01', (id) => setParticipantProfession(doc, id, sato.userId, '保健師'));
    const third = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
    startConference(doc, third, sato, Date.parse('2026-12-07T10:00:00+09:00'));
    const conferences = readConferences(doc).value;
    expect(conferences.find((c) => c.id === third)!.participants).toEqual([{ ...sato, profession: '社会福祉士' }]);
    expect(professionLastGiven(conferences, suzuki.userId, third)).toBe('薬剤師');
    expect(professionLastGiven(conferences, 'guest_invitation-2', third)).toBeUndefined();
    // One given as they start (none is asked for today) is theirs.
    const fourth = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
    closeConference(doc, third, Date.parse('2026-12-07T11:00:00+09:00'));
    startConference(doc, fourth, { ...suzuki, profession: '管理薬剤師' }, Date.parse('2026-12-07T13:00:00+09:00'));
    expect(readConferences(doc).value.find((c) => c.id === fourth)!.participants).toEqual([{ ...suzuki, profession: '管理薬剤師' }]);
  });

  it('those present without an account are listed in the order added, alike on every peer, and can be taken off', () => {
    const { doc, id } = liveConference();
    const peer = new Y.Doc();
    sync(doc, peer);
    const self = addAttendee(doc, id, { name: '山田花子', affiliation: '本人' });
    addAttendee(doc, id, { name: '山田一郎', affiliation: '長男' });
    sync(doc, peer);
    const listed = (d: Y.Doc) => readConferences(d).value[0]!.attendees.map((a) => `${a.name}（${a.affiliation}）`);
    expect(listed(peer)).toEqual(['山田花子（本人）', '山田一郎（長男）']);
    removeAttendee(peer, id, self);
    sync(peer, doc);
    expect(listed(doc)).toEqual(['山田一郎（長男）']);
  });

  it('a conference planned before attendees were kept gets its list when the first is added', () => {
    const { doc, id } = liveConference();
    conferenceEntry(doc, id)!.delete(ConferenceKey.attendees);
    expect(readConferences(doc).value[0]!.attendees).toEqual([]);
    addAttendee(doc, id, { name: '佐々木', affiliation: '訪問看護ステーション' });
    expect(readConferences(doc).value[0]!.attendees.map((a) => a.name)).toEqual(['佐々木']);
  });

  it('a role change reaches every peer; only 助言者 keeps a profession', () => {
    const { doc, id } = liveConference();
    const peer = new Y.Doc();
    sync(doc, peer);
    joinConference(peer, id, suzuki);
    sync(peer, doc);
    assignRole(doc, id, suzuki.userId, { role: '助言者', profession: '理学療法士' });
    assignRole(doc, id, 'user-tanaka-1', { role: '記録', profession: '理学療法士' });
    sync(doc, peer);
    const seen = readConferences(peer).value[0]!;
    expect(seen.roles[suzuki.userId]).toEqual({ role: '助言者', profession: '理学療法士' });
    expect(seen.roles['user-tanaka-1']).toEqual({ role: '記録' });
    expect(seen.participants.map((p) => p.name).sort()).toEqual(['佐藤', '鈴木']);
  });
  it('a 助言者’s profession longer than the schema takes is refused, and the role kept (readers would drop it); an empty one is none', () => {
    const { doc, id } = liveConference();
    assignRole(doc, id, suzuki.userId, { role: '助言者', profession: '薬剤師' });
    const tooLong = '管'.repeat(PROFESSION_MAX_LENGTH + 1);
    expect(() => assignRole(doc, id, suzuki.userId, { role: '助言者', profession: tooLong })).toThrow(new ConferenceRuleError('職種は40文字までです'));
    expect(readConferences(doc).value[0]!.roles[suzuki.userId]).toEqual({ role: '助言者', profession: '薬剤師' });
    assignRole(doc, id, suzuki.userId, { role: '助言者', profession: '' });
    expect(readConferences(doc).value[0]!.roles[suzuki.userId]).toEqual({ role: '助言者' });
  });

  it('lists action items alike on every peer, by due date, whatever order they reached it in', () => {
    const { doc, id } = liveConference();
    const items = [
      { what: '配食サービスの調整', due: '2026-12-20' },
      { what: '見守り訪問を週2回', due: '2026-12-10' },
      { what: '主治医へ連絡', due: '2026-12-01' },
    ];
    items.forEach((item, i) => {
      const peer = new Y.Doc();
      peer.clientID = i + 1; // a doc loaded at once takes map entries in client order
      sync(doc, peer);
      addActionItem(peer, id, { ...item, ownerName: '佐藤', ownerAgency: { kind: '地域包括支援センター' } });
      sync(peer, doc);
    });
    const late = new Y.Doc();
    sync(doc, late);
    const whats = (d: Y.Doc) => readActionItems(d).value.map((item) => item.what);
    expect(whats(doc)).toEqual(['主治医へ連絡', '見守り訪問を週2回', '配食サービスの調整']);
    expect(whats(late)).toEqual(whats(doc));
  });
  it('keeps both of two edits of one action item made at once from forms opened before either: each writes only the fields it changed', () => {
    const { doc, id } = liveConference();
    const item = { what: '見守り訪問を週2回', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };
    const itemId = addActionItem(doc, id, item);
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    sync(doc, a);
    sync(doc, b);
    editActionItem(a, itemId, item, { ...item, due: '2026-12-24' });
    editActionItem(b, itemId, item, { ...item, what: '見守り訪問を週3回', ownerAgency: { kind: 'その他', other: 'NPO法人みまもり' } });
    sync(a, doc);
    sync(b, doc);
    expect(readActionItems(doc).value[0]).toMatchObject({ what: '見守り訪問を週3回', ownerName: '鈴木', ownerAgency: { kind: 'その他', other: 'NPO法人みまもり' }, due: '2026-12-24' });
  });
  it('lists participants alike on every peer, whatever order their entries reached it: by agency, then name', () => {
    const tanaka: Participant = { userId: 'user-tanaka-01', name: '田中', agency: { kind: '民生委員' } };
    const takahashi: Participant = { userId: 'user-takahashi', name: '高橋', agency: { kind: '地域包括支援センター' } };
    const { doc, id } = liveConference(); // 佐藤 (包括) started it
    [suzuki, tanaka, takahashi].forEach((person, i) => {
      const peer = new Y.Doc();
      peer.clientID = i + 1; // a peer loading the doc at once takes its entries in client order, not in the order they joined
      sync(doc, peer);
      joinConference(peer, id, person);
      sync(peer, doc);
    });
    const late = new Y.Doc();
    sync(doc, late);
    const names = (d: Y.Doc) => readConferences(d).value[0]!.participants.map((p) => p.name);
    expect(names(doc)).toEqual(['高橋', '佐藤', '田中', '鈴木']); // 包括 ×2 (高 before 佐 in Japanese order), 民生委員, その他 (NPO)
    expect(names(late)).toEqual(names(doc));
  });
});

describe('reading values written by peers', () => {
  it('leaves out invalid values and says what was wrong, without throwing', () => {
    const { doc, id } = liveConference();
    const entry = conferencesMap(doc).get(id) as Y.Map<unknown>;
    (entry.get('roles') as Y.Map<unknown>).set(suzuki.userId, { role: '神' });
    (entry.get('participants') as Y.Map<unknown>).set('user-mismatch', sato);
    entry.set('timer', 'soon');
    conferencesMap(doc).set('broken-1', 'not a map');
    const bad = new Y.Map();
    conferencesMap(doc).set('broken-2', bad);
    bad.set('date', 'tomorrow');

    const { value, problems } = readConferences(doc);
    expect(value).toHaveLength(1);
    expect(value[0]!.roles).toEqual({ [sato.userId]: { role: '司会' } });
    expect(value[0]!.participants).toEqual([sato]);
    expect(value[0]!.timer).toEqual({ itemId: null, runningSince: null, elapsedMs: 0 });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('broken-1');
  });

  it('leaves out an invalid action item', () => {
    const { doc, id } = liveConference();
    addActionItem(doc, id, { what: '訪問', ownerName: '佐藤', ownerAgency: { kind: '行政' }, due: '2026-12-01' });
    const bad = new Y.Map();
    doc.getMap('actionItems').set('bad-item-1', bad);
    bad.set('what', '');
    const { value, problems } = readActionItems(doc);
    expect(value.map((item) => item.what)).toEqual(['訪問']);
    expect(problems).toHaveLength(1);
  });
});

describe('agenda timer', () => {
  it('every peer computes the same running time from the shared start time', () => {
    const { doc, id, conference } = liveConference();
    const first = addAgendaItem(doc, id, { title: '事例紹介', minutes: 5 });
    const second = addAgendaItem(doc, id, { title: '質疑', minutes: 10 });
    startAgendaTimer(doc, id, first, 10_000);
    const peer = new Y.Doc();
    sync(doc, peer);
    const peerTimer = readConferences(peer).value[0]!.timer;
    expect(timerElapsedMs(peerTimer, 70_000)).toBe(60_000);
    expect(timerElapsedMs(conference().timer, 70_000)).toBe(60_000);

    pauseAgendaTimer(doc, id, 40_000);
    expect(timerElapsedMs(conference().timer, 99_000)).toBe(30_000);
    startAgendaTimer(doc, id, first, 100_000);
    expect(timerElapsedMs(conference().timer, 110_000)).toBe(40_000);
    startAgendaTimer(doc, id, second, 120_000);
    expect(conference().timer).toMatchObject({ itemId: second, runningSince: 120_000, elapsedMs: 0 });
    closeConference(doc, id, 130_000);
    expect(conference().timer).toMatchObject({ itemId: second, runningSince: null, elapsedMs: 10_000 });
  });

  it('keeps the time of each item over all its turns, so the record says how long each took', () => {
    const { doc, id, conference } = liveConference();
    const [intro, questions, advice] = ['事例紹介', '質疑', '助言'].map((title) => addAgendaItem(doc, id, { title, minutes: 5 })) as [string, string, string];
    startAgendaTimer(doc, id, intro, 0);
    startAgendaTimer(doc, id, questions, 300_000); // 事例紹介 ran 5 min
    pauseAgendaTimer(doc, id, 360_000);
    startAgendaTimer(doc, id, intro, 400_000); // back to 事例紹介: it goes on from 5:00
    expect(timerElapsedMs(conference().timer, 430_000)).toBe(330_000);
    startAgendaTimer(doc, id, questions, 430_000); // 質疑 goes on from 1:00
    const timer = () => conference().timer;
    expect([intro, questions, advice].map((item) => agendaItemTimeMs(timer(), item, 490_000))).toEqual([330_000, 120_000, 0]);
    closeConference(doc, id, 500_000);
    expect([intro, questions, advice].map((item) => agendaItemTimeMs(timer(), item, 999_999))).toEqual([330_000, 130_000, 0]);
  });
});

describe('agenda', () => {
  it('the facilitator moves an item up or down and changes its time box; peers see the same list', () => {
    const { doc, id, conference } = liveConference();
    const [intro, , advice] = ['事例紹介', '質疑', '助言'].map((title) => addAgendaItem(doc, id, { title, minutes: 10 })) as [string, string, string];
    const titles = () => conference().agenda.map((item) => `${item.title}${item.minutes}`);
    moveAgendaItem(doc, id, advice, -1);
    moveAgendaItem(doc, id, intro, -1); // already first: stays
    setAgendaItemMinutes(doc, id, advice, 15);
    expect(titles()).toEqual(['事例紹介10', '助言15', '質疑10']);
    moveAgendaItem(doc, id, intro, 1);
    const peer = new Y.Doc();
    sync(doc, peer);
    expect(readConferences(peer).value[0]!.agenda.map((item) => item.title)).toEqual(['助言', '事例紹介', '質疑']);
    expect(() => moveAgendaItem(doc, id, 'no-such-item', 1)).toThrow(ConferenceRuleError);
  });

  it('two facilitators moving the same item at once leave it listed once, and removing it removes it', () => {
    const { doc, id, conference } = liveConference();
    const [, second] = ['事例紹介', '質疑', '助言'].map((title) => addAgendaItem(doc, id, { title, minutes: 10 })) as [string, string, string];
    const other = new Y.Doc();
    sync(doc, other);
    moveAgendaItem(doc, id, second, -1);
    moveAgendaItem(other, id, second, 1);
    sync(doc, other);
    sync(other, doc);
    const titles = (d: Y.Doc) => readConferences(d).value[0]!.agenda.map((item) => item.title);
    expect(conferenceArrayPart(doc, id, 'agenda')!.length).toBe(4); // two copies of 質疑
    expect(titles(doc)).toHaveLength(3);
    expect(titles(doc)).toEqual(titles(other));
    expect(readConferences(doc).problems).toEqual([]);
    removeAgendaItem(doc, id, second);
    expect(conference().agenda.map((item) => item.title)).toEqual(['事例紹介', '助言']);
    expect(conferenceArrayPart(doc, id, 'agenda')!.length).toBe(2);
  });
});

describe('action items', () => {
  it('open items may go anywhere; finished ones only back to 対応中', () => {
    expect(nextActionStatuses('未着手')).toEqual(['対応中', '完了', '中止']);
    expect(nextActionStatuses('対応中')).toEqual(['未着手', '完了', '中止']);
    expect(nextActionStatuses('完了')).toEqual(['対応中']);
    expect(canMoveActionItem('中止', '未着手')).toBe(false);
    expect(canMoveActionItem('完了', '完了')).toBe(false);
  });

  it('an open item is overdue once its due date is before the conference it is reviewed at', () => {
    expect(isOverdue({ status: '対応中', due: '2026-12-10' }, '2026-12-15')).toBe(true);
    expect(isOverdue({ status: '未着手', due: '2026-12-10' }, '2026-12-10')).toBe(false); // due that day
    expect(isOverdue({ status: '完了', due: '2026-12-10' }, '2026-12-15')).toBe(false);
    expect(isOverdue({ status: '中止', due: '2026-12-10' }, '2026-12-15')).toBe(false);
  });

  it('lists the open items of every conference, soonest due first, with the conference each was agreed at, as the case names it', () => {
    const { doc, id: first } = liveConference();
    const owner = { ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const } };
    addActionItem(doc, first, { what: '見守り訪問', ...owner, due: '2026-12-20' });
    const done = addActionItem(doc, first, { what: '配食サービス調整', ...owner, due: '2026-12-01' });
    setActionItemStatus(doc, done, '完了');
    closeConference(doc, first, Date.now());
    // Another of its kind later that day: each named by the time it started.
    const second = scheduleConference(doc, { date: '2026-11-23', kind: '個別ケース検討' });
    startConference(doc, second, sato, Date.parse('2026-11-23T15:10:00+09:00'));
    addActionItem(doc, second, { what: '主治医へ相談', ...owner, due: '2026-12-05' });
    const open = openItems(readConferences(doc).value, readActionItems(doc).value);
    expect(open.map(({ item, agreedAt }) => [item.what, agreedAt])).toEqual([
      ['主治医へ相談', '2026-11-23 個別ケース検討 15:10開始'],
      ['見守り訪問', '2026-11-23 個別ケース検討 09:00開始'], // started at 1_000: 09:00:01 in Japan
    ]);
    expect(openItems([], readActionItems(doc).value).map((o) => o.agreedAt)).toEqual([null, null]);
  });

  it('open items of earlier conferences come up for review at the next one, and stay there once updated', () => {
    const { doc, id: first } = liveConference();
    const owner = { ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };
    const visit = addActionItem(doc, first, { what: '見守り訪問を週2回', ...owner });
    const meds = addActionItem(doc, first, { what: '服薬カレンダー導入', ...owner });
    const dropped = addActionItem(doc, first, { what: '配食サービス調整', ...owner });
    setActionItemStatus(doc, dropped, '中止');
    closeConference(doc, first, Date.now());

    const second = scheduleConference(doc, { date: '2026-12-15', kind: '個別ケース検討' });
    startConference(doc, second, sato, Date.now());
    const review = () => itemsForReview(readConferences(doc).value, readActionItems(doc).value, second).map((i) => i.id);
    expect(review().sort()).toEqual([visit, meds].sort());

    setActionItemStatus(doc, visit, '完了');
    expect(review().sort()).toEqual([visit, meds].sort());
    const items = readActionItems(doc).value;
    expect(items.find((i) => i.id === visit)).toMatchObject({ status: '完了', statusConferenceId: second, conferenceId: first });
    expect(() => setActionItemStatus(doc, dropped, '未着手')).toThrow(ConferenceRuleError);

    // Items agreed at the second conference are not reviewed at it, nor at an earlier one.
    addActionItem(doc, second, { what: '次回までに主治医へ相談', ...owner });
    expect(review()).toHaveLength(2);
    expect(itemsForReview(readConferences(doc).value, readActionItems(doc).value, first)).toEqual([]);
    // Closed at the second conference: no longer due for review at a third.
    const third = scheduleConference(doc, { date: '2027-01-20', kind: '個別ケース検討' });
    const atThird = itemsForReview(readConferences(doc).value, readActionItems(doc).value, third) as ActionItem[];
    expect(atThird.map((i) => i.what).sort()).toEqual(['服薬カレンダー導入', '次回までに主治医へ相談']);
  });
});

describe('agreeing an action item', () => {
  const input = { what: '見守り訪問', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };

  it('is done at the live conference only: not at one planned, nor at one that has ended', () => {
    const { doc, id } = liveConference();
    const planned = scheduleConference(doc, { date: '2026-12-21', kind: '個別ケース検討' });
    expect(() => addActionItem(doc, planned, input)).toThrow(ConferenceRuleError);
    addActionItem(doc, id, input);
    closeConference(doc, id, 2_000);
    expect(() => addActionItem(doc, id, input)).toThrow(ConferenceRuleError);
    cancelConference(doc, planned);
    expect(() => addActionItem(doc, planned, input)).toThrow(ConferenceRuleError);
    expect(readActionItems(doc).value.map((item) => item.conferenceId)).toEqual([id]);
  });
});

describe('a status changed between conferences', () => {
  const owner = { ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };
  const review = (doc: Y.Doc, conferenceId: string) =>
    itemsForReview(readConferences(doc).value, readActionItems(doc).value, conferenceId)
      .map((i) => `${i.what}:${i.status}`)
      .sort();
  const itemOf = (doc: Y.Doc, id: string) => readActionItems(doc).value.find((i) => i.id === id)!;
  /** The conference a status change is at, and the one held before a change between conferences. */
  const changedAt = (doc: Y.Doc, id: string) => [itemOf(doc, id).statusConferenceId, itemOf(doc, id).statusChangedAfter];

  it('is made at no conference, and comes up at the next one held, also when shown on a planned or cancelled one meanwhile', () => {
    const { doc, id: first } = liveConference();
    const visit = addActionItem(doc, first, { what: '見守り訪問', ...owner });
    const meds = addActionItem(doc, first, { what: '服薬カレンダー', ...owner });
    closeConference(doc, first, 2_000);
    const calledOff = scheduleConference(doc, { date: '2026-12-01', kind: '個別ケース検討' });

    // A Tuesday between conferences (the planned one on screen): done, as no conference decided.
    setActionItemStatus(doc, visit, '完了');
    expect(changedAt(doc, visit)).toEqual([undefined, first]);
    expect(review(doc, calledOff)).toEqual(['服薬カレンダー:未着手', '見守り訪問:完了']);
    cancelConference(doc, calledOff);

    // The next conference held reviews it, changed since the last one; the one after does not.
    const next = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
    expect(review(doc, next)).toEqual(['服薬カレンダー:未着手', '見守り訪問:完了']);
    startConference(doc, next, sato, 3_000);
    expect(review(doc, next)).toEqual(['服薬カレンダー:未着手', '見守り訪問:完了']);
    // Changed while a conference is live: at that conference, whichever conference is on screen.
    setActionItemStatus(doc, meds, '対応中');
    expect(changedAt(doc, meds)).toEqual([next, undefined]);
    closeConference(doc, next, 4_000);
    const after = scheduleConference(doc, { date: '2027-01-12', kind: '個別ケース検討' });
    expect(review(doc, after)).toEqual(['服薬カレンダー:対応中']);

    // Reopened between conferences: open again, and no longer stamped with the conference that closed it.
    setActionItemStatus(doc, visit, '対応中');
    expect(changedAt(doc, visit)).toEqual([undefined, next]);
    expect(review(doc, after)).toEqual(['服薬カレンダー:対応中', '見守り訪問:対応中']);
  });

  it('reaching the others only after the next conference closed, is reviewed at the next one held after it arrives, and only there', () => {
    const { doc, id: first } = liveConference();
    const visit = addActionItem(doc, first, { what: '見守り訪問', ...owner });
    closeConference(doc, first, 2_000);
    const offline = new Y.Doc();
    sync(doc, offline);
    // 鈴木, offline, marks it done; meanwhile the next conference is held and closed without it.
    setActionItemStatus(offline, visit, '完了');
    const missed = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
    startConference(doc, missed, sato, 3_000);
    closeConference(doc, missed, 4_000);
    sync(offline, doc);

    expect(review(doc, missed)).toEqual([]);
    const next = scheduleConference(doc, { date: '2027-01-12', kind: '個別ケース検討' });
    expect(review(doc, next)).toEqual(['見守り訪問:完了']);
    startConference(doc, next, sato, 5_000);
    closeConference(doc, next, 6_000);
    expect(review(doc, next)).toEqual(['見守り訪問:完了']);
    // Reviewed once: not again at the one after.
    const after = scheduleConference(doc, { date: '2027-02-12', kind: '個別ケース検討' });
    expect(review(doc, after)).toEqual([]);
    expect(review(doc, missed)).toEqual([]);
  });
});

describe('fields of an action item written by people who had not seen each other’s (one of them offline)', () => {
  const input = { what: '見守り訪問', ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };
  const itemOf = (doc: Y.Doc, id: string) => readActionItems(doc).value.find((i) => i.id === id)!;
  /** The item holds these values, each its field's only version. */
  function holdsOnly(doc: Y.Doc, id: string, fields: Partial<ActionItem>) {
    expect(itemOf(doc, id)).toMatchObject(fields);
    expect(itemOf(doc, id).conflicts).toBeUndefined();
  }
  /** Two peers holding the same item, e.g. two browsers in the same conference. */
  function twoPeers() {
    const { doc: a, id: conferenceId } = liveConference();
    const item = addActionItem(a, conferenceId, input);
    setActionItemProgress(a, item, '訪問予定');
    const b = new Y.Doc();
    sync(a, b);
    return { a, b, item, conferenceId };
  }
  /** Each peer writes without seeing the other's, then they sync both ways. */
  function meanwhile(a: Y.Doc, b: Y.Doc, writeA: () => void, writeB: () => void) {
    writeA();
    writeB();
    sync(a, b);
    sync(b, a);
  }
  const writeText = {
    what: (doc: Y.Doc, item: string, text: string) => editActionItem(doc, item, input, { ...input, what: text }),
    progress: (doc: Y.Doc, item: string, text: string) => setActionItemProgress(doc, item, text),
  };

  it.each(['what', 'progress'] as const)('%s: keeps both, alike on both sides, shown side by side, until written again seeing both', (field) => {
    const { a, b, item } = twoPeers();
    const write = writeText[field];
    const before = readActionItems(a).value;
    meanwhile(a, b, () => write(a, item, '12/3 電話で確認'), () => write(b, item, '12/4 訪問し本人と面談'));
    const both = itemOf(a, item).conflicts![field]!;
    expect([...both].sort()).toEqual(['12/3 電話で確認', '12/4 訪問し本人と面談']);
    expect(itemOf(b, item)).toEqual(itemOf(a, item));
    expect(itemOf(a, item)[field]).toBe(both[0]);
    expect(actionItemTexts(itemOf(a, item))[field]).toBe(both.join(' ／ '));
    // A record's diff says both were written.
    const [changed] = diffActionItems(before, readActionItems(a).value).changed;
    expect(changed!.changes).toEqual([{ field, from: before[0]![field], to: both.join(' ／ ') }]);

    setActionItemProgress(b, item, '12/3 電話、12/4 訪問（本人と面談）');
    editActionItem(b, item, input, { ...input, what: '12/3 電話、12/4 訪問（本人と面談）' });
    sync(b, a);
    holdsOnly(a, item, { [field]: '12/3 電話、12/4 訪問（本人と面談）' });
  });

  it('期限 and 状況: both kept; every peer sorts and judges the item by the earliest date and an open status, until one is chosen', () => {
    const { a, b, item, conferenceId } = twoPeers();
    meanwhile(
      a,
      b,
      () => {
        editActionItem(a, item, input, { ...input, due: '2026-12-24' });
        setActionItemStatus(a, item, '完了');
      },
      () => {
        editActionItem(b, item, input, { ...input, due: '2026-12-17' });
        setActionItemStatus(b, item, '対応中');
      },
    );
    for (const doc of [a, b]) {
      expect(itemOf(doc, item)).toMatchObject({ due: '2026-12-17', status: '対応中', conflicts: { due: ['2026-12-17', '2026-12-24'], status: ['対応中', '完了'] } });
    }
    expect(actionItemTexts(itemOf(a, item))).toMatchObject({ due: '2026-12-17 ／ 2026-12-24', status: '対応中 ／ 完了' });

    chooseActionItemVersion(b, item, 'due', '2026-12-24');
    setActionItemStatus(b, item, '対応中'); // already shown, chosen all the same
    sync(b, a);
    holdsOnly(a, item, { due: '2026-12-24', status: '対応中' });
  });

  it('状況 written 完了 and 中止: either is chosen, though a finished status moves only to 対応中', () => {
    const { a, b, item, conferenceId } = twoPeers();
    meanwhile(a, b, () => setActionItemStatus(a, item, '完了'), () => setActionItemStatus(b, item, '中止'));
    expect(itemOf(a, item).status).toBe('完了');
    setActionItemStatus(a, item, '中止');
    holdsOnly(a, item, { status: '中止' });
    expect(() => setActionItemStatus(a, item, '完了')).toThrow(ConferenceRuleError);
  });

  it('担当者: person and agency stay together, both kept, one chosen', () => {
    const { a, b, item } = twoPeers();
    const tanaka = { name: '田中', agency: { kind: '地域包括支援センター' as const } };
    const suzukiNpo = { name: '鈴木', agency: { kind: 'その他' as const, other: 'NPO法人みまもり' } };
    meanwhile(
      a,
      b,
      () => editActionItem(a, item, input, { ...input, ownerName: tanaka.name, ownerAgency: tanaka.agency }),
      () => editActionItem(b, item, input, { ...input, ownerAgency: suzukiNpo.agency }),
    );
    const { ownerName, ownerAgency, conflicts } = itemOf(a, item);
    expect([...conflicts!.owner!].sort((x, y) => x.name.localeCompare(y.name))).toEqual([tanaka, suzukiNpo]);
    expect({ name: ownerName, agency: ownerAgency }).toEqual(conflicts!.owner![0]); // never one's name with the other's agency
    expect(itemOf(b, item)).toEqual(itemOf(a, item));

    chooseActionItemVersion(b, item, 'owner', tanaka);
    sync(b, a);
    holdsOnly(a, item, { ownerName: '田中', ownerAgency: tanaka.agency });
    expect(() => chooseActionItemVersion(a, item, 'owner', suzukiNpo)).toThrow(ConferenceRuleError); // settled meanwhile
  });

  it('one that was seen is replaced: the later writer had it on screen', () => {
    const { a, b, item } = twoPeers();
    setActionItemProgress(a, item, '12/3 電話で確認済み');
    editActionItem(a, item, input, { ...input, due: '2026-12-24' });
    sync(a, b);
    setActionItemProgress(b, item, '12/3 電話で確認済み。12/20 訪問予定');
    editActionItem(b, item, { ...input, due: '2026-12-24' }, { ...input, due: '2026-12-17' });
    sync(b, a);
    holdsOnly(a, item, { progress: '12/3 電話で確認済み。12/20 訪問予定', due: '2026-12-17' });
  });

  it('written alike by both: one version, no conflict', () => {
    const { a, b, item } = twoPeers();
    const write = (doc: Y.Doc) => () => editActionItem(doc, item, input, { ...input, due: '2026-12-24' });
    meanwhile(a, b, write(a), write(b));
    holdsOnly(a, item, { due: '2026-12-24' });
  });

  it('cleared by one while another wrote it: what was written stays', () => {
    const { a, b, item } = twoPeers();
    setActionItemProgress(a, item, ' ');
    expect(itemOf(a, item).progress).toBeUndefined();
    meanwhile(a, b, () => {}, () => setActionItemProgress(b, item, '12/4 訪問し本人と面談'));
    holdsOnly(a, item, { progress: '12/4 訪問し本人と面談' });
  });

  /** Two peers holding an item written before versions were kept, with one plain value a field. */
  function legacyItem() {
    const { doc: a, id: conferenceId } = liveConference();
    const item = new Y.Map<unknown>();
    actionItemsMap(a).set('legacy-item-1', item);
    const before = { ...input, conferenceId, status: '対応中', statusConferenceId: conferenceId, progress: '訪問予定' };
    for (const [key, value] of Object.entries(before)) item.set(key, value); // as written before
    const b = new Y.Doc();
    sync(a, b);
    return { a, b, item, before };
  }

  it('an item written before versions were kept reads its plain values; writes replace them, and keep both of two made meanwhile', () => {
    const { a, b, item, before } = legacyItem();
    expect(itemOf(a, 'legacy-item-1')).toEqual({ id: 'legacy-item-1', ...before });
    meanwhile(
      a,
      b,
      () => editActionItem(a, 'legacy-item-1', input, { ...input, what: '見守り訪問を週2回', ownerName: '田中' }),
      () => editActionItem(b, 'legacy-item-1', input, { ...input, what: '見守り訪問を週3回', ownerName: '佐藤' }),
    );
    setActionItemProgress(a, 'legacy-item-1', '訪問済み');
    setActionItemStatus(a, 'legacy-item-1', '完了');
    const read = itemOf(a, 'legacy-item-1');
    expect([...read.conflicts!.what!].sort()).toEqual(['見守り訪問を週2回', '見守り訪問を週3回']);
    expect(read.conflicts!.owner!.map((owner) => owner.name).sort()).toEqual(['佐藤', '田中']);
    expect(read).toMatchObject({ progress: '訪問済み', status: '完了', due: '2026-12-10' });
    expect([...item.keys()].filter((key) => ['what', 'ownerName', 'ownerAgency', 'status', 'progress'].includes(key))).toEqual([]);
  });

  it('an old page’s 担当者 name or agency alone, written while a newer one replaced 担当者, is kept as a version, its other half unknown', () => {
    const sato = { name: '佐藤', agency: { kind: '行政' as const } };
    for (const [key, value, lone] of [
      ['ownerName', '田中', { name: '田中', agency: { kind: 'その他', other: '所属不明' } }],
      ['ownerAgency', { kind: '民生委員' }, { name: '氏名不明', agency: { kind: '民生委員' } }],
    ] as const) {
      const { a, b, item } = legacyItem();
      // The old page (cached before the update) writes the one plain key it changed; the new one deletes both and adds owner:<id>.
      meanwhile(a, b, () => item.set(key, value), () => editActionItem(b, 'legacy-item-1', input, { ...input, ownerName: sato.name, ownerAgency: sato.agency }));
      for (const doc of [a, b]) {
        expect(readActionItems(doc).problems).toEqual([]);
        expect(itemOf(doc, 'legacy-item-1')).toMatchObject({ ownerName: '佐藤', ownerAgency: sato.agency, conflicts: { owner: [sato, lone] } });
      }
      chooseActionItemVersion(a, 'legacy-item-1', 'owner', sato);
      holdsOnly(a, 'legacy-item-1', { ownerName: '佐藤' });
      expect(item.has(key)).toBe(false);
    }
  });

  it('writes nothing when the value is the one already there, and refuses a 経過 over 200 characters', () => {
    const { a, item } = twoPeers();
    const updates: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => updates.push(update));
    setActionItemProgress(a, item, ' 訪問予定 ');
    editActionItem(a, item, { ...input, what: '前の内容' }, input);
    expect(updates).toEqual([]);
    expect(() => setActionItemProgress(a, item, 'あ'.repeat(201))).toThrow(ConferenceRuleError);
    expect(itemOf(a, item).progress).toBe('訪問予定');
  });
});

describe('what belongs to a conference, for its record to take as it arrives after the close', () => {
  const owner = { ownerName: '鈴木', ownerAgency: { kind: '社会福祉協議会' as const }, due: '2026-12-10' };

  it('its 検討内容 and the items agreed or reviewed there, added or edited there; not another conference’s item, the summary, nor a status changed after the close', () => {
    const { doc, id: first } = liveConference();
    const visit = addActionItem(doc, first, { what: '見守り訪問', ...owner });
    const meals = addActionItem(doc, first, { what: '配食サービス調整', ...owner });
    setActionItemStatus(doc, meals, '完了');
    closeConference(doc, first, 2_000);
    const second = scheduleConference(doc, { date: '2026-12-15', kind: '個別ケース検討' });
    startConference(doc, second, sato, 3_000);
    const meds = addActionItem(doc, second, { what: '服薬カレンダー導入', ...owner });
    // The 記録's page, which has not yet seen the close.
    const page = new Y.Doc();
    sync(doc, page);
    closeConference(doc, second, 4_000);
    const writesHere = writesOfConferences(doc, [second]);
    /** Whether writing `write` on `from` and bringing it to the closed doc writes what belongs to the second conference. */
    const belongs = (from: Y.Doc, write: (on: Y.Doc) => void) => {
      const seen: boolean[] = [];
      const listen = (_u: Uint8Array, _o: unknown, _d: Y.Doc, transaction: Y.Transaction) => seen.push(writesHere(transaction));
      doc.on('update', listen);
      const before = Y.encodeStateVector(from);
      write(from);
      if (from !== doc) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from, before));
      doc.off('update', listen);
      return seen;
    };

    expect(belongs(page, (on) => appendParagraphs(conferenceNotesFragment(on, second), ['次回は1月に']))).toEqual([true]);
    expect(belongs(page, (on) => addActionItem(on, second, { what: '主治医へ相談', ...owner }))).toEqual([true]);
    // An item agreed there, edited: its 内容, 担当者, 期限.
    expect(belongs(page, (on) => editActionItem(on, meds, { what: '服薬カレンダー導入', ...owner }, { what: '服薬カレンダーを導入', ...owner, due: '2026-12-20' }))).toEqual([true]);
    // An earlier one reviewed there: its 経過, its status changed there.
    expect(belongs(page, (on) => setActionItemProgress(on, visit, '長女に電話済み'))).toEqual([true]);
    expect(belongs(page, (on) => setActionItemStatus(on, visit, '完了'))).toEqual([true]);
    // Not what the second conference lists: an item finished at the first, the summary.
    expect(belongs(page, (on) => setActionItemProgress(on, meals, '配達開始'))).toEqual([false]);
    expect(belongs(page, (on) => appendSummaryParagraphs(on, ['要介護2']))).toEqual([false]);
    // A status changed after the close is changed between conferences: for the next one to review.
    expect(belongs(doc, (on) => setActionItemStatus(on, meds, '対応中'))).toEqual([false]);
  });
});

describe('caseConferenceGlances', () => {
  it('names the latest conference held (by date, whatever the order they were held in), the live one and the earliest scheduled', () => {
    const doc = new Y.Doc();
    const held = (date: string) => {
      const id = scheduleConference(doc, { date, kind: '個別ケース検討' });
      startConference(doc, id, sato, Date.now());
      closeConference(doc, id, Date.now());
    };
    expect(caseConferenceGlances(readConferences(doc).value)).toEqual({ last: null, live: null, next: null });
    held('2026-12-05');
    held('2026-11-05'); // an earlier conference written up afterwards
    scheduleConference(doc, { date: '2027-02-09', kind: '地域課題検討' });
    scheduleConference(doc, { date: '2027-01-12', kind: '支援調整会議' });
    cancelConference(doc, scheduleConference(doc, { date: '2026-12-30', kind: '個別ケース検討' })); // called off: neither held nor next
    startConference(doc, scheduleConference(doc, { date: '2026-12-20', kind: '個別ケース検討' }), sato, Date.now());
    expect(caseConferenceGlances(readConferences(doc).value)).toEqual({
      last: { date: '2026-12-05', kind: '個別ケース検討' },
      live: { date: '2026-12-20', kind: '個別ケース検討' },
      next: { date: '2027-01-12', kind: '支援調整会議' },
    });
  });

  it('does not name as next a conference planned for a day before the last one held, never held nor called off', () => {
    const doc = new Y.Doc();
    scheduleConference(doc, { date: '2026-11-16', kind: '個別ケース検討' }); // planned, then met on another day
    const held = scheduleConference(doc, { date: '2026-11-30', kind: '個別ケース検討' });
    startConference(doc, held, sato, Date.now());
    closeConference(doc, held, Date.now());
    expect(caseConferenceGlances(readConferences(doc).value)).toEqual({ last: { date: '2026-11-30', kind: '個別ケース検討' }, live: null, next: null });
    scheduleConference(doc, { date: '2026-12-14', kind: '支援調整会議' });
    expect(caseConferenceGlances(readConferences(doc).value).next).toEqual({ date: '2026-12-14', kind: '支援調整会議' });
  });
});
