import { z } from 'zod';
import { AccessLevel } from './accounts.ts';
import { CaseId, Instant } from './case.ts';
import { MinutesFormat, TimelineQuery } from './records.ts';

/** What happened to a case; the audit trail never records content. */
export const AuditAction = z.enum([
  /** the case registered (its creator is its first member, with edit access) */
  'create',
  'open',
  'edit',
  'export',
  /** a past conference record's content read (one record, or two compared) */
  'view-record',
  /** its open action items read in the list across cases (対応事項の一覧) */
  'view-action-items',
  /** its 地域課題 read in the list across cases (地域課題の一覧) */
  'view-regional-issues',
  /** a line of one of its records shown, found by a keyword search of the records (記録のタイムライン) */
  'search-records',
  /** membership granted or changed, invitation created */
  'grant',
  /** membership removed, invitation revoked */
  'revoke',
  /** the case closed (ケース終結): read-only for everyone */
  'close',
  /** a closed case reopened */
  'reopen',
  /** the case summary set back to a saved version's (版の復元): an edit made in one go */
  'restore',
  /** a version of the case saved by hand (版の保存): a lasting copy of what is written about the person */
  'save-version',
  /** the whole database copied by the server's backup command: a copy of every case, this one too */
  'backup',
  /** a conference started (開始) */
  'start-conference',
  /** a conference closed (終了): its record, a lasting copy of what is written, is taken */
  'close-conference',
  /** a conference called off (中止) */
  'cancel-conference',
  /** someone signed in refused the case: not (or no longer) a member, or a guest invited to another case */
  'access-refused',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** Who did it, when and from where, in both trails; name and agency as they were at the time. */
const TrailEntry = z.object({
  seq: z.number().int(),
  actorId: z.string(),
  actorName: z.string(),
  actorAgency: z.string(),
  at: z.iso.datetime(),
  /**
   * Where the request came from (the client's address; behind a proxy, with TRUST_PROXY); null for
   * a command run on the server, a session that ran out, and case trail entries recorded before it was kept.
   */
  address: z.string().nullable(),
});

/** Filters both trails share: one person, a period (`from` inclusive, `before` exclusive). */
const TrailQuery = z.strictObject({
  actorId: z.string().min(1).max(80).optional(),
  from: Instant.optional(),
  before: Instant.optional(),
});

/**
 * Whom a grant or revoke was for, as it was then: an agency's staff, one account, or a guest's
 * invitation (with the agency the guest was invited as), and the access given or taken away.
 * `was`: on a grant that changed access the agency or account already had, that access before
 * (閲覧のみ → 編集); missing on a first grant, and on grants recorded before it was kept.
 */
export const MemberSubject = z.object({
  kind: z.enum(['agency', 'account', 'invitation']),
  id: z.string(),
  name: z.string(),
  agency: z.string().optional(),
  access: AccessLevel,
  was: AccessLevel.optional(),
});
export type MemberSubject = z.infer<typeof MemberSubject>;

/**
 * What a view-record or export read: one record, two compared (from, to), the 議事録 of one
 * record or the 議事録一式 of the case (its records, oldest first), each record by id and by its
 * label as it was then; and the format of a file.
 */
export const RecordsSubject = z.object({
  kind: z.enum(['record', 'records-compared', 'minutes', 'all-minutes']),
  records: z.array(z.object({ id: z.string(), label: z.string() })),
  format: MinutesFormat.optional(),
});
export type RecordsSubject = z.infer<typeof RecordsSubject>;

/**
 * A list across cases (対応事項の一覧, 地域課題の一覧) read, or exported (`format`): as a file (csv),
 * or printed from its page (print): which list, by its path's name and its title, and how many of
 * its entries were this case's. The whole list leaves the server (its filters narrow it in the
 * browser), so that is what was read. `entries` is missing on exports recorded before it was kept.
 */
export const ListSubject = z.object({
  kind: z.literal('list'),
  id: z.string(),
  name: z.string(),
  entries: z.number().int().optional(),
  format: z.enum(['csv', 'print']).optional(),
});
export type ListSubject = z.infer<typeof ListSubject>;

/**
 * What a keyword search of the records (記録のタイムライン) showed of a case: the search as asked,
 * its words and filters (as TimelineQuery bounds them; words may name a person, and are shown only
 * where the rest of the trail is), and the records whose line it showed, by id and label then.
 */
export const SearchSubject = z.object({ kind: z.literal('search'), search: TimelineQuery, records: RecordsSubject.shape.records });
export type SearchSubject = z.infer<typeof SearchSubject>;

/** Which conference was started, closed or called off: by id and by its name then (2026-11-23 個別ケース検討). */
export const ConferenceSubject = z.object({ kind: z.literal('conference'), id: z.string(), name: z.string() });
export type ConferenceSubject = z.infer<typeof ConferenceSubject>;

export const AuditSubject = z.discriminatedUnion('kind', [MemberSubject, RecordsSubject, ListSubject, SearchSubject, ConferenceSubject]);
export type AuditSubject = z.infer<typeof AuditSubject>;

/**
 * `subject`: on grant and revoke entries whom for; on view-record, export, view-action-items,
 * view-regional-issues and search-records entries what was read; on a conference's start, close
 * or cancelling which one (null on the others, and on entries recorded before it was kept).
 */
export const AuditEntry = TrailEntry.extend({ caseId: CaseId, action: AuditAction, subject: AuditSubject.nullable() });
export type AuditEntry = z.infer<typeof AuditEntry>;
/** One case's trail, newest first: at most its newest 500 entries (`truncated`: it has more; search it by its case for all). */
export const AuditList = z.object({ entries: z.array(AuditEntry), truncated: z.boolean() });
export type AuditList = z.infer<typeof AuditList>;

/**
 * GET /api/audit (coordinators): the trail across cases, newest first, e.g. every case one person
 * opened in a period (a suspected leak of 要配慮個人情報), or everyone who read one person's case
 * (`caseId`). `from` inclusive, `before` exclusive.
 */
export const AuditQuery = TrailQuery.extend({ caseId: CaseId.optional(), action: AuditAction.optional() });
export type AuditQuery = z.infer<typeof AuditQuery>;

/**
 * GET /api/audit/guests (coordinators): every guest invited by link, whom the trails' person filter
 * offers besides the accounts (their rows carry guestUserId of the invitation as actorId), newest
 * invitation first: by the name and agency invited as, with the case and when they were invited.
 */
export const TrailGuest = z.object({ id: z.string(), name: z.string(), agency: z.string(), caseTitle: z.string(), invitedAt: z.iso.datetime() });
export type TrailGuest = z.infer<typeof TrailGuest>;
export const TrailGuestList = z.object({ guests: z.array(TrailGuest) });
export type TrailGuestList = z.infer<typeof TrailGuestList>;

export const AuditSearchEntry = AuditEntry.extend({ caseTitle: z.string() });
export type AuditSearchEntry = z.infer<typeof AuditSearchEntry>;

export const AuditSearch = z.object({
  entries: z.array(AuditSearchEntry),
  /** More entries matched than the newest ones listed: narrow the search to see the rest. */
  truncated: z.boolean(),
});
export type AuditSearch = z.infer<typeof AuditSearch>;

/** What was done to accounts and agencies: by an administrator, or (a password, a sign-in) by its holder. */
export const AccountAuditAction = z.enum([
  'create-agency',
  /** 組織改編 */
  'rename-agency',
  /** its 種別 corrected (医療機関 for 北病院): its staff's items and conferences are filed under it from then on */
  'change-agency-kind',
  /** an agency that no longer takes part: its staff cannot sign in */
  'disable-agency',
  'enable-agency',
  'create-account',
  /** name, agency (人事異動) or role */
  'change-account',
  /** a temporary password set by an administrator */
  'reset-password',
  'disable-account',
  'enable-account',
  /** the holder chose their own password */
  'change-password',
  /** the holder signed in */
  'sign-in',
  /** a guest came in through their invitation link (actor: the guest, by the name they were invited as; subject: the invitation, its case and conference) */
  'accept-invitation',
  /** the holder signed out (ログアウト; sessions ended otherwise show as what ended them); a guest too (subject: the invitation, as on accept-invitation) */
  'sign-out',
  /** a session of the holder ended by an administrator disabling their agency: one for each session (actor: that administrator) */
  'signed-out-with-agency',
  /** a session ended by a sign-in (or an invitation link) on the same browser, which replaces it (actor: who signed in; subject: the session's holder, or a guest's invitation as on accept-invitation) */
  'signed-out-by-sign-in',
  /** the holder's session ran out: unused for SESSION_IDLE_MINUTES, or SESSION_MAX_HOURS after sign-in (at: when it ended); a guest's too (actor: the guest; subject: the invitation, as on accept-invitation) */
  'session-expired',
  /** a guest's session ended as its conference ended, closed or called off (at: then; actor and subject as on session-expired) */
  'session-ended-with-conference',
  /** a sign-in (or password change) refused: a wrong password for this account, or it or its agency is disabled; or an invitation link that no longer admits its guest (by whoever tried; why: SignInRefusal) */
  'sign-in-failed',
  /** a trail taken away as a file (CSV): the subject says which entries, and how many */
  'export-trail',
  /** the embedded store copied into PostgreSQL (store:copy; subject: from where to where): the first row of the trail there */
  'copy-store',
]);
export type AccountAuditAction = z.infer<typeof AccountAuditAction>;

/**
 * Why a sign-in on an existing account, or through an existing invitation link, was refused, for
 * the trail's readers (the person trying is told only that it was).
 */
export const SignInRefusal = z.enum([
  'wrong-password',
  'account-disabled',
  'agency-disabled',
  'invitation-revoked',
  'invitation-expired',
  'conference-ended',
  /** refused unchecked: this login's or address's failures spent for now (recorded once per login, address and window) */
  'too-many-failures',
]);
export type SignInRefusal = z.infer<typeof SignInRefusal>;

/** One field of an account or agency before and after ('' before: it was created). Roles as SystemRole values, an agency's kind as AgencyKind. */
export const AccountChange = z.object({ field: z.enum(['name', 'agency', 'role', 'kind']), from: z.string(), to: z.string() });
export type AccountChange = z.infer<typeof AccountChange>;

export const AccountAuditEntry = TrailEntry.extend({
  action: AccountAuditAction,
  /** The account or agency acted on, and its name at the time (an account's with its login). */
  subjectId: z.string(),
  subjectName: z.string(),
  changes: z.array(AccountChange),
  /** On `sign-in-failed`: why (null on other entries, and on refusals recorded before it was kept). */
  refusal: SignInRefusal.nullable(),
});
export type AccountAuditEntry = z.infer<typeof AccountAuditEntry>;

/**
 * GET /api/account-audit (coordinators): who created, changed, reset or disabled which account or
 * agency, newest first — e.g. who made someone a coordinator, and so able to read every case.
 */
export const AccountAuditQuery = TrailQuery.extend({
  subjectId: z.string().min(1).max(80).optional(),
  action: AccountAuditAction.optional(),
});
export type AccountAuditQuery = z.infer<typeof AccountAuditQuery>;

export const AccountAuditSearch = z.object({ entries: z.array(AccountAuditEntry), truncated: z.boolean() });
export type AccountAuditSearch = z.infer<typeof AccountAuditSearch>;
