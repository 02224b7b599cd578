import { AccessCloseCode, AccessEndReason, type AccessLevel } from '@care/schema';
import type { SessionEnd, SessionStore } from '../accounts/session-store.ts';
import type { Principal } from './principal.ts';

export type CloseReason = { code: number; reason: string };

export type LiveConnection = {
  principal: Principal;
  caseId: string;
  close(code: number, reason: string): void;
};

type Deps = {
  sessions: SessionStore;
  /** The access a principal has to a case now (undefined: none). */
  accessTo: (principal: Principal, caseId: string) => Promise<AccessLevel | undefined>;
  onError: (error: unknown, context: string) => void;
};

/** Timers cannot wait longer than this (about 24.8 days); a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How a connection whose session ended is closed when nothing more precise is known. */
const SESSION_GONE: CloseReason = { code: AccessCloseCode.sessionEnded, reason: 'session ended' };
/** How a guest's connection is closed once its invitation is revoked: access revoked, not a session that timed out. */
export const INVITATION_REVOKED_CLOSE: CloseReason = { code: AccessCloseCode.accessRevoked, reason: AccessEndReason.invitationRevoked };
/** How a connection is closed whose account (or agency) was disabled: its browser deletes what it kept. */
const ACCOUNT_DISABLED_CLOSE: CloseReason = { code: AccessCloseCode.sessionEnded, reason: AccessEndReason.accountDisabled };
/** After a failed look-up of a session's end, look again this much later. */
const RETRY_MS = 60_000;

const sessionEndReasons: Record<SessionEnd['cause'], string> = {
  idle: 'session ended: unused for too long',
  limit: 'session ended: time limit reached',
  invitation: AccessEndReason.invitationExpired,
};

/**
 * Every open case connection of this process. A connection lives no longer than its session:
 * it is closed (4401) when the session ends by time, and when signing out, disabling an account,
 * or revoking a membership or invitation (4403) takes away what let it in (see Revocations, which brings
 * such changes made on other processes here too).
 */
export class LiveConnections {
  /** Each connection with the timer that closes it when its session runs out. */
  private readonly open = new Map<LiveConnection, { timer?: NodeJS.Timeout }>();

  constructor(private readonly deps: Deps) {}

  /**
   * Tracks a connection until `untrack` is called. Its session and access were read when it was
   * admitted, but a change committed between then and now was re-checked (recheck) without it:
   * so they are read again now that it is tracked (`admitted`), and a change committed from now
   * on finds it in recheck. `admitted` resolves true when it still stands as it was admitted (its
   * standing can be stated, its frames handled), false when it was closed (as recheck would
   * close it, or because it went away meanwhile); it rejects when they cannot be read.
   */
  add(connection: LiveConnection): { untrack: () => void; admitted: Promise<boolean> } {
    this.open.set(connection, {});
    void this.closeWhenSessionEnds(connection);
    return { untrack: () => this.untrack(connection), admitted: this.stillAdmitted(connection, SESSION_GONE) };
  }

  /**
   * Asks again, for each matching connection, whether its session still stands and what access
   * it has to its case now. Closes those whose session ended (with `sessionGone`), whose access
   * was revoked (4403), or whose level or account (name, agency or its name, role) changed (4010: they
   * reconnect as who they are now, which presence and the write guards read).
   */
  async recheck(
    matches: (connection: LiveConnection) => boolean,
    sessionGone: CloseReason = SESSION_GONE,
  ): Promise<void> {
    for (const connection of [...this.open.keys()].filter(matches)) await this.stillAdmitted(connection, sessionGone);
  }

  /** Reads the connection's session and access again and closes it if they no longer admit it as it was; whether it is still open. */
  private async stillAdmitted(connection: LiveConnection, sessionGone: CloseReason): Promise<boolean> {
    const verdict = await this.verdictOn(connection, sessionGone);
    if (!this.open.has(connection)) return false; // closed meanwhile
    if (verdict) this.close(connection, verdict);
    return !verdict;
  }

  private async verdictOn({ principal, caseId }: LiveConnection, sessionGone: CloseReason): Promise<CloseReason | undefined> {
    const current = await this.deps.sessions.principalOf(principal.sessionId);
    // However this is asked (on admission, after a missed announcement): a revoked invitation, or a
    // disabled account, is said as such.
    if (!current) {
      const why = (await this.deps.sessions.whyEnded(principal.sessionId))?.why;
      if (why === AccessEndReason.accountDisabled) return ACCOUNT_DISABLED_CLOSE;
      // A guest let go: its invitation revoked, or its conference ended.
      return why ? { code: AccessCloseCode.accessRevoked, reason: why } : sessionGone;
    }
    const access = await this.deps.accessTo(current, caseId);
    if (!access) {
      // A guest whose session stands is shut out of its own case only while the case is closed (終結).
      const caseClosed = current.invitation?.caseId === caseId;
      return { code: AccessCloseCode.accessRevoked, reason: caseClosed ? AccessEndReason.caseClosed : 'access to this case was revoked' };
    }
    if (access !== principal.caseAccess) return { code: AccessCloseCode.accessChanged, reason: `access changed to ${access}` };
    const changed =
      current.name !== principal.name || current.agencyId !== principal.agencyId || current.agency !== principal.agency || current.agencyKind !== principal.agencyKind || current.role !== principal.role;
    return changed ? { code: AccessCloseCode.accessChanged, reason: 'account changed' } : undefined;
  }

  /**
   * Looks up when the connection's session ends and closes the connection then, unless by then
   * the session was used (here, on another process, or over HTTP) and ends later: then it waits again.
   */
  private async closeWhenSessionEnds(connection: LiveConnection): Promise<void> {
    let end: SessionEnd | undefined;
    let wait: number;
    try {
      end = await this.deps.sessions.endOf(connection.principal.sessionId);
      wait = end ? end.at - Date.now() : 0;
    } catch (error) {
      this.deps.onError(error, 'looking up when a live connection’s session ends');
      wait = RETRY_MS;
    }
    const tracked = this.open.get(connection);
    if (!tracked) return;
    if (wait <= 0) {
      this.close(connection, end ? { code: AccessCloseCode.sessionEnded, reason: sessionEndReasons[end.cause] } : SESSION_GONE);
      return;
    }
    tracked.timer = setTimeout(() => void this.closeWhenSessionEnds(connection), Math.min(wait, MAX_TIMER_MS)).unref();
  }

  private close(connection: LiveConnection, { code, reason }: CloseReason): void {
    this.untrack(connection);
    connection.close(code, reason);
  }

  private untrack(connection: LiveConnection): void {
    clearTimeout(this.open.get(connection)?.timer);
    this.open.delete(connection);
  }
}
