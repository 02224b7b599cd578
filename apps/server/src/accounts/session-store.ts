import { isCoordinatorRole } from '@care/schema';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../storage/database.ts';
import { hashToken, newToken } from './tokens.ts';

export type SessionPolicy = {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  maxMs: number;
};

/** Record last use at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Signed-in browsers. The cookie holds a random token; the table holds only its hash. A session
 * is valid while it is neither idle too long nor past its absolute end, and while its account is
 * enabled (or its invitation unrevoked and unexpired).
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
  ) {}

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

  /** The principal signed in with this token, or undefined when there is no such live session. */
  async resolve(token: string): Promise<Principal | undefined> {
    const sessionId = hashToken(token);
    const session = await this.db.kysely.selectFrom('sessions').selectAll().where('token_hash', '=', sessionId).executeTakeFirst();
    const now = Date.now();
    if (!session) return undefined;
    if (session.expires_at <= iso(now) || session.last_seen_at <= iso(now - this.policy.idleMs)) {
      await this.endSession(sessionId);
      return undefined;
    }
    const principal = session.user_id
      ? await this.accountPrincipal(session.user_id, sessionId)
      : await this.guestPrincipal(session.invitation_id!, sessionId, iso(now));
    if (!principal) return undefined;
    if (Date.parse(session.last_seen_at) < now - TOUCH_EVERY_MS) {
      await this.db.kysely.updateTable('sessions').set({ last_seen_at: iso(now) }).where('token_hash', '=', sessionId).execute();
    }
    return principal;
  }

  private async accountPrincipal(userId: string, sessionId: string): Promise<Principal | undefined> {
    const user = await this.db.kysely
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.name', 'users.role', 'users.agency_id', 'users.disabled_at', 'agencies.name as agency'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!user || user.disabled_at !== null) return undefined;
    return {
      userId: user.id,
      name: user.name,
      agency: user.agency,
      agencyId: user.agency_id,
      role: user.role,
      isCoordinator: isCoordinatorRole(user.role),
      sessionId,
    };
  }

  private async guestPrincipal(invitationId: string, sessionId: string, now: string): Promise<Principal | undefined> {
    const invitation = await this.db.kysely.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirst();
    if (!invitation || invitation.revoked_at !== null || invitation.expires_at <= now) return undefined;
    return {
      userId: `guest_${invitation.id}`,
      name: invitation.name,
      agency: invitation.agency,
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

  async end(token: string): Promise<void> {
    await this.endSession(hashToken(token));
  }

  private async endSession(sessionId: string): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('token_hash', '=', sessionId).execute();
  }

  async endAllOf(owner: { userId: string } | { invitationId: string }): Promise<void> {
    const query = this.db.kysely.deleteFrom('sessions');
    await ('userId' in owner ? query.where('user_id', '=', owner.userId) : query.where('invitation_id', '=', owner.invitationId)).execute();
  }
}
