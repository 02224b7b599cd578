import { AccessEndReason } from '@care/schema';
import { AccountStore } from '../accounts/account-store.ts';
import { type SessionPolicy, SessionStore } from '../accounts/session-store.ts';
import { AccountAudit } from '../audit/account-audit.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { RefusedAccessAudit } from '../audit/refused-access.ts';
import type { Fanout } from '../fanout/fanout.ts';
import { CaseTable } from '../storage/case-table.ts';
import { type Db, inTransaction } from '../storage/database.ts';
import { InvitationStore } from './invitation-store.ts';
import { LiveConnections } from './live-connections.ts';
import { MembershipStore } from './membership-store.ts';
import { type AccountSessions, Revocations } from './revocations.ts';

/** Everything that decides who may see a case, and the trail of who did. */
export type AccessServices = {
  accounts: AccountStore;
  sessions: SessionStore;
  memberships: MembershipStore;
  invitations: InvitationStore;
  audit: AuditLog;
  /** Records someone refused a case (caseAccess). */
  refusedAccess: RefusedAccessAudit;
  /** Who created, changed, reset or disabled which account or agency. */
  accountAudit: AccountAudit;
  live: LiveConnections;
  /** Ends live connections when access ends, on every server process. */
  revocations: Revocations;
  /**
   * Ends sessions (no request with them is accepted any more) and closes their live connections
   * everywhere. Returns the accounts whose sessions ended, one for each session.
   */
  endSessions: (of: AccountSessions, code: number, reason: string) => Promise<string[]>;
  /**
   * Makes a change of access and the trail rows that record it in one transaction: both are kept,
   * or neither (a crash, a trail that cannot be written). Live connections are told once it is
   * committed, so they are re-checked against what was. Inside, use only `tx`: on SQLite the
   * database's one connection belongs to the transaction until it ends.
   */
  change: <T>(work: (tx: AccessChange) => Promise<T>) => Promise<T>;
};

/** The stores and trails inside one change (AccessServices.change), and what it asks of live connections. */
export type AccessChange = Pick<AccessServices, 'accounts' | 'memberships' | 'invitations' | 'audit' | 'accountAudit'> & {
  /** Cases themselves: created, closed and reopened. */
  cases: CaseTable;
  sessions: Pick<SessionStore, 'start' | 'endAllOf' | 'endGuestsOf' | 'takeEnded' | 'endGuestsWithConference'>;
  /** Ends sessions in this change; their live connections close once it is committed. */
  endSessions: AccessServices['endSessions'];
  /** Something to tell live connections (on every process) once the change is committed. */
  afterwards(announce: (revocations: Revocations) => Promise<void>): void;
};

export function openAccessServices(
  db: Db,
  { policy, fanout, onError }: { policy: SessionPolicy; fanout: Fanout; onError: (error: unknown, context: string) => void },
): AccessServices {
  const sessions = new SessionStore(db, policy);
  const memberships = new MembershipStore(db);
  const live = new LiveConnections({ sessions, accessTo: (principal, caseId) => memberships.accessTo(principal, caseId), onError });
  const revocations = new Revocations(live, fanout, onError);

  async function change<T>(work: (tx: AccessChange) => Promise<T>): Promise<T> {
    const announcements: ((revocations: Revocations) => Promise<void>)[] = [];
    const result = await inTransaction(db, (tx) => {
      const afterwards = (announce: (revocations: Revocations) => Promise<void>) => void announcements.push(announce);
      const sessionsInTx = new SessionStore(tx, policy);
      return work({
        accounts: new AccountStore(tx),
        cases: new CaseTable(tx),
        sessions: sessionsInTx,
        memberships: new MembershipStore(tx),
        invitations: new InvitationStore(tx),
        audit: new AuditLog(tx),
        accountAudit: new AccountAudit(tx),
        async endSessions(of, code, reason) {
          // Disabling keeps the rows, marked, to tell their browsers why (see SessionStore.whyEnded).
          const ended = await sessionsInTx.endAllOf(of, reason === AccessEndReason.accountDisabled ? reason : undefined);
          afterwards((r) => r.sessionsEnded(of, code, reason));
          return ended;
        },
        afterwards,
      });
    });
    for (const announce of announcements) await announce(revocations);
    return result;
  }

  const audit = new AuditLog(db);
  return {
    accounts: new AccountStore(db),
    sessions,
    memberships,
    invitations: new InvitationStore(db),
    audit,
    refusedAccess: new RefusedAccessAudit(audit, onError),
    accountAudit: new AccountAudit(db),
    live,
    revocations,
    endSessions: (of, code, reason) => change((tx) => tx.endSessions(of, code, reason)),
    change,
  };
}
