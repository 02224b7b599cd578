import { AccountStore } from '../accounts/account-store.ts';
import { type SessionPolicy, SessionStore } from '../accounts/session-store.ts';
import { AccountAudit } from '../audit/account-audit.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Fanout } from '../fanout/fanout.ts';
import type { Db } from '../storage/database.ts';
import { InvitationStore } from './invitation-store.ts';
import { LiveConnections } from './live-connections.ts';
import { MembershipStore } from './membership-store.ts';
import { Revocations, type SessionOwner } from './revocations.ts';

/** Everything that decides who may see a case, and the trail of who did. */
export type AccessServices = {
  accounts: AccountStore;
  sessions: SessionStore;
  memberships: MembershipStore;
  invitations: InvitationStore;
  audit: AuditLog;
  /** Who created, changed, reset or disabled which account or agency. */
  accountAudit: AccountAudit;
  live: LiveConnections;
  /** Ends live connections when access ends, on every server process. */
  revocations: Revocations;
  /** Ends sessions (no request with them is accepted any more) and closes their live connections everywhere. */
  endSessions: (of: SessionOwner, code: number, reason: string) => Promise<void>;
};

export function openAccessServices(
  db: Db,
  { policy, fanout, onError }: { policy: SessionPolicy; fanout: Fanout; onError: (error: unknown, context: string) => void },
): AccessServices {
  const sessions = new SessionStore(db, policy);
  const memberships = new MembershipStore(db);
  const live = new LiveConnections({ sessions, accessTo: (principal, caseId) => memberships.accessTo(principal, caseId), onError });
  const revocations = new Revocations(live, fanout, onError);
  return {
    accounts: new AccountStore(db),
    sessions,
    memberships,
    invitations: new InvitationStore(db),
    audit: new AuditLog(db),
    accountAudit: new AccountAudit(db),
    live,
    revocations,
    async endSessions(of, code, reason) {
      await sessions.endAllOf(of);
      await revocations.sessionsEnded(of, code, reason);
    },
  };
}
