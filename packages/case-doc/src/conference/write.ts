import {
  type ActionItemStatus,
  type AgendaItem,
  type AgendaTimer,
  dayInJapan,
  type NewActionItemInput,
  type NewAttendeeInput,
  type NewRegionalIssueInput,
  Participant,
  PROFESSION_MAX_LENGTH,
  PROGRESS_MAX_LENGTH,
  RoleAssignment,
  type ScheduleConferenceInput,
  type VersionedField,
  type VersionOf,
} from '@care/schema';
import * as Y from 'yjs';
import { ConferenceKey } from '../fields.ts';
import { alike, replaceVersions, versionsHeld } from './action-item-versions.ts';
import { betweenChangesReviewedAt, professionLastGiven, statusChangedAt } from './carry-over.ts';
import { conferenceStatus } from './closings.ts';
import { actionItemsMap, conferenceArrayPart, type ConferenceListKey, conferenceEntry, conferenceMapPart, conferencesMap, readActionItems, readConferences } from './read.ts';
import { canMoveActionItem, canMoveConference, facilitatorIds, pauseTimer, startTimer, STOPPED_TIMER } from './rules.ts';

/**
 * Changes to the conference model. Each is one Yjs transaction, so peers (and the server's write
 * guard) see it whole. Callers validate user input with the schemas first; these check the
 * model's rules and throw ConferenceRuleError when one is broken. Those that record a moment take
 * it as `now` (ms since the epoch), with no default: a browser passes the server's clock
 * (serverNow), since its own may be off by hours and every participant reads these times.
 */
export class ConferenceRuleError extends Error {}

const newId = () => crypto.randomUUID();

export function scheduleConference(doc: Y.Doc, input: ScheduleConferenceInput): string {
  const id = newId();
  doc.transact(() => {
    const conference = new Y.Map<unknown>();
    conferencesMap(doc).set(id, conference);
    conference.set(ConferenceKey.date, input.date);
    conference.set(ConferenceKey.kind, input.kind);
    if (input.place) conference.set(ConferenceKey.place, input.place);
    conference.set(ConferenceKey.status, 'scheduled');
    conference.set(ConferenceKey.participants, new Y.Map());
    conference.set(ConferenceKey.attendees, new Y.Array());
    conference.set(ConferenceKey.issues, new Y.Array());
    conference.set(ConferenceKey.roles, new Y.Map());
    conference.set(ConferenceKey.agenda, new Y.Array());
    conference.set(ConferenceKey.timer, STOPPED_TIMER);
  });
  return id;
}

/**
 * Changes the date, kind or place of a conference not started yet (予定の変更): only those that
 * `input` changes from `seen` (what the form showed when opened; by default, the doc's now), so one
 * that someone else changed meanwhile keeps their change.
 */
export function rescheduleConference(doc: Y.Doc, conferenceId: string, input: ScheduleConferenceInput, seen?: ScheduleConferenceInput): void {
  const entry = scheduledEntry(doc, conferenceId);
  const before = seen ?? { date: entry.get(ConferenceKey.date), kind: entry.get(ConferenceKey.kind), place: entry.get(ConferenceKey.place) };
  doc.transact(() => {
    if (input.date !== before.date) entry.set(ConferenceKey.date, input.date);
    if (input.kind !== before.kind) entry.set(ConferenceKey.kind, input.kind);
    if ((input.place || undefined) === (before.place || undefined)) return;
    if (input.place) entry.set(ConferenceKey.place, input.place);
    else entry.delete(ConferenceKey.place);
  });
}

/** Calls off a conference not started yet (中止): it stays in the case, marked so, and is never held. */
export function cancelConference(doc: Y.Doc, conferenceId: string): void {
  scheduledEntry(doc, conferenceId).set(ConferenceKey.status, 'cancelled');
}

function scheduledEntry(doc: Y.Doc, conferenceId: string): Y.Map<unknown> {
  const entry = conferenceEntry(doc, conferenceId);
  if (!entry || entry.get(ConferenceKey.status) !== 'scheduled') throw new ConferenceRuleError('開始前の会議ではありません');
  return entry;
}

/**
 * Starts a scheduled conference. Whoever starts one that has no 司会 becomes its 司会, and
 * joins it as a participant, with the 職種 they last gave in the case unless `starter` gives one
 * (they are asked for none: professionLastGiven); only one conference of a case is live at a time. `heldToday`: one
 * planned for another day is held today; its date becomes today's (in Japan, by `now`), so it is
 * ordered, reviewed (モニタリング), judged 期限超過 and recorded as the day it was held.
 */
export function startConference(doc: Y.Doc, conferenceId: string, starter: Participant, now: number, { heldToday = false } = {}): void {
  const conferences = readConferences(doc).value;
  const conference = conferences.find((c) => c.id === conferenceId);
  if (!conference || !canMoveConference(conference.status, 'live')) throw new ConferenceRuleError('この会議は開始できません');
  if (conferences.some((c) => c.status === 'live')) throw new ConferenceRuleError('開催中の会議があります');
  doc.transact(() => {
    const entry = conferenceEntry(doc, conferenceId)!;
    entry.set(ConferenceKey.status, 'live');
    entry.set(ConferenceKey.startedAt, now);
    if (heldToday && conference.date !== dayInJapan(now)) entry.set(ConferenceKey.date, dayInJapan(now));
    if (facilitatorIds(conference).length === 0) rolesOf(doc, conferenceId).set(starter.userId, { role: '司会' });
    const profession = starter.profession ?? professionLastGiven(conferences, starter.userId, conferenceId);
    participantsOf(doc, conferenceId).set(starter.userId, profession ? { ...starter, profession } : starter);
  });
}

export function closeConference(doc: Y.Doc, conferenceId: string, now: number): void {
  const entry = conferenceEntry(doc, conferenceId);
  if (!entry || !canMoveConference(entry.get(ConferenceKey.status) as never, 'closed')) {
    throw new ConferenceRuleError('開催中の会議ではありません');
  }
  const reviewed = betweenChangesReviewedAt(readConferences(doc).value, readActionItems(doc).value, conferenceId);
  doc.transact(() => {
    const timer = entry.get(ConferenceKey.timer) as AgendaTimer | undefined;
    if (timer) entry.set(ConferenceKey.timer, pauseTimer(timer, now));
    entry.set(ConferenceKey.status, 'closed');
    entry.set(ConferenceKey.closedAt, now);
    // Reviewed here, so not again at the next one; a change that reaches us later is not stamped.
    for (const { id } of reviewed) (actionItemsMap(doc).get(id) as Y.Map<unknown> | undefined)?.set('statusReviewedAt', conferenceId);
  });
}

/**
 * Records this person as taking part: their own entry, which only they write (observers and
 * members with read access too, while the conference is live: writesOnlyOwnEntry). Joining from
 * the conference screen confirms 守秘義務 at once (`confidentialityConfirmedAt`).
 */
export function joinConference(doc: Y.Doc, conferenceId: string, participant: Participant): void {
  participantsOf(doc, conferenceId).set(participant.userId, participant);
}

/** A participant who joined without confirming 守秘義務 (whoever started the conference) confirms it. */
export function confirmConfidentiality(doc: Y.Doc, conferenceId: string, userId: string, now: number): void {
  changeParticipant(doc, conferenceId, userId, (entry) => ({ ...entry, confidentialityConfirmedAt: now }));
}

/**
 * A participant gives or changes their own 職種 for the attendance list (whoever started the
 * conference was asked for none on joining), or clears it when empty. Checked with the schema, as readers leave out an
 * invalid entry, which would take the person off the list.
 */
export function setParticipantProfession(doc: Y.Doc, conferenceId: string, userId: string, profession: string): void {
  const given = profession.trim();
  if (given.length > PROFESSION_MAX_LENGTH) throw new ConferenceRuleError(`職種は${PROFESSION_MAX_LENGTH}文字までです`);
  changeParticipant(doc, conferenceId, userId, ({ profession: _old, ...entry }) => (given ? { ...entry, profession: given } : entry));
}

/**
 * A participant's entry says whether they only read the case (Participant.readOnly) as their
 * access is now: changed while the conference is live, their page writes it again.
 */
export function setParticipantReadOnly(doc: Y.Doc, conferenceId: string, userId: string, readOnly: boolean): void {
  changeParticipant(doc, conferenceId, userId, ({ readOnly: _old, ...entry }) => (readOnly ? { ...entry, readOnly: true } : entry));
}

/** Replaces a participant's own entry (only they write it: writesOnlyOwnEntry) by `change` of it. */
function changeParticipant(doc: Y.Doc, conferenceId: string, userId: string, change: (entry: Participant) => Participant): void {
  const participants = participantsOf(doc, conferenceId);
  const entry = Participant.safeParse(participants.get(userId)).data;
  if (!entry) throw new ConferenceRuleError('この会議の参加者ではありません');
  participants.set(userId, change(entry));
}

/**
 * Gives someone a role; only a 助言者 keeps a profession, and an empty one is none. Checked with the
 * schema: readers leave out an invalid entry, which would take the role away on every screen.
 */
export function assignRole(doc: Y.Doc, conferenceId: string, userId: string, { role, profession }: RoleAssignment): void {
  const kept = role === '助言者' ? profession?.trim() : undefined;
  const assignment = RoleAssignment.safeParse(kept ? { role, profession: kept } : { role });
  if (!assignment.success) throw new ConferenceRuleError(`職種は${PROFESSION_MAX_LENGTH}文字までです`);
  rolesOf(doc, conferenceId).set(userId, assignment.data);
}

export function addAgendaItem(doc: Y.Doc, conferenceId: string, item: Omit<AgendaItem, 'id'>): string {
  return appendToList(doc, conferenceId, 'agenda', item);
}

export function removeAgendaItem(doc: Y.Doc, conferenceId: string, itemId: string): void {
  removeFromList(doc, conferenceId, 'agenda', itemId);
}

/** Gives an agenda item another time box (延長, or less when the conference runs late). */
export function setAgendaItemMinutes(doc: Y.Doc, conferenceId: string, itemId: string, minutes: number): void {
  const { list, index, entry } = listEntry<AgendaItem>(doc, conferenceId, 'agenda', itemId);
  if (entry.minutes === minutes) return;
  doc.transact(() => {
    list.delete(index, 1);
    list.insert(index, [{ ...entry, minutes }]);
  });
}

/** Moves an agenda item one place up (-1) or down (+1); at either end it stays. */
export function moveAgendaItem(doc: Y.Doc, conferenceId: string, itemId: string, by: -1 | 1): void {
  const { list, index, entry } = listEntry<AgendaItem>(doc, conferenceId, 'agenda', itemId);
  const to = index + by;
  if (to < 0 || to >= list.length) return;
  doc.transact(() => {
    list.delete(index, 1);
    list.insert(to, [entry]);
  });
}

/** Lists someone present without an account (the 司会 does, as for the agenda). */
export function addAttendee(doc: Y.Doc, conferenceId: string, input: NewAttendeeInput): string {
  return appendToList(doc, conferenceId, 'attendees', input);
}

export function removeAttendee(doc: Y.Doc, conferenceId: string, attendeeId: string): void {
  removeFromList(doc, conferenceId, 'attendees', attendeeId);
}

/** Notes a 地域課題 the conference saw in this case (the 司会 does, at the まとめ). */
export function addRegionalIssue(doc: Y.Doc, conferenceId: string, input: NewRegionalIssueInput): string {
  return appendToList(doc, conferenceId, 'issues', input);
}

export function removeRegionalIssue(doc: Y.Doc, conferenceId: string, issueId: string): void {
  removeFromList(doc, conferenceId, 'issues', issueId);
}

/** Appends an entry, with a new id, to one of a conference's lists; its id. */
function appendToList(doc: Y.Doc, conferenceId: string, key: ConferenceListKey, fields: object): string {
  const entry = conferenceEntry(doc, conferenceId);
  if (!entry) throw new ConferenceRuleError('会議が見つかりません');
  const id = newId();
  doc.transact(() => {
    // A conference planned before this list was kept has none yet.
    if (!conferenceArrayPart(doc, conferenceId, key)) entry.set(ConferenceKey[key], new Y.Array());
    conferenceArrayPart<object>(doc, conferenceId, key)!.push([{ id, ...fields }]);
  });
  return id;
}

function removeFromList(doc: Y.Doc, conferenceId: string, key: ConferenceListKey, id: string): void {
  const list = conferenceArrayPart<{ id: string } | undefined>(doc, conferenceId, key);
  if (!list) return;
  // Every copy: two people moving the same entry at once leave two (readers show the first).
  // (Entries come from peers: one may not be an object.)
  doc.transact(() => {
    for (let index = list.length - 1; index >= 0; index--) if (list.get(index)?.id === id) list.delete(index, 1);
  });
}

/** An entry of a conference's list, where it is: the entry is replaced to change or move it. */
function listEntry<T extends { id: string }>(doc: Y.Doc, conferenceId: string, key: ConferenceListKey, id: string) {
  const list = conferenceArrayPart<T | undefined>(doc, conferenceId, key);
  const index = list?.toArray().findIndex((entry) => entry?.id === id) ?? -1;
  if (index < 0) throw new ConferenceRuleError('項目が見つかりません');
  return { list: list!, index, entry: list!.get(index)! };
}

/** Starts (or resumes) timing an agenda item; one timed before goes on from where it stopped. */
export function startAgendaTimer(doc: Y.Doc, conferenceId: string, itemId: string, now: number): void {
  updateTimer(doc, conferenceId, (timer) => startTimer(timer, itemId, now));
}

export function pauseAgendaTimer(doc: Y.Doc, conferenceId: string, now: number): void {
  updateTimer(doc, conferenceId, (timer) => pauseTimer(timer, now));
}

function updateTimer(doc: Y.Doc, conferenceId: string, change: (timer: AgendaTimer) => AgendaTimer): void {
  const entry = conferenceEntry(doc, conferenceId);
  if (!entry) throw new ConferenceRuleError('会議が見つかりません');
  const timer = readConferences(doc).value.find((c) => c.id === conferenceId)?.timer ?? STOPPED_TIMER;
  entry.set(ConferenceKey.timer, change(timer));
}

/** Agrees an action item at the live conference: items are decided by a conference that meets, not at a planned or ended one. */
export function addActionItem(doc: Y.Doc, conferenceId: string, input: NewActionItemInput): string {
  if (conferenceStatus(doc, conferenceId) !== 'live') throw new ConferenceRuleError('対応事項は開催中の会議で追加します（会議を開始してから追加してください）');
  const id = newId();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    actionItemsMap(doc).set(id, item);
    item.set('conferenceId', conferenceId);
    for (const [field, value] of Object.entries({ ...asVersioned(input), status: '未着手' })) replaceVersions(item, field as VersionedField, value, newId);
  });
  return id;
}

/** An item's form fields as the versioned fields they are kept in (see action-item-versions.ts). */
const asVersioned = ({ what, ownerName, ownerAgency, due }: NewActionItemInput) => ({ what, owner: { name: ownerName, agency: ownerAgency }, due });

/**
 * Changes an item's status, at the live conference or between conferences (statusChangedAt). A status
 * written two ways (see action-item-versions.ts) is settled by choosing either, whatever the moves.
 */
export function setActionItemStatus(doc: Y.Doc, itemId: string, status: ActionItemStatus): void {
  const item = actionItemEntry(doc, itemId);
  const held = versionsHeld(item, 'status') as ActionItemStatus[];
  const choosing = held.length > 1 && held.includes(status);
  if (!choosing && !canMoveActionItem(held[0]!, status)) throw new ConferenceRuleError('この状態には変更できません');
  // One of the two, the other cleared (a change between conferences is no longer the last one's),
  // and a new change is not yet reviewed.
  const where = { statusConferenceId: undefined, statusChangedAfter: undefined, statusReviewedAt: undefined, ...statusChangedAt(readConferences(doc).value) };
  doc.transact(() => {
    replaceVersions(item, 'status', status, newId);
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) item.delete(key);
      else item.set(key, value);
    }
  });
}

/**
 * Writes down what has been done about an item so far (経過), or clears it when empty. It replaces
 * the versions this doc holds, and only those (see action-item-versions.ts).
 */
export function setActionItemProgress(doc: Y.Doc, itemId: string, progress: string): void {
  const item = actionItemEntry(doc, itemId);
  const text = progress.trim();
  if (text.length > PROGRESS_MAX_LENGTH) throw new ConferenceRuleError(`経過は${PROGRESS_MAX_LENGTH}文字までです`);
  doc.transact(() => replaceVersions(item, 'progress', text || undefined, newId));
}

/**
 * Edits what, owner or due date of an item: writes only the fields `edited` changes from `seen`
 * (what the editor's form showed when opened), so a field someone else changed meanwhile keeps
 * their change; fields merge separately (担当者's person and agency go together). Each replaces
 * the versions this doc holds of it, and only those.
 */
export function editActionItem(doc: Y.Doc, itemId: string, seen: NewActionItemInput, edited: NewActionItemInput): void {
  const item = actionItemEntry(doc, itemId);
  const before = asVersioned(seen);
  doc.transact(() => {
    for (const [field, value] of Object.entries(asVersioned(edited))) {
      if (!alike(value, before[field as keyof typeof before])) replaceVersions(item, field as VersionedField, value, newId);
    }
  });
}

/**
 * Settles 担当者 or 期限 written two ways or more (see action-item-versions.ts) by choosing one of
 * its versions; 状況 is settled by setActionItemStatus, text by writing it again.
 */
export function chooseActionItemVersion<F extends 'owner' | 'due'>(doc: Y.Doc, itemId: string, field: F, version: VersionOf<F>): void {
  const item = actionItemEntry(doc, itemId);
  if (!versionsHeld(item, field).some((held) => alike(held, version))) throw new ConferenceRuleError('選んだ内容は、ほかの参加者がすでに書き換えています');
  doc.transact(() => replaceVersions(item, field, version, newId));
}

function actionItemEntry(doc: Y.Doc, itemId: string): Y.Map<unknown> {
  const item = actionItemsMap(doc).get(itemId);
  if (!(item instanceof Y.Map)) throw new ConferenceRuleError('対応事項が見つかりません');
  return item;
}

function participantsOf(doc: Y.Doc, conferenceId: string): Y.Map<Participant> {
  return requirePart(conferenceMapPart<Participant>(doc, conferenceId, 'participants'));
}

function rolesOf(doc: Y.Doc, conferenceId: string): Y.Map<RoleAssignment> {
  return requirePart(conferenceMapPart<RoleAssignment>(doc, conferenceId, 'roles'));
}

function requirePart<T>(part: T | undefined): T {
  if (!part) throw new ConferenceRuleError('会議が見つかりません');
  return part;
}
