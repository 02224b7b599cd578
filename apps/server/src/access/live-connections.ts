import type { AccessLevel } from '@care/schema';
import type { Principal } from './principal.ts';

/**
 * Close codes for connections whose access ended (the application range). y-websocket clients
 * stop reconnecting on 4400–4499 and reconnect on others.
 */
export const AccessCloseCode = {
  /** Signed out, or the session or account ended: sign in again. */
  sessionEnded: 4401,
  /** This person may no longer open this case. */
  accessRevoked: 4403,
  /** Access changed (e.g. edit → read): reconnect to get the new access. */
  accessChanged: 4010,
} as const;

export type LiveConnection = {
  principal: Principal;
  caseId: string;
  close(code: number, reason: string): void;
};

/**
 * Every open case connection of this process, so that signing out, disabling an account or
 * revoking a membership or invitation closes the sockets it let in, at once.
 */
export class LiveConnections {
  private readonly open = new Set<LiveConnection>();

  /** Tracks a connection until the returned function is called. */
  add(connection: LiveConnection): () => void {
    this.open.add(connection);
    return () => this.open.delete(connection);
  }

  closeWhere(matches: (connection: LiveConnection) => boolean, code: number, reason: string): number {
    const closing = [...this.open].filter(matches);
    for (const connection of closing) {
      this.open.delete(connection);
      connection.close(code, reason);
    }
    return closing.length;
  }

  /**
   * After a case's memberships changed: asks each of its connections' access again, and closes
   * those that lost it (revoked) or whose level changed (they reconnect with the new one).
   */
  async recheck(caseId: string, accessTo: (principal: Principal, caseId: string) => Promise<AccessLevel | undefined>): Promise<void> {
    for (const connection of [...this.open].filter((c) => c.caseId === caseId)) {
      const access = await accessTo(connection.principal, caseId);
      if (access === connection.principal.caseAccess) continue;
      this.open.delete(connection);
      if (access) connection.close(AccessCloseCode.accessChanged, `access changed to ${access}`);
      else connection.close(AccessCloseCode.accessRevoked, 'access to this case was revoked');
    }
  }
}
