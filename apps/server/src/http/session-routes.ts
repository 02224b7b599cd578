import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AcceptInvitationBody,
  AccessCloseCode,
  AccessEndReason,
  type Account,
  ChangePasswordBody,
  LoginBody,
  type SessionInfo,
  temporaryPasswordExpired,
} from '@care/schema';
import type { AccessChange, AccessServices } from '../access/access-services.ts';
import type { Principal } from '../access/principal.ts';
import { hashPassword } from '../accounts/password.ts';
import { csrfTokenFor } from '../accounts/tokens.ts';
import { accountSubject, guestOf, holderOf, SOMEONE_SIGNED_OUT } from '../audit/account-audit.ts';
import type { InvitedTo } from '../audit/invitation-names.ts';
import { OncePerWindow } from '../audit/once-per-window.ts';
import type { Actor } from '../audit/trail-columns.ts';
import type { ServerConfig } from '../config.ts';
import { ForbiddenError, PasswordChangeRequiredError, TemporaryPasswordExpiredError, TooManyAttemptsError, UnauthorizedError } from './errors.ts';
import { signedIn } from './guards.ts';
import type { FailedSignIns } from './failed-sign-ins.ts';
import { clearSessionCookie, setSessionCookie } from './security.ts';

type Config = Pick<ServerConfig, 'COOKIE_SECURE' | 'SESSION_MAX_HOURS' | 'TEMPORARY_PASSWORD_DAYS' | 'LOGIN_FAILURE_WINDOW_MINUTES'>;

/**
 * How the connections of a session that a sign-in on its browser replaced are closed: to their
 * pages it simply ended (what they kept stays for its holder, as at its time limit).
 */
const SIGNED_IN_OVER = 'session ended: signed in again on this browser';

const sessionInfo = (principal: Principal, token: string): SessionInfo => ({
  user: {
    userId: principal.userId,
    name: principal.name,
    agency: principal.agency,
    agencyKind: principal.agencyKind,
    role: principal.role,
    login: principal.login,
    caseId: principal.invitation?.caseId,
    conferenceId: principal.invitation?.conferenceId,
  },
  csrfToken: csrfTokenFor(token),
});

/** Sign in and out (accounts), come in through an invitation link (guests), and "who am I". */
export function registerSessionRoutes(
  app: FastifyInstance,
  {
    config,
    access,
    failedSignIns,
    invitedTo,
  }: { config: Config; access: AccessServices; failedSignIns: FailedSignIns; invitedTo: InvitedTo },
) {
  /** A temporary password only lets its holder choose their own, and only for TEMPORARY_PASSWORD_DAYS. */
  function refuseExpiredTemporary(user: Account): void {
    if (user.temporaryPasswordSince && temporaryPasswordExpired(user.temporaryPasswordSince, config.TEMPORARY_PASSWORD_DAYS)) {
      throw new TemporaryPasswordExpiredError('仮パスワードの有効期限が切れています。管理者に新しい仮パスワードを依頼してください');
    }
  }

  type Owner = Parameters<AccessChange['sessions']['start']>[0];
  /** The live session a browser holds as someone signs in on it, and whose it is as the trail names it. */
  type Replaced = { sessionId: string; userId: string; subject: { id: string; name: string } };

  /** The live session this browser holds, named before the change that replaces it (see InvitedTo); none without one. */
  async function replacedSession(request: FastifyRequest): Promise<Replaced | undefined> {
    const principal = request.principal;
    const subject = principal && (await signingOut(principal));
    return subject && { sessionId: principal.sessionId, userId: principal.userId, subject };
  }

  /**
   * Starts a session for `owner` in a change; its token. The one this browser had (perhaps someone
   * else's) ends, its connections close, and the trail says so under its holder, by `actor`, who
   * signed in over it, from where.
   */
  async function startSession(tx: AccessChange, request: FastifyRequest, owner: Owner, actor: Actor, replaced: Replaced | undefined): Promise<string> {
    if (replaced) {
      await tx.endSessions({ sessionId: replaced.sessionId }, AccessCloseCode.sessionEnded, SIGNED_IN_OVER);
      await tx.accountAudit.record({ actor, action: 'signed-out-by-sign-in', subject: replaced.subject, address: request.ip });
    }
    return tx.sessions.start(owner);
  }

  /** Gives this browser the session started (and committed) with `token`. */
  async function signInBrowser(reply: FastifyReply, token: string, owner: Owner): Promise<SessionInfo> {
    const principal = await access.sessions.resolve(token);
    if (!principal) throw new UnauthorizedError('ログインを開始できませんでした');
    setSessionCookie(reply, config, token, 'notAfter' in owner ? owner.notAfter : undefined);
    return sessionInfo(principal, token);
  }

  app.get('/api/session', async (request): Promise<SessionInfo> => sessionInfo(signedIn(request), request.sessionToken!));

  /**
   * The account this password opens, or 401; 429 once this login or address has failed too often
   * lately (FailedSignIns). A refused attempt on an existing account goes into its trail with why
   * (a wrong password, the account or its agency disabled), recorded without waiting, so the answer
   * takes as long either way; the answer itself never says why, nor which logins exist.
   */
  async function passwordHolder(request: FastifyRequest, login: string, password: string): Promise<Account> {
    const attempt = { address: request.ip, login };
    await failedSignIns.refuseIfSpent(attempt).catch((error: unknown) => {
      if (error instanceof TooManyAttemptsError) recordRefusedAsSpent(attempt);
      throw error;
    });
    const check = await access.accounts.checkPassword(login, password);
    if ('opens' in check) return check.opens;
    await failedSignIns.failed(attempt);
    if ('account' in check) {
      access.accountAudit
        .record({ actor: SOMEONE_SIGNED_OUT, action: 'sign-in-failed', subject: accountSubject(check.account), refusal: check.refused, address: request.ip })
        .catch((error) => app.log.error({ err: error }, 'recording a refused sign-in'));
    }
    throw new UnauthorizedError('ログインIDまたはパスワードが違います');
  }

  /**
   * Tries on an existing account refused unchecked, its tries spent (or its address's): in its trail
   * once per login and address for each window, so the trail shows the guessing went on (or its
   * holder was kept out, and from where) without a row for each of a flood of guesses.
   */
  const refusedAsSpent = new OncePerWindow(config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000);
  function recordRefusedAsSpent({ address, login }: { address: string; login: string }): void {
    access.accounts
      .getUserByLogin(login)
      .then(async (account) => {
        const key = `${account?.id}\n${address}`;
        if (!account || !refusedAsSpent.due(key)) return;
        const row = { actor: SOMEONE_SIGNED_OUT, action: 'sign-in-failed', subject: accountSubject(account), refusal: 'too-many-failures', address } as const;
        await access.accountAudit.record(row).catch((error: unknown) => {
          refusedAsSpent.forget(key);
          throw error;
        });
      })
      .catch((error) => app.log.error({ err: error }, 'recording a sign-in refused as too many failed'));
  }

  app.post('/api/session', async (request, reply): Promise<SessionInfo> => {
    const body = LoginBody.parse(request.body);
    const user = await passwordHolder(request, body.login, body.password);
    refuseExpiredTemporary(user);
    if (user.temporaryPasswordSince) throw new PasswordChangeRequiredError('管理者が設定した仮パスワードです。先に自分のパスワードを決めてください');
    const owner = { userId: user.id };
    const replaced = await replacedSession(request);
    const token = await access.change(async (tx) => {
      const started = await startSession(tx, request, owner, holderOf(user), replaced);
      await tx.accountAudit.record({ actor: holderOf(user), action: 'sign-in', subject: accountSubject(user), address: request.ip });
      return started;
    });
    return signInBrowser(reply, token, owner);
  });

  app.post('/api/session/password', async (request, reply): Promise<SessionInfo> => {
    const body = ChangePasswordBody.parse(request.body);
    const user = await passwordHolder(request, body.login, body.currentPassword);
    refuseExpiredTemporary(user);
    const passwordHash = await hashPassword(body.newPassword);
    const owner = { userId: user.id };
    const replaced = await replacedSession(request);
    const token = await access.change(async (tx) => {
      await tx.accounts.setPassword(user.id, passwordHash, { temporary: false });
      await tx.accountAudit.record({ actor: holderOf(user), action: 'change-password', subject: accountSubject(user), address: request.ip });
      // Whoever signed in with the old password (perhaps not its holder) is signed out everywhere;
      // this browser signs in again with the new one (a session of the account it held goes with
      // the others, in the trail as change-password; another's is replaced).
      await tx.endSessions(owner, AccessCloseCode.sessionEnded, 'password changed');
      return startSession(tx, request, owner, holderOf(user), replaced?.userId === user.id ? undefined : replaced);
    });
    return signInBrowser(reply, token, owner);
  });

  /** Whom a sign-out is recorded under: the account, or a guest's invitation (named before its change: see InvitedTo). */
  async function signingOut(principal: Principal): Promise<{ id: string; name: string } | undefined> {
    if (principal.login) return accountSubject({ id: principal.userId, name: principal.name, login: principal.login });
    const invitation = principal.invitation;
    return invitation && invitedTo({ ...invitation, name: principal.name, agency: principal.agency });
  }

  /**
   * Signing out succeeds for whoever holds the cookie, and clears it. A live session ends (its
   * connections close), in the account trail under its account or a guest's invitation. One ended
   * by revoking its guest's invitation or disabling its account, kept till its time limit to tell
   * its browser why, goes now: its holder has been told. One that ran out is left to the sweep,
   * which records its end (recordEndedSessions).
   */
  app.delete('/api/session', async (request, reply) => {
    const principal = request.principal;
    if (principal) {
      const subject = await signingOut(principal);
      await access.change(async (tx) => {
        await tx.endSessions({ sessionId: principal.sessionId }, AccessCloseCode.sessionEnded, AccessEndReason.signedOut);
        if (subject) await tx.accountAudit.record({ actor: principal, action: 'sign-out', subject, address: request.ip });
      });
    } else if (request.sessionEndedWhy) {
      await access.sessions.forgetEnded(request.sessionEndedWhy.sessionId);
    }
    clearSessionCookie(reply, config);
    return reply.code(204).send();
  });

  /**
   * A guest comes in through their link: in the account trail by the name they were invited as,
   * from where. A link that no longer admits them (revoked, expired, its conference ended) is
   * recorded as a refused sign-in with why, without waiting, as refused passwords are; a secret
   * that belongs to no invitation, like an unknown login, only counts as a failure.
   */
  app.post('/api/invitations/accept', async (request, reply): Promise<SessionInfo> => {
    const { token } = AcceptInvitationBody.parse(request.body);
    await failedSignIns.refuseIfSpent({ address: request.ip });
    const check = await access.invitations.check(token);
    if (!('admits' in check)) {
      await failedSignIns.failed({ address: request.ip });
      if ('invitation' in check) {
        invitedTo(check.invitation)
          .then((subject) => access.accountAudit.record({ actor: SOMEONE_SIGNED_OUT, action: 'sign-in-failed', subject, refusal: check.refused, address: request.ip }))
          .catch((error) => app.log.error({ err: error }, 'recording a refused invitation link'));
      }
      throw new ForbiddenError('この招待リンクは使えません（有効期限切れ、取り消し、または会議の終了・中止）');
    }
    const invitation = check.admits;
    const subject = await invitedTo(invitation);
    const owner = { invitationId: invitation.id, notAfter: invitation.expiresAt };
    const replaced = await replacedSession(request);
    const started = await access.change(async (tx) => {
      const session = await startSession(tx, request, owner, guestOf(invitation), replaced);
      await tx.accountAudit.record({ actor: guestOf(invitation), action: 'accept-invitation', subject, address: request.ip });
      return session;
    });
    return signInBrowser(reply, started, owner);
  });
}
