import { type ActionItem, type ActionItemStatus, type AgendaTimer, type ConferenceRole, type ConferenceStatus, isGuestId, type Participant, type RoleAssignment } from '@care/schema';

/** Role assignments of one conference, by userId. */
export type Roles = Readonly<Record<string, RoleAssignment>>;

/** Who holds which role in a conference, and who takes part in it (whose entries say who only reads). */
export type Conduct = { roles: Roles; participants: readonly Pick<Participant, 'userId' | 'readOnly'>[] };

/** Who acts: the principal's userId and whether they coordinate conferences for the agency. */
export type Actor = { userId: string; isCoordinator?: boolean };

export function roleOf(roles: Roles, userId: string): ConferenceRole | undefined {
  return roles[userId]?.role;
}

/** A person's role as everyone is shown it: one not handed a role takes part as 参加者. */
export function roleShownFor(roles: Roles, userId: string): ConferenceRole {
  return roleOf(roles, userId) ?? '参加者';
}

/**
 * Whether one given 司会 could run the conference: not an invited guest (judgeGuestWrite), nor a
 * member whose entry says they only read the case (the server refuses their every other write).
 * Either as its only 司会 would leave it with no one but a coordinator able to close it.
 */
export function canFacilitate(participants: Conduct['participants'], userId: string): boolean {
  return !isGuestId(userId) && !participants.some((p) => p.userId === userId && p.readOnly);
}

/** Those who run the conference as its 司会; one given it who cannot (canFacilitate) is not one, as if it had none. */
export function facilitatorIds({ roles, participants }: Conduct): string[] {
  return Object.keys(roles).filter((userId) => roles[userId]!.role === '司会' && canFacilitate(participants, userId));
}

/**
 * Who may change a conference's roles, status, agenda and timer: a coordinator, its 司会, or
 * anyone while it has no 司会 yet (whoever starts a conference claims 司会 — see claimsFacilitator).
 */
export function mayRunConference(conduct: Conduct, actor: Actor): boolean {
  return !!actor.isCoordinator || roleOf(conduct.roles, actor.userId) === '司会' || facilitatorIds(conduct).length === 0;
}

/**
 * Who may give anyone any role: a coordinator or its 司会. While a conference has no 司会, the
 * others who may run it may only make themselves its 司会.
 */
export function mayAssignRoles(roles: Roles, actor: Actor): boolean {
  return !!actor.isCoordinator || roleOf(roles, actor.userId) === '司会';
}

/** Observers follow the conference read-only. */
export function isObserver(roles: Roles, userId: string): boolean {
  return roleOf(roles, userId) === 'オブザーバー';
}

const MOVES: Record<ConferenceStatus, readonly ConferenceStatus[]> = {
  scheduled: ['live', 'cancelled'],
  live: ['closed'],
  closed: [],
  cancelled: [],
};

/** A conference only moves forward: scheduled → live → closed, or scheduled → cancelled (中止). */
export function canMoveConference(from: ConferenceStatus, to: ConferenceStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * Whether `to` follows `from` by one move or more: an update made offline may carry several at
 * once (a conference started and closed before the connection came back).
 */
export function canReachConference(from: ConferenceStatus, to: ConferenceStatus): boolean {
  return MOVES[from].some((next) => next === to || canReachConference(next, to));
}

/** Closed or cancelled: over, and kept as it ended (nothing of it changes, no one is invited to it). */
export const ENDED_STATUSES = (Object.keys(MOVES) as ConferenceStatus[]).filter((status) => MOVES[status].length === 0);

export function hasEnded(status: ConferenceStatus): boolean {
  return ENDED_STATUSES.includes(status);
}

export const OPEN_ACTION_STATUSES: readonly ActionItemStatus[] = ['未着手', '対応中'];

export function isOpenActionItem(item: Pick<ActionItem, 'status'>): boolean {
  return OPEN_ACTION_STATUSES.includes(item.status);
}

/**
 * Still open after its due date, as of a conference's date (YYYY-MM-DD): judged by the date of
 * the conference it is reviewed at, not today's, so every screen and every record of that
 * conference says the same.
 */
export function isOverdue(item: Pick<ActionItem, 'status' | 'due'>, asOf: string): boolean {
  return isOpenActionItem(item) && item.due < asOf;
}

/**
 * The day a conference's screen judges its items 期限超過 by: its date, but not a day still to come.
 * The next conference, planned ahead, is read between conferences to prepare it, and is started as
 * today's if started early; judged by its date, what falls due before then read as overdue already.
 */
export function overdueJudgedOn(conferenceDate: string, today: string): string {
  return conferenceDate < today ? conferenceDate : today;
}

/**
 * An item's 状況 (`status`: as written, both ways when it holds two) as read at a conference held
 * on `asOf`: 対応中（期限超過） when overdue then, as the minutes and a comparison of records name
 * it. Without a conference to judge by (null), as written.
 */
export function statusAsOf(status: string, item: Pick<ActionItem, 'status' | 'due'>, asOf: string | null): string {
  return asOf !== null && isOverdue(item, asOf) ? `${status}（期限超過）` : status;
}

/**
 * Action item statuses: open ones (未着手, 対応中) may go anywhere; a finished one (完了, 中止)
 * may only be reopened as 対応中, so a follow-up never silently returns to 未着手.
 */
export function canMoveActionItem(from: ActionItemStatus, to: ActionItemStatus): boolean {
  if (from === to) return false;
  if (OPEN_ACTION_STATUSES.includes(from)) return true;
  return to === '対応中';
}

export function nextActionStatuses(from: ActionItemStatus): ActionItemStatus[] {
  return (['未着手', '対応中', '完了', '中止'] as const).filter((to) => canMoveActionItem(from, to));
}

/** How long the agenda timer has run at `now` (epoch ms); the same on every client. */
export function timerElapsedMs(timer: AgendaTimer, now: number): number {
  return timer.elapsedMs + (timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince));
}

export const STOPPED_TIMER: AgendaTimer = { itemId: null, runningSince: null, elapsedMs: 0 };

/** How long an agenda item has been timed at `now`, over all its turns (0 if never). */
export function agendaItemTimeMs(timer: AgendaTimer, itemId: string, now: number): number {
  return timer.itemId === itemId ? timerElapsedMs(timer, now) : (timer.spentMs?.[itemId] ?? 0);
}

/** The time an item took, as a record or minutes say it: 6分, 1分未満, or — if never timed. */
export function spentMinutesLabel(ms: number): string {
  if (ms === 0) return '—';
  return ms < 60_000 ? '1分未満' : `${Math.round(ms / 60_000)}分`;
}

/**
 * Starts or resumes timing an item. Moving to another item keeps the time of the one left in
 * `spentMs`, and an item timed before goes on from where it stopped.
 */
export function startTimer(timer: AgendaTimer, itemId: string, now: number): AgendaTimer {
  if (timer.itemId === itemId) return timer.runningSince === null ? { ...timer, runningSince: now } : timer;
  const { [itemId]: resumed = 0, ...spentMs } = timer.spentMs ?? {};
  if (timer.itemId !== null) spentMs[timer.itemId] = timerElapsedMs(timer, now);
  return { itemId, runningSince: now, elapsedMs: resumed, spentMs };
}

export function pauseTimer(timer: AgendaTimer, now: number): AgendaTimer {
  if (timer.runningSince === null) return timer;
  return { ...timer, runningSince: null, elapsedMs: timerElapsedMs(timer, now) };
}
