import { accountSubject, holderOf } from '../audit/account-audit.ts';
import type { AccessServices } from './access-services.ts';

/** How often sessions that ran out are looked for. */
const SWEEP_EVERY_MS = 60_000;
/**
 * How long after its end a session is taken: a live connection closes at the end itself and reads
 * why (unused, time limit) from the session's row, which must still be there.
 */
const GRACE_MS = 60_000;
const BATCH = 500;

/**
 * Removes the sessions that ran out and records each account's in the account trail
 * (`session-expired`, dated when it ended), in one transaction per batch: a sign-in's trail then
 * shows how it ended, whether signed out, ended by an administrator or by time. Guests' sessions
 * are removed only (their invitation and its case trail say the rest). Returns how many it took.
 */
export async function recordEndedSessions(access: AccessServices, now = Date.now()): Promise<number> {
  const cutoff = now - GRACE_MS;
  let taken = 0;
  while (await access.sessions.anyEnded(cutoff)) {
    const batch = await access.change(async (tx) => {
      const ended = await tx.sessions.takeEnded(cutoff, BATCH);
      // In one query: the transaction holds SQLite's write lock (live edits wait) until it ends.
      const accounts = await tx.accounts.getUsers(ended.flatMap(({ userId }) => (userId === null ? [] : [userId])));
      for (const { userId, end, endedEarlier } of ended) {
        const account = userId === null ? undefined : accounts.get(userId);
        // One ended by disabling its account is in the trail already (disable, signed-out-with-agency).
        if (account && !endedEarlier) {
          await tx.accountAudit.record({ actor: holderOf(account), action: 'session-expired', subject: accountSubject(account), at: new Date(end.at) });
        }
      }
      return ended.length;
    });
    taken += batch;
    if (batch < BATCH) break;
  }
  return taken;
}

/** Runs recordEndedSessions every minute until the returned function is called. */
export function recordEndedSessionsEveryMinute(access: AccessServices, onError: (error: unknown, context: string) => void): () => void {
  const timer = setInterval(() => {
    recordEndedSessions(access).catch((error) => onError(error, 'recording sessions that ended by time'));
  }, SWEEP_EVERY_MS).unref();
  return () => clearInterval(timer);
}
