import { Agency, ConferenceStatus, dayInJapan, isGuestId, Participant, PROFESSION_MAX_LENGTH, RoleAssignment } from '@care/schema';
import * as Y from 'yjs';
import { CaseDocField, ConferenceKey, notesConferenceId } from '../fields.ts';
import type { Touch, Touches } from '../update-touches.ts';
import { conferenceStatus } from './closings.ts';
import { conferenceMapPart, conferencesMap } from './read.ts';
import { leavesUnreadable } from './unreadable-writes.ts';
import { type Actor, canFacilitate, canReachConference, type Conduct, isObserver, mayAssignRoles, mayRunConference, type Roles } from './rules.ts';

export type WriteVerdict = { allowed: true } | { allowed: false; reason: string };

export const RefusalReason = {
  observer: 'オブザーバーは編集できません',
  unresolved: '変更箇所を確認できないため、この変更は受け付けられませんでした',
  notFacilitator: '役割・会議の状態・議題・タイマーを変更できるのは司会（またはコーディネーター）だけです',
  claimOnlySelf: '司会のいない会議では、自分を司会にすることだけができます',
  guestFacilitator: '招待された外部の参加者は司会にできません（会議を進行・終了できないため）',
  readerFacilitator: '閲覧のみの参加者は司会にできません（会議を進行・終了できないため）',
  closed: '終了した会議は変更できません（対応事項は終了後も更新でき、会議の間の変更は次に開催する会議で確認します）',
  cancelled: '中止した会議は変更できません',
  othersEntry: '参加者の記録（守秘義務の確認を含む）は本人だけが書けます',
  statusBack: '会議の状態は「予定 → 開催中 → 終了」か「予定 → 中止」の順にしか変えられません（開始済みの会議は中止できません）',
  unreadable: `内容が正しくないため、この変更は受け付けられませんでした（職種は${PROFESSION_MAX_LENGTH}文字までなど）。画面を再読み込みしてから、もう一度入力してください`,
  anotherLive: 'このケースには開催中の会議があるため、ほかの会議は開始できません（先に開催中の会議を終了してください）',
  unheld: '対応事項は開催中の会議で追加します（予定の会議・中止した会議には追加できません）',
  futureStart: '予定日がまだ先の会議は、その日付のままでは開始できません（今日の会議として開始してください）',
  readerUnmarked: '閲覧のみの方の参加者の記録には、閲覧のみであることを書きます。画面を再読み込みしてから、もう一度参加してください',
  notOwnName: '参加者の記録の氏名・所属は、ログインしている本人のものだけを書けます。画面を再読み込みしてから、もう一度参加してください',
} as const;

export const ALLOWED: WriteVerdict = { allowed: true };
export const refuse = (reason: string): WriteVerdict => ({ allowed: false, reason });

/** Whether a closed conference's 検討内容 still takes the last words (the server knows when it closed: ClosingGrace). */
export type ClosingNotes = (conferenceId: string) => boolean;

/**
 * The conference rules a write must follow, judged on the doc as it is before the write:
 * - an オブザーバー of the live conference writes nothing but their own participant entry there
 *   (writesOnlyOwnEntry);
 * - a conference's roles, status, agenda and timer are changed only by someone who may run it
 *   (its 司会, a coordinator, or anyone while it has no 司会);
 * - while a conference has no 司会, the only role anyone may give is 司会 to themselves (the
 *   first to start it claims it; two claiming at once both become 司会);
 * - an invited guest, or a participant whose entry says they only read the case, is not made 司会
 *   (neither can run a conference);
 * - nothing is written that readers would leave out (leavesUnreadable): a participant's entry, a
 *   role, a conference's or an action item's fields that fail their schema; also to coordinators;
 * - everyone else may edit the summary and action items, a conference's 検討内容, and their own
 *   participant entry;
 * - a participant's entry is theirs alone, also to the 司会: it holds their 守秘義務 confirmation;
 * - a closed or cancelled conference stays as it ended, its 検討内容 too (its action items live
 *   apart and stay editable); except that, for a moment after the close (`closingNotes`), its
 *   検討内容 still takes what someone who may write it typed before the close reached them;
 * - a conference's status only moves forward, judged against the status it has now: one started
 *   meanwhile cannot be called off by an edit made before (offline, or at the same moment);
 * - a case has one live conference at a time: a start while another stays live is refused, also
 *   to coordinators (two started at the same moment, or one planned and started offline);
 * - a conference is not started dated after today in Japan (`now`), also by coordinators: held
 *   now, it would be reviewed, ordered and recorded as not yet held (an old page offered it);
 * - an update that cannot be placed is allowed to coordinators only;
 * - an update that changes nothing is allowed to anyone (a reconnecting observer re-sends what
 *   the doc already has; refusing it would report an edit they never made).
 */
export function judgeConferenceWrite(
  doc: Y.Doc,
  actor: Actor,
  { touches, unresolved }: Touches,
  closingNotes: ClosingNotes = () => false,
  now = Date.now(),
): WriteVerdict {
  if (startsSecondLive(doc, touches)) return refuse(RefusalReason.anotherLive);
  if (startsDatedLater(doc, touches, now)) return refuse(RefusalReason.futureStart);
  if (agreesAtUnheld(doc, touches)) return refuse(RefusalReason.unheld);
  if (leavesUnreadable(doc, touches)) return refuse(RefusalReason.unreadable);
  if (actor.isCoordinator) return ALLOWED;
  if (touches.length === 0 && !unresolved) return ALLOWED;
  const observer = observesLiveConference(doc, actor.userId);
  if (observer && !writesOnlyOwnEntry(doc, actor.userId, { touches, unresolved })) return refuse(RefusalReason.observer);
  if (unresolved) return refuse(RefusalReason.unresolved);
  const closingAgain = closesAgain(doc, actor, touches, closingNotes);
  for (const touch of touches) {
    const [root = ''] = touch.path;
    const notesOf = notesConferenceId(root);
    const verdict =
      notesOf !== undefined
        ? judgeNotesTouch(doc, actor, notesOf, closingNotes)
        : root === CaseDocField.conferences && !closingAgain(touch)
          ? judgeConferenceTouch(doc, actor, touch)
          : ALLOWED;
    if (!verdict.allowed) return verdict;
  }
  return ALLOWED;
}

/** What a close writes of a conference (closeConference). */
const CLOSE_KEYS: readonly string[] = [ConferenceKey.status, ConferenceKey.closedAt, ConferenceKey.timer];

/**
 * Whether a touch is part of closing again a conference closed a moment ago (`closingNotes`), by
 * one who may run it: two who run it closed it at the same moment, the second's close sent before
 * the first reached them. Refused, it would stay in their browser as a change the server never
 * takes, though the conference closed as they meant. Only the close itself (its status, close
 * time and paused timer); anything else of the conference in the same update is judged as ever.
 */
function closesAgain(doc: Y.Doc, actor: Actor, touches: Touch[], closingNotes: ClosingNotes): (touch: Touch) => boolean {
  const closed = new Set(
    touches
      .filter((touch) => setsStatus(touch) && touch.value === 'closed')
      .map(({ path: [, conferenceId] }) => conferenceId!)
      .filter((id) => conferenceStatus(doc, id) === 'closed' && closingNotes(id) && mayRunConference(conductOf(doc, id), actor)),
  );
  return ({ path: [, conferenceId, key, entryKey] }) => closed.has(conferenceId!) && CLOSE_KEYS.includes(key!) && entryKey === undefined;
}

/**
 * A conference's 検討内容 is written until the conference ends, and for a moment after it closes:
 * words typed just before the close reached the typist arrive just after it, and its record waits
 * for them. Not by its observers, who wrote none of it while it was live either. (One the doc does
 * not hold yet may be planned in the same update, offline.)
 */
function judgeNotesTouch(doc: Y.Doc, actor: Actor, conferenceId: string, closingNotes: ClosingNotes): WriteVerdict {
  const status = conferenceStatus(doc, conferenceId);
  if (status === 'closed') {
    const late = closingNotes(conferenceId) && !isObserver(rolesOf(doc, conferenceId), actor.userId);
    return late ? ALLOWED : refuse(RefusalReason.closed);
  }
  if (status === 'cancelled') return refuse(RefusalReason.cancelled);
  return ALLOWED;
}

/**
 * Whether an update writes nothing but the writer's own entry among a live conference's
 * participants: joining it, or confirming 守秘義務. Those who may write nothing else (observers,
 * members with read access) may still do that, so the attendance list names everyone present.
 */
export function writesOnlyOwnEntry(doc: Y.Doc, userId: string, { touches, unresolved }: Touches): boolean {
  return (
    !unresolved &&
    touches.length > 0 &&
    touches.every(
      ({ path: [root, conferenceId, key, entryKey] }) =>
        root === CaseDocField.conferences &&
        key === ConferenceKey.participants &&
        entryKey === userId &&
        conferenceId !== undefined &&
        conferenceStatus(doc, conferenceId) === 'live',
    )
  );
}

/**
 * Whether an update writes the writer's own participant entry under a name or agency that is not
 * theirs: the attendance list, the record and the minutes' 出席者 would name someone else as
 * present, with 守秘義務 confirmed (a crafted client; the conference screen writes the sign-in's).
 * An entry keeps the name and agency it has (an account renamed since it joined still confirms
 * 守秘義務 or gives its 職種). Also coordinators: a person's own entry names them. Names are
 * compared as they read, without hidden characters: an account's name stored with one before
 * they were dropped (「a\u202Ecb」), or a page still holding it so, names no one else than 「acb」.
 */
export function misnamesOwnEntry(doc: Y.Doc, writer: Pick<Participant, 'userId' | 'name' | 'agency'>, touches: Touch[]): boolean {
  return touches.some(({ path: [root, conferenceId, key, entryKey, ...deeper], value }) => {
    if (root !== CaseDocField.conferences || key !== ConferenceKey.participants || entryKey !== writer.userId || conferenceId === undefined) return false;
    // An entry is a plain value, written whole (or deleted); fields of one made a shared type are only a crafted client's.
    if (deeper.length > 0) return true;
    if (value === undefined) return false;
    const written = asRead(value as Partial<Participant>);
    const kept = asRead(Participant.safeParse(conferenceMapPart(doc, conferenceId, ConferenceKey.participants)?.get(writer.userId)).data);
    const names = (of: NameAsRead) => of.name !== undefined && written.name === of.name && sameAgency(written.agency, of.agency);
    return !names(asRead(writer)) && !names(kept);
  });
}

/**
 * Whether one who only reads the case writes their own participant entry without saying so
 * (Participant.readOnly): given 司会, they would count as one, leaving a conference none can close.
 */
export function hidesReadingInOwnEntry(readerId: string, touches: Touch[]): boolean {
  return touches.some(
    ({ path: [root, conferenceId, key, entryKey], value }) =>
      root === CaseDocField.conferences && conferenceId !== undefined && key === ConferenceKey.participants && entryKey === readerId && value !== undefined && (value as Partial<Participant>).readOnly !== true,
  );
}

type NameAsRead = { name: string | undefined; agency: Agency | undefined };
const asRead = (of: Partial<Pick<Participant, 'name' | 'agency'>> | undefined): NameAsRead => ({
  name: Participant.shape.name.safeParse(of?.name).data,
  agency: Agency.safeParse(of?.agency).data,
});

const sameAgency = (a: Agency | undefined, b: Agency | undefined) => !!a && !!b && a.kind === b.kind && a.other === b.other;

function judgeConferenceTouch(doc: Y.Doc, actor: Actor, { path, deleted, value }: Touch): WriteVerdict {
  const [, conferenceId, key, entryKey] = path;
  if (conferenceId === undefined) return refuse(RefusalReason.unresolved);
  const status = conferenceStatus(doc, conferenceId);
  if (status === 'closed') return refuse(RefusalReason.closed);
  if (status === 'cancelled') return refuse(RefusalReason.cancelled);
  if (key === ConferenceKey.participants && entryKey !== undefined) {
    return entryKey === actor.userId ? ALLOWED : refuse(RefusalReason.othersEntry);
  }
  const conduct = conductOf(doc, conferenceId);
  if (!mayRunConference(conduct, actor)) return refuse(RefusalReason.notFacilitator);
  // Only a status set to a value says where the conference goes: the one it replaces is deleted, and
  // one set and replaced within the same update (started, then closed, offline) arrives as no value.
  if (key === ConferenceKey.status && entryKey === undefined && value !== undefined && status !== undefined) {
    const to = ConferenceStatus.safeParse(value).data;
    if (to !== status && !(to && canReachConference(status, to))) return refuse(RefusalReason.statusBack);
  }
  // (A new roles map itself holds nothing; its entries are judged one by one.)
  if (key === ConferenceKey.roles && entryKey !== undefined) {
    // (One replaced within the same update arrives as no value; an invalid one was refused: leavesUnreadable.)
    const given = deleted ? undefined : RoleAssignment.safeParse(value).data?.role;
    // A guest or a reader runs none: their 司会 stepping down would leave none who can (coordinators aside).
    if (given === '司会' && !canFacilitate(conduct.participants, entryKey)) {
      return refuse(isGuestId(entryKey) ? RefusalReason.guestFacilitator : RefusalReason.readerFacilitator);
    }
    const claimsSelf = entryKey === actor.userId && (deleted || given === '司会');
    if (!mayAssignRoles(conduct.roles, actor) && !claimsSelf) return refuse(RefusalReason.claimOnlySelf);
  }
  return ALLOWED;
}

/** Whether a touch sets a conference's status to a value. */
const setsStatus = ({ path: [root, conferenceId, key, entryKey], value }: Touch) =>
  root === CaseDocField.conferences && conferenceId !== undefined && key === ConferenceKey.status && entryKey === undefined && value !== undefined;

/** The statuses an update sets, by conference: the last one it sets to each (read once per update: every keystroke is judged). */
function statusesSet(touches: Touch[]): Map<string, unknown> {
  const set = new Map<string, unknown>();
  for (const touch of touches) if (setsStatus(touch)) set.set(touch.path[1]!, touch.value);
  return set;
}

/**
 * Whether an update puts an action item at a conference that never met once it is applied (planned,
 * or cancelled): an old page offered the form there, and a cancelled conference then listed it as
 * decided. One agreed at the live conference offline and arriving after the close is kept: it met.
 */
function agreesAtUnheld(doc: Y.Doc, touches: Touch[]): boolean {
  // Most updates agree nothing (the summary's text, thousands of paragraphs pasted): they need no status.
  const agreedAtIds = touches.map(agreedAt).filter((conferenceId) => conferenceId !== undefined);
  if (agreedAtIds.length === 0) return false;
  const set = statusesSet(touches);
  const statusAfter = (conferenceId: unknown) =>
    set.get(conferenceId as string) ?? (typeof conferenceId === 'string' ? conferenceStatus(doc, conferenceId) : undefined);
  return agreedAtIds.some((conferenceId) => ['scheduled', 'cancelled'].includes(statusAfter(conferenceId) as string));
}

/** The conference a touch puts an action item at, if it does: its conferenceId, or that of an item written as a plain value (as items were first stored). */
function agreedAt({ path: [root, id, key], value }: Touch): unknown {
  if (root !== CaseDocField.actionItems || id === undefined) return undefined;
  if (key === 'conferenceId') return value;
  return key === undefined && typeof value === 'object' && value !== null ? (value as { conferenceId?: unknown }).conferenceId : undefined;
}

/**
 * Whether an update starts a conference while another is live once it is applied: each
 * conference's status is then the value the update sets, else the one the doc holds now. So an
 * update that closes the live conference and starts the next one goes through.
 */
function startsSecondLive(doc: Y.Doc, touches: Touch[]): boolean {
  const statusSets = touches.filter(setsStatus);
  // Most updates start nothing (every keystroke is judged): only a start needs every conference's status.
  if (!statusSets.some(({ path, value }) => value === 'live' && conferenceStatus(doc, path[1]!) !== 'live')) return false;
  const statusAfter = new Map<string, unknown>();
  conferencesMap(doc).forEach((_entry, conferenceId) => statusAfter.set(conferenceId, conferenceStatus(doc, conferenceId)));
  for (const { path, value } of statusSets) statusAfter.set(path[1]!, value);
  return [...statusAfter.values()].filter((status) => status === 'live').length > 1;
}

/**
 * How far a browser's day may run ahead of the server's: it dates a start by its estimate of the
 * server's clock, which may be a moment ahead just before midnight (then dated tomorrow).
 */
const START_CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Whether an update starts a conference whose date, once it is applied (the one it sets, else the
 * doc's), is after today in Japan.
 */
function startsDatedLater(doc: Y.Doc, touches: Touch[], now: number): boolean {
  // Most updates start nothing (every keystroke is judged).
  const started = touches.filter((touch) => setsStatus(touch) && touch.value === 'live' && conferenceStatus(doc, touch.path[1]!) !== 'live');
  if (started.length === 0) return false;
  const today = dayInJapan(now + START_CLOCK_SLACK_MS);
  return started.some(({ path: [, conferenceId] }) => {
    const dateSet = touches.findLast(
      ({ path: [root, id, key, entryKey], value }) =>
        root === CaseDocField.conferences && id === conferenceId && key === ConferenceKey.date && entryKey === undefined && value !== undefined,
    );
    const entry = conferencesMap(doc).get(conferenceId!);
    const date = dateSet ? dateSet.value : entry instanceof Y.Map ? entry.get(ConferenceKey.date) : undefined;
    return typeof date === 'string' && date > today;
  });
}

/** Who runs a conference as the doc holds it now: its roles and participants (valid entries only; none for a new one). */
function conductOf(doc: Y.Doc, conferenceId: string): Conduct {
  const participants: Participant[] = [];
  conferenceMapPart(doc, conferenceId, ConferenceKey.participants)?.forEach((value) => {
    const parsed = Participant.safeParse(value);
    if (parsed.success) participants.push(parsed.data);
  });
  return { roles: rolesOf(doc, conferenceId), participants };
}

/** The roles of a conference as the doc holds them now (valid entries only; none for a new one). */
function rolesOf(doc: Y.Doc, conferenceId: string): Roles {
  const entry = conferencesMap(doc).get(conferenceId);
  const roles = entry instanceof Y.Map ? entry.get(ConferenceKey.roles) : undefined;
  const result: Record<string, RoleAssignment> = {};
  if (roles instanceof Y.Map) {
    roles.forEach((value, userId) => {
      const parsed = RoleAssignment.safeParse(value);
      if (parsed.success) result[userId] = parsed.data;
    });
  }
  return result;
}

/**
 * Whether `userId` is an オブザーバー of a live conference. Every keystroke of everyone but a
 * coordinator asks this: only their own entry among each live conference's roles is read and
 * parsed, not every entry (as rolesOf would).
 */
function observesLiveConference(doc: Y.Doc, userId: string): boolean {
  let observer = false;
  conferencesMap(doc).forEach((entry, conferenceId) => {
    if (observer || !(entry instanceof Y.Map) || conferenceStatus(doc, conferenceId) !== 'live') return;
    const roles = entry.get(ConferenceKey.roles);
    const own = roles instanceof Y.Map ? RoleAssignment.safeParse(roles.get(userId)).data : undefined;
    observer = own !== undefined && isObserver({ [userId]: own }, userId);
  });
  return observer;
}
