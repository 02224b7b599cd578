import { AccountStore } from '../accounts/account-store.ts';
import { type SessionPolicy, SessionStore } from '../accounts/session-store.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Fanout } from '../fanout/fanout.ts';
import type { Db } from '../storage/database.ts';
import { InvitationStore } from './invitation-store.ts';
import { LiveConnections } from './live-connections.ts';
import { MembershipStore } from './membership-store.ts';
import { Revocations } from './revocations.ts';

/** Everything that decides who may see a case, and the trail of who did. */
export type AccessServices = {
  accounts: AccountStore;
  sessions: SessionStore;
  memberships: MembershipStore;
  invitations: InvitationStore;
  audit: AuditLog;
  live: LiveConnections;
  /** Ends live connections when access ends, on every server process. */
  revocations: Revocations;
};

export function openAccessServices(
  db: Db,
  { policy, fanout, onError }: { policy: SessionPolicy; fanout: Fanout; onError: (error: unknown, context: string) => void },
): AccessServices {
  const sessions = new SessionStore(db, policy);
  const memberships = new MembershipStore(db);
  const live = new LiveConnections({ sessions, accessTo: (principal, caseId) => memberships.accessTo(principal, caseId), onError });
  return {
    accounts: new AccountStore(db),
    sessions,
    memberships,
    invitations: new InvitationStore(db),
    audit: new AuditLog(db),
    live,
    revocations: new Revocations(live, fanout, onError),
  };
}
