import { AccountStore } from '../accounts/account-store.ts';
import { type SessionPolicy, SessionStore } from '../accounts/session-store.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../storage/database.ts';
import { InvitationStore } from './invitation-store.ts';
import { LiveConnections } from './live-connections.ts';
import { MembershipStore } from './membership-store.ts';

/** Everything that decides who may see a case, and the trail of who did. */
export type AccessServices = {
  accounts: AccountStore;
  sessions: SessionStore;
  memberships: MembershipStore;
  invitations: InvitationStore;
  audit: AuditLog;
  live: LiveConnections;
};

export function openAccessServices(db: Db, policy: SessionPolicy): AccessServices {
  return {
    accounts: new AccountStore(db),
    sessions: new SessionStore(db, policy),
    memberships: new MembershipStore(db),
    invitations: new InvitationStore(db),
    audit: new AuditLog(db),
    live: new LiveConnections(),
  };
}
