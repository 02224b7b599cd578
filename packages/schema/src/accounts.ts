import { z } from 'zod';
import { boundedText, CaseId, CaseSummary } from './case.ts';
import { AgencyKind } from './conference.ts';
import { widthAndCaseFolded } from './search.ts';

/** Ids of agencies, users, memberships and invitations: URL-safe like case ids. */
export const EntityId = CaseId;

/** What an account may do beyond the cases it is a member of. */
export const SystemRole = z.enum([
  /** manages agencies and accounts, and has every coordinator power */
  'admin',
  /** creates cases, grants membership, invites guests, reads every case (reviewing) and the audit trail */
  'coordinator',
  /** sees only the cases they or their agency are members of */
  'staff',
]);
export type SystemRole = z.infer<typeof SystemRole>;

/** A guest is an external participant who came in through an invitation link. */
export const PrincipalRole = z.enum([...SystemRole.options, 'guest']);
export type PrincipalRole = z.infer<typeof PrincipalRole>;

/** Coordinators (and administrators) run conferences and may read every case: the server and the web app ask this one rule. */
const GUEST_ID_PREFIX = 'guest_';
/** The stable id of the guest an invitation lets in (its userId, an actor's in the trails); no account's id starts so. */
export const guestUserId = (invitationId: string) => `${GUEST_ID_PREFIX}${invitationId}`;
export const isGuestId = (userId: string) => userId.startsWith(GUEST_ID_PREFIX);
/** The invitation whose guest this is (undefined: an account's id). */
export const invitationOfGuest = (userId: string) => (isGuestId(userId) ? userId.slice(GUEST_ID_PREFIX.length) : undefined);

export const isCoordinatorRole = (role: PrincipalRole): boolean => role === 'admin' || role === 'coordinator';

/** How much of a case a member may do: edit it, or only read it (observers, reviewers). */
export const AccessLevel = z.enum(['edit', 'read']);
export type AccessLevel = z.infer<typeof AccessLevel>;

const ACCESS_RANK: Record<AccessLevel, number> = { read: 1, edit: 2 };

/**
 * Whether a member with this access to a case may save a version of it or restore one (which
 * writes the live doc as an edit would): edit access only, so not readers, nor coordinators who
 * see every case but were given none (a closed case is no one's to edit: its members read it).
 */
export const mayWriteRecords = (access: AccessLevel | undefined): boolean => access === 'edit';

/** The more of two accesses (either may be none): someone granted several has the highest. */
export const higherAccess = (a: AccessLevel | undefined, b: AccessLevel | undefined) => (!a || (b && ACCESS_RANK[b] > ACCESS_RANK[a]) ? b : a);

/**
 * What makes two login names, or two agencies' names, one: full-width and half-width (ｼｬｷｮｳ and
 * シャキョウ, ＡＢ１ and AB1), upper and lower case, and spaces around or repeated are not told
 * apart, as people do not tell them apart when they read or type a name. No two accounts (or
 * agencies) are given one key; signing in finds the account by it.
 */
export const lookAlikeKey = (name: string) => widthAndCaseFolded(name).trim().replace(/\s+/g, ' ');

export const LoginName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{3,64}$/, '半角英数字と . _ @ - で3〜64文字にしてください');

/** Long passphrases over complexity rules (NIST SP 800-63B): at least 12 characters. */
export const NewPassword = z
  .string()
  .min(12, '12文字以上にしてください')
  .max(256, '256文字以内にしてください');

export const LoginBody = z.strictObject({
  login: z.string().trim().min(1, '入力してください').max(64),
  password: z.string().min(1, '入力してください').max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

/**
 * POST /api/session/password: an account holder chooses a new password, proving who they are with
 * the current one (also the temporary one an administrator gave, which cannot sign in; see
 * PASSWORD_CHANGE_REQUIRED). Signs in with it.
 */
export const ChangePasswordBody = z
  .strictObject({ login: LoginBody.shape.login, currentPassword: LoginBody.shape.password, newPassword: NewPassword })
  // Passwords are compared as the server hashes them (NFKC: ｐａｓｓ is pass).
  .refine((body) => body.newPassword.normalize('NFKC') !== body.currentPassword.normalize('NFKC'), {
    path: ['newPassword'],
    message: '現在のパスワードとは別のパスワードにしてください',
  });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/**
 * ApiError.error of a sign-in (403) with a right but temporary password, one an administrator set
 * (a new account's first, or a reset): its holder must choose their own (ChangePasswordBody) first.
 */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';

/** ApiError.error (403) of a temporary password used after it expired: an administrator must set a new one. */
export const TEMPORARY_PASSWORD_EXPIRED = 'temporary_password_expired';

/**
 * ApiError.error (401) of a request with a session that ended when its account, or its agency,
 * was disabled: its holder cannot sign in again to send what the browser kept, so the browser
 * deletes it (as on a live 4401 AccessEndReason.accountDisabled), and says so.
 */
export const ACCOUNT_DISABLED = 'account_disabled';

/**
 * Whether a temporary password set at `since` no longer lets its holder in, `days` later: one
 * handed over on paper or by mail should not work for ever. Asked by the server and the admin page.
 */
export function temporaryPasswordExpired(since: string, days: number, now = Date.now()): boolean {
  return Date.parse(since) + days * 86_400_000 <= now;
}

/** The person signed in, as the web app sees them. */
export const SessionUser = z.object({
  userId: z.string(),
  name: z.string(),
  agency: z.string(),
  /** Its registered agency's kind; a guest's, as agencyOf files the agency they were invited as. */
  agencyKind: AgencyKind,
  role: PrincipalRole,
  /** Accounts only (guests have none). */
  login: z.string().optional(),
  /** Guests only: the one case their invitation opens, and the one conference of it they take part in. */
  caseId: CaseId.optional(),
  conferenceId: CaseId.optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** GET/POST /api/session: who is signed in, and the token state-changing requests must echo. */
export const SessionInfo = z.object({ user: SessionUser, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Header that carries SessionInfo.csrfToken on every POST/PUT/PATCH/DELETE. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Header on a request a page makes by itself (its periodic check for a new build, a list it reads
 * again every minute): not use of the session, which would otherwise never run out while a page is
 * open on an unattended computer, whatever SESSION_IDLE_MINUTES says.
 */
export const BACKGROUND_HEADER = 'x-care-background';

/**
 * POST /api/agencies (register one), with its kind (種別: 医療機関 for 北病院), which its staff's
 * action items and conferences are filed under.
 */
export const AgencyBody = z.strictObject({ name: boundedText(80), kind: AgencyKind });
export type AgencyBody = z.infer<typeof AgencyBody>;

/**
 * PATCH /api/agencies/:id: a new name (組織改編) or kind, or disabling an agency that no longer takes
 * part (its staff are signed out and cannot sign in, it can be given no case or account) or enabling
 * it again. Its accounts and memberships stay, as the records name them.
 */
export const UpdateAgencyBody = z
  .strictObject({ name: boundedText(80).optional(), kind: AgencyKind.optional(), disabled: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.kind !== undefined || body.disabled !== undefined, '名前、種別、無効・有効のどれかを指定してください');
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>;

/** An agency registered in the system: its accounts sign in as its staff, of its kind (see conference.ts Agency). */
export const AgencyAccount = z.object({ id: EntityId, name: z.string(), kind: AgencyKind, disabled: z.boolean(), createdAt: z.iso.datetime() });
export type AgencyAccount = z.infer<typeof AgencyAccount>;
export const AgencyList = z.object({ agencies: z.array(AgencyAccount) });
export type AgencyList = z.infer<typeof AgencyList>;

/**
 * The kind an agency's name suggests (北病院: 医療機関, 高齢福祉課: 行政), その他 when it suggests
 * none: what agencies registered before they had a kind were given (migration 0014), and the kind
 * of the first administrator's agency. An administrator corrects it in 管理.
 */
export function guessAgencyKind(name: string): AgencyKind {
  return KIND_HINTS.find(([, hint]) => hint.test(name))?.[0] ?? 'その他';
}

/** In order: 北地域包括支援センター is no 行政 for its 地域. */
const KIND_HINTS: [AgencyKind, RegExp][] = [
  ['地域包括支援センター', /包括/],
  ['社会福祉協議会', /社会福祉協議会|社協/],
  ['居宅介護支援事業所', /居宅介護支援|ケアプラン/],
  ['医療機関', /病院|医院|診療所|クリニック|医療|訪問看護/],
  ['民生委員', /民生委員/],
  ['行政', /役所|役場|保健所|保健センター|課$|^行政$/],
];

export const CreateUserBody = z.strictObject({
  login: LoginName,
  name: boundedText(60),
  agencyId: EntityId,
  role: SystemRole.default('staff'),
  password: NewPassword,
});
export type CreateUserBody = z.input<typeof CreateUserBody>;

/**
 * PATCH /api/users/:id: disabling an account, or resetting its password (to a temporary one its
 * holder must change), ends its sessions and closes its live connections. A new name, agency
 * (人事異動) or role applies at once: its live connections reconnect as who the account is now.
 */
export const UpdateUserBody = z.strictObject({
  disabled: z.boolean().optional(),
  password: NewPassword.optional(),
  name: boundedText(60).optional(),
  agencyId: EntityId.optional(),
  role: SystemRole.optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const Account = z.object({
  id: EntityId,
  login: z.string(),
  name: z.string(),
  agencyId: EntityId,
  agency: z.string(),
  agencyKind: AgencyKind,
  role: SystemRole,
  disabled: z.boolean(),
  /** When an administrator set its password, until its holder changes it (they must, before signing in). */
  temporaryPasswordSince: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Account = z.infer<typeof Account>;
export const AccountList = z.object({
  users: z.array(Account),
  /** How long a temporary password lets its holder choose their own (see temporaryPasswordExpired). */
  temporaryPasswordDays: z.number().positive(),
});
export type AccountList = z.infer<typeof AccountList>;

/**
 * GET /api/sign-in-locks (administrators only, never in AccountList, which coordinators read): the
 * accounts whose login failed sign-ins have locked, and until when. Locked, it is refused from
 * anywhere its holder has not signed in from lately; an administrator's password reset unlocks it.
 */
export const SignInLock = z.object({ userId: EntityId, until: z.iso.datetime() });
export type SignInLock = z.infer<typeof SignInLock>;
export const SignInLockList = z.object({ locks: z.array(SignInLock) });
export type SignInLockList = z.infer<typeof SignInLockList>;

/** PUT /api/cases/:id/members: grant (or change) an agency's or one user's access to a case. */
export const GrantMembershipBody = z
  .strictObject({ agencyId: EntityId.optional(), userId: EntityId.optional(), access: AccessLevel })
  .refine((body) => (body.agencyId === undefined) !== (body.userId === undefined), {
    message: 'give exactly one of agencyId or userId',
  });
export type GrantMembershipBody = z.infer<typeof GrantMembershipBody>;

export const CaseMember = z.object({
  id: EntityId,
  agencyId: EntityId.nullable(),
  userId: EntityId.nullable(),
  /** The agency's or user's name, for display. */
  label: z.string(),
  access: AccessLevel,
  /** Its agency or account is disabled: it lets no one in until that is enabled again. */
  inactive: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type CaseMember = z.infer<typeof CaseMember>;
export const CaseMemberList = z.object({ members: z.array(CaseMember) });
export type CaseMemberList = z.infer<typeof CaseMemberList>;


/** Invitation secrets: 32 random bytes, base64url. */
export const InvitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation link');
export const AcceptInvitationBody = z.strictObject({ token: InvitationToken });

/** GET /api/cases/:id: the case and what the caller may do with it. */
export const OpenedCase = CaseSummary.extend({ access: AccessLevel });
export type OpenedCase = z.infer<typeof OpenedCase>;
