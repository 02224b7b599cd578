import type { GuestLetGo, Invitation } from '@care/schema';
import { accountSubject, type AccountAuditRecord, guestOf, holderOf } from '../audit/account-audit.ts';
import type { InvitedTo } from '../audit/invitation-names.ts';
import type { AccessServices } from './access-services.ts';

/** How often sessions that ran out are looked for. */
const SWEEP_EVERY_MS = 60_000;
/**
 * How long after its end a session is taken: a live connection closes at the end itself and reads
 * why (unused, time limit) from the session's row, which must still be there.
 */
const GRACE_MS = 60_000;
const BATCH = 500;

/** What the sweep needs: the sessions and trails, and how the trail names a guest's invitation. */
export type SessionSweep = { access: AccessServices; invitedTo: InvitedTo };

/** Who a session's end is recorded as, and under whom. */
type Holder = Pick<AccountAuditRecord, 'actor' | 'subject'>;

/**
 * Removes the sessions that ran out and records each in the account trail (`session-expired`,
 * dated when it ended), in one transaction per batch: a sign-in's trail then shows how it ended,
 * whether signed out, ended by an administrator or by time. A guest's is recorded under its
 * invitation, as its coming in was (accept-invitation), naming the guest, its case and conference.
 * Returns how many it took.
 */
export async function recordEndedSessions({ access, invitedTo }: SessionSweep, now = Date.now()): Promise<number> {
  const cutoff = now - GRACE_MS;
  let taken = 0;
  while (await access.sessions.anyEnded(cutoff)) {
    // Named before the transaction: a conference's name is read from its case's document, which
    // the transaction must not wait on.
    const guests = await guestsWhoseSessionsEnded({ access, invitedTo }, cutoff);
    const batch = await access.change(async (tx) => {
      const ended = await tx.sessions.takeEnded(cutoff, BATCH);
      // In one query: the transaction holds SQLite's write lock (live edits wait) until it ends.
      const accounts = await tx.accounts.getUsers(ended.flatMap(({ userId }) => (userId === null ? [] : [userId])));
      for (const { userId, invitationId, end, endedEarlier } of ended) {
        // One ended by disabling its account or revoking its invitation is in the trails already
        // (disable, signed-out-with-agency; the case's revoke).
        if (endedEarlier) continue;
        const account = userId === null ? undefined : accounts.get(userId);
        const guest = invitationId === null ? undefined : guests.get(invitationId);
        const holder = account ? { actor: holderOf(account), subject: accountSubject(account) } : guest;
        if (holder) await tx.accountAudit.record({ ...holder, action: 'session-expired', at: new Date(end.at) });
      }
      return ended.length;
    });
    taken += batch;
    if (batch < BATCH) break;
  }
  return taken;
}

/**
 * Ends the sessions of the guests invited to this conference of the case, which has ended (`why`:
 * closed or cancelled): its invitations admit no one any more, so each session is over and is
 * recorded so at once (`session-ended-with-conference`, dated then; `session-expired`, dated when it
 * ran out, if that was before), rather than when the sweep finds it unused; kept, ended, till its
 * time limit to tell its browser why. Every process that sees the end
 * calls this; only the one whose update takes a session records it. Returns how many it took.
 */
export async function endGuestSessionsOf({ access, invitedTo }: SessionSweep, caseId: string, conferenceId: string, why: GuestLetGo): Promise<number> {
  const stopped = (await access.invitations.list(caseId)).filter((i) => i.conferenceId === conferenceId && i.conferenceClosedAt !== null);
  const signedIn = await access.sessions.invitationsSignedIn(stopped.map((i) => i.id));
  if (signedIn.length === 0) return 0;
  // Named before the transaction (see recordEndedSessions).
  const guests = await guestsNamed({ invitedTo }, stopped.filter((i) => signedIn.includes(i.id)));
  const stoppedAt = new Map(stopped.map((i) => [i.id, Date.parse(i.conferenceClosedAt!)]));
  return access.change(async (tx) => {
    const ended = await tx.sessions.endGuestsWithConference(signedIn, stoppedAt, why);
    for (const { invitationId, end } of ended) {
      const guest = guests.get(invitationId!);
      const action = end.at < stoppedAt.get(invitationId!)! ? 'session-expired' : 'session-ended-with-conference';
      if (guest) await tx.accountAudit.record({ ...guest, action, at: new Date(end.at) });
    }
    return ended.length;
  });
}

/** The guests whose sessions ran out by `cutoff`, by invitation, as the trail names them. */
async function guestsWhoseSessionsEnded({ access, invitedTo }: SessionSweep, cutoff: number): Promise<Map<string, Holder>> {
  return guestsNamed({ invitedTo }, await access.invitations.getMany(await access.sessions.invitationsEnded(cutoff)));
}

/** These invitations' guests, by invitation, as the trail names them. */
async function guestsNamed({ invitedTo }: Pick<SessionSweep, 'invitedTo'>, invitations: readonly Invitation[]): Promise<Map<string, Holder>> {
  const guests = new Map<string, Holder>();
  for (const invitation of invitations) guests.set(invitation.id, { actor: guestOf(invitation), subject: await invitedTo(invitation) });
  return guests;
}

/** Runs recordEndedSessions every minute until the returned function is called. */
export function recordEndedSessionsEveryMinute(sweep: SessionSweep, onError: (error: unknown, context: string) => void): () => void {
  const timer = setInterval(() => {
    recordEndedSessions(sweep).catch((error) => onError(error, 'recording sessions that ended by time'));
  }, SWEEP_EVERY_MS).unref();
  return () => clearInterval(timer);
}
