import { AccessEndReason, agencyOf, type GuestLetGo, guestUserId, isCoordinatorRole } from '@care/schema';
import type { ExpressionBuilder } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { AccountSessions } from '../access/revocations.ts';
import type { Db, Tables } from '../storage/database.ts';
import { writeUnsynced } from '../storage/unsynced-write.ts';
import { admits } from '../access/invitation-store.ts';
import { letsIn } from './account-store.ts';
import { hashToken, newToken } from './tokens.ts';

export type SessionPolicy = {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  maxMs: number;
};

/** Record last use at most this often (or a quarter of the idle limit, if shorter), so use does not write on every request or keystroke. */
const TOUCH_EVERY_MS = 60_000;

/**
 * When a session ends if nothing happens meanwhile, and why: unused too long, its time limit, or
 * (a guest's) the expiry of the invitation that let it in, when that comes before its time limit.
 */
export type SessionEnd = { at: number; cause: 'idle' | 'limit' | 'invitation' };

/**
 * A session that ran out (see SessionStore.takeEnded): whose (an account's, or a guest's by its
 * invitation), and when and why it ended; `endedEarlier` when disabling its account or revoking its
 * invitation ended it before (its end is in the trails then).
 */
export type EndedSession = { userId: string | null; invitationId: string | null; end: SessionEnd; endedEarlier: boolean };

/** Why a session whose row is kept till its time limit has ended, which one (its id) and whose it was, an account's or a guest's (see SessionStore.whyEnded). */
export type EndedWhy = { why: NonNullable<Tables['sessions']['ended_reason']>; sessionId: string; userId: string | null };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Signed-in browsers. The cookie holds a random token; the table holds only its hash. A session
 * is valid while it is neither idle too long nor past its absolute end, and while its account and
 * its agency are enabled (or its invitation unrevoked and unexpired).
 */
export class SessionStore {
  private readonly touchEveryMs: number;
  /** Last time this process recorded use of each session (see noteActivity). */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
  ) {
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, policy.idleMs / 4);
  }

  /** Starts a session; returns the token for the cookie (never stored). */
  async start(owner: { userId: string } | { invitationId: string; notAfter: string }): Promise<string> {
    const token = newToken();
    const now = Date.now();
    let expires = iso(now + this.policy.maxMs);
    if ('invitationId' in owner && owner.notAfter < expires) expires = owner.notAfter;
    await this.db.kysely
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: 'userId' in owner ? owner.userId : null,
        invitation_id: 'invitationId' in owner ? owner.invitationId : null,
        created_at: iso(now),
        last_seen_at: iso(now),
        expires_at: expires,
      })
      .execute();
    return token;
  }

  /**
   * The principal signed in with this token, or undefined when there is no such live session. A
   * request resolving it is use of it, unless the page made it by itself (`use: false`).
   */
  async resolve(token: string, { use = true }: { use?: boolean } = {}): Promise<Principal | undefined> {
    const sessionId = hashToken(token);
    const principal = await this.principalOf(sessionId);
    if (principal && use) this.noteActivity(sessionId);
    return principal;
  }

  /**
   * The principal of a live session (by its id, the token's hash), or undefined when it has
   * ended: signed out, unused too long, past its time limit, its account or agency disabled (even
   * if enabled again since), or its invitation revoked, expired or its conference closed.
   */
  async principalOf(sessionId: string): Promise<Principal | undefined> {
    const session = await this.db.kysely.selectFrom('sessions').selectAll().where('token_hash', '=', sessionId).executeTakeFirst();
    if (!session || session.ended_reason !== null) return undefined;
    const now = Date.now();
    // Left in place: takeEnded removes it, so that its end is recorded (and read by endOf till then).
    if (this.endOfRow(session).at <= now) return undefined;
    return session.user_id
      ? this.accountPrincipal(session.user_id, sessionId)
      : this.guestPrincipal(session.invitation_id!, sessionId, iso(now));
  }

  /**
   * Why a session that principalOf no longer admits ended, when its holder must be told: a guest's
   * let go (its invitation revoked, its conference ended), or one whose account (or agency) was disabled. Each ends it
   * but leaves its row until its time runs out (takeEnded), so that its browser learns it was not
   * a session that timed out: the access was withdrawn, or the account cannot sign in again.
   */
  async whyEnded(sessionId: string): Promise<EndedWhy | undefined> {
    const row = await this.db.kysely.selectFrom('sessions').select(['ended_reason', 'user_id', 'invitation_id']).where('token_hash', '=', sessionId).executeTakeFirst();
    if (!row?.ended_reason) return undefined;
    return { why: row.ended_reason, sessionId, userId: row.user_id ?? (row.invitation_id === null ? null : guestUserId(row.invitation_id)) };
  }

  /**
   * Deletes a session that whyEnded tells of, as its holder signs out: kept only to tell its
   * browser why, and its end (the revoking, the disabling) is in the trails already.
   */
  async forgetEnded(sessionId: string): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('token_hash', '=', sessionId).where('ended_reason', 'is not', null).execute();
  }

  /** When the session ends unless it is used meanwhile; undefined when it has already ended or does not exist. */
  async endOf(sessionId: string): Promise<SessionEnd | undefined> {
    const session = await this.db.kysely
      .selectFrom('sessions')
      .select(['expires_at', 'last_seen_at', 'created_at', 'invitation_id'])
      .where('token_hash', '=', sessionId)
      .executeTakeFirst();
    return session && this.endOfRow(session);
  }

  /** Whether any session ran out by `cutoff` (checked before takeEnded, whose transaction would lock the database for nothing). */
  async anyEnded(cutoff: number): Promise<boolean> {
    const row = await this.db.kysely.selectFrom('sessions').select('token_hash').where(this.endedBy(cutoff)).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Removes up to `limit` sessions that ran out (unused too long, past their time limit) by
   * `cutoff`, and says whose they were and how each ended. Of processes sharing the database, only
   * the one whose delete takes a session gets it.
   */
  async takeEnded(cutoff: number, limit: number): Promise<EndedSession[]> {
    const ended = this.endedBy(cutoff);
    const rows = await this.db.kysely
      .deleteFrom('sessions')
      .where('token_hash', 'in', (eb) => eb.selectFrom('sessions').select('token_hash').where(ended).limit(limit))
      .where(ended) // again: a session used meanwhile by another process stays
      .returning(['user_id', 'invitation_id', 'created_at', 'last_seen_at', 'expires_at', 'ended_reason'])
      .execute();
    return rows.map((row) => ({ userId: row.user_id, invitationId: row.invitation_id, end: this.endOfRow(row), endedEarlier: row.ended_reason !== null }));
  }

  /**
   * The invitations of the guests' sessions that takeEnded would take by `cutoff` and that ended
   * by time, not by revoking (of those it takes, a session that ran out has not been used since).
   */
  async invitationsEnded(cutoff: number): Promise<string[]> {
    const rows = await this.db.kysely
      .selectFrom('sessions')
      .select('invitation_id')
      .distinct()
      .where(this.endedBy(cutoff))
      .where('invitation_id', 'is not', null)
      .where('ended_reason', 'is', null)
      .execute();
    return rows.flatMap(({ invitation_id }) => (invitation_id === null ? [] : [invitation_id]));
  }

  /**
   * The invitations among these whose guests have sessions that endGuestsWithConference would end (checked
   * before its transaction, which would lock the database for nothing, and to name only those).
   */
  async invitationsSignedIn(invitationIds: readonly string[]): Promise<string[]> {
    if (invitationIds.length === 0) return [];
    const rows = await this.db.kysely
      .selectFrom('sessions')
      .select('invitation_id')
      .distinct()
      .where('invitation_id', 'in', invitationIds)
      .where('ended_reason', 'is', null)
      .execute();
    return rows.flatMap(({ invitation_id }) => (invitation_id === null ? [] : [invitation_id]));
  }

  /**
   * Ends the sessions of these invitations' guests, whose invitations stopped admitting at
   * `stoppedAt` (their conference ended, `why`), and says how each ended: then, or earlier if it had
   * run out before. Each is marked ended and kept till its time limit, as a revoked invitation's, so
   * that a guest's page offline meanwhile learns why when it comes back (whyEnded), not that a
   * session timed out that the link would open again. Of processes sharing the database, only the
   * one whose update takes a session gets it.
   */
  async endGuestsWithConference(invitationIds: readonly string[], stoppedAt: ReadonlyMap<string, number>, why: GuestLetGo): Promise<EndedSession[]> {
    if (invitationIds.length === 0) return [];
    const rows = await this.db.kysely
      .updateTable('sessions')
      .set({ ended_reason: why })
      .where('invitation_id', 'in', invitationIds)
      .where('ended_reason', 'is', null)
      .returning(['user_id', 'invitation_id', 'created_at', 'last_seen_at', 'expires_at'])
      .execute();
    return rows.map((row) => {
      const own = this.endOfRow(row);
      const stopped = stoppedAt.get(row.invitation_id!) ?? Date.now();
      const end: SessionEnd = own.at < stopped ? own : { at: stopped, cause: 'invitation' };
      return { userId: row.user_id, invitationId: row.invitation_id, end, endedEarlier: false };
    });
  }

  /**
   * Sessions past their time limit, or unused too long, by `cutoff`. A guest's whose invitation was
   * revoked, or one ended by disabling its account, is kept till its time limit however long
   * unused: its page, offline meanwhile, comes back to be told why (see whyEnded), and deletes its copies.
   */
  private endedBy(cutoff: number) {
    return (eb: ExpressionBuilder<Tables, 'sessions'>) =>
      eb.or([eb('expires_at', '<=', iso(cutoff)), eb.and([eb('last_seen_at', '<=', iso(cutoff - this.policy.idleMs)), eb('ended_reason', 'is', null)])]);
  }

  private endOfRow(session: Pick<Tables['sessions'], 'expires_at' | 'last_seen_at' | 'created_at' | 'invitation_id'>): SessionEnd {
    const limit = Date.parse(session.expires_at);
    const idle = Date.parse(session.last_seen_at) + this.policy.idleMs;
    if (idle < limit) return { at: idle, cause: 'idle' };
    // A guest session ends with its invitation if that expires first (see start).
    const cutShort = session.invitation_id !== null && limit < Date.parse(session.created_at) + this.policy.maxMs;
    return { at: limit, cause: cutShort ? 'invitation' : 'limit' };
  }

  /**
   * The session was used (a request, or an edit or presence change on a live connection): its
   * idle limit starts again. Written at most once per touchEveryMs per session by this process;
   * an ended session stays ended.
   */
  noteActivity(sessionId: string): void {
    const now = Date.now();
    if (!this.activityDue(sessionId, now)) return;
    if (this.touched.size >= 10_000) this.forgetTouchesBefore(now - this.touchEveryMs);
    this.touched.set(sessionId, now);
    // Unsynced: lost with a power cut, a last use only makes the session end sooner.
    writeUnsynced(
      this.db,
      this.db.kysely
        .updateTable('sessions')
        .set({ last_seen_at: iso(now) })
        .where('token_hash', '=', sessionId)
        .where('last_seen_at', '>', iso(now - this.policy.idleMs))
        .where('expires_at', '>', iso(now)),
    ).catch(() => this.touched.delete(sessionId)); // try again on the next use
  }

  /** Whether noteActivity would record use of the session now (it records at most once per touchEveryMs). */
  activityDue(sessionId: string, now = Date.now()): boolean {
    const last = this.touched.get(sessionId);
    return last === undefined || now - last >= this.touchEveryMs;
  }

  private forgetTouchesBefore(cutoff: number): void {
    for (const [sessionId, at] of this.touched) if (at < cutoff) this.touched.delete(sessionId);
  }

  private async accountPrincipal(userId: string, sessionId: string): Promise<Principal | undefined> {
    const user = await this.db.kysely
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.login', 'users.name', 'users.role', 'users.agency_id', 'users.disabled_at', 'agencies.name as agency', 'agencies.kind as agency_kind', 'agencies.disabled_at as agency_disabled_at'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!user || !letsIn(user)) return undefined;
    return {
      userId: user.id,
      login: user.login,
      name: user.name,
      agency: user.agency,
      agencyKind: user.agency_kind,
      agencyId: user.agency_id,
      role: user.role,
      isCoordinator: isCoordinatorRole(user.role),
      sessionId,
    };
  }

  private async guestPrincipal(invitationId: string, sessionId: string, now: string): Promise<Principal | undefined> {
    const invitation = await this.db.kysely.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirst();
    if (!invitation || !admits(invitation, now)) return undefined;
    return {
      userId: guestUserId(invitation.id),
      name: invitation.name,
      agency: invitation.agency,
      agencyKind: agencyOf(invitation.agency).kind,
      role: 'guest',
      isCoordinator: false,
      sessionId,
      invitation: {
        id: invitation.id,
        caseId: invitation.case_id,
        conferenceId: invitation.conference_id,
        access: invitation.access,
      },
    };
  }

  /**
   * Ends one sign-in (by its id), or every sign-in of an account or of an agency's staff. Returns
   * the accounts whose sessions ended, one for each session. Signing out and a password reset
   * delete them; disabling (`why`) marks them ended, for good even if the account is enabled
   * again, and keeps them till their time limit, to tell their browsers why (see whyEnded). A
   * session ended so already stays as it is. (A guest's ends with its invitation: see endGuestsOf.)
   */
  async endAllOf(owner: AccountSessions, why?: typeof AccessEndReason.accountDisabled): Promise<string[]> {
    const ofOwner = (eb: ExpressionBuilder<Tables, 'sessions'>) => {
      const live = eb('ended_reason', 'is', null);
      if ('sessionId' in owner) return eb.and([live, eb('token_hash', '=', owner.sessionId)]);
      if ('userId' in owner) return eb.and([live, eb('user_id', '=', owner.userId)]);
      return eb.and([live, eb('user_id', 'in', eb.selectFrom('users').select('id').where('agency_id', '=', owner.agencyId))]);
    };
    const ended = why
      ? await this.db.kysely.updateTable('sessions').set({ ended_reason: why }).where(ofOwner).returning('user_id').execute()
      : await this.db.kysely.deleteFrom('sessions').where(ofOwner).returning('user_id').execute();
    return ended.flatMap(({ user_id }) => (user_id === null ? [] : [user_id]));
  }

  /**
   * Ends the sessions of an invitation's guests as it is revoked: marked, and kept till their time
   * limit like a disabled account's, so that a guest's page, offline meanwhile, learns why (whyEnded).
   */
  async endGuestsOf(invitationId: string): Promise<void> {
    await this.db.kysely.updateTable('sessions').set({ ended_reason: AccessEndReason.invitationRevoked }).where('invitation_id', '=', invitationId).execute();
  }
}
