import { z } from 'zod';
import type { AnnouncementListener, Fanout } from '../fanout/fanout.ts';
import type { CloseReason, LiveConnection, LiveConnections } from './live-connections.ts';

/** Whose sessions ended: one sign-in, every sign-in of an account or of an agency's staff, or every guest of an invitation. */
const SessionOwner = z.union([
  z.strictObject({ sessionId: z.string() }),
  z.strictObject({ userId: z.string() }),
  z.strictObject({ agencyId: z.string() }),
  z.strictObject({ invitationId: z.string() }),
]);
export type SessionOwner = z.infer<typeof SessionOwner>;
/** Sessions that signing out (or an administrator) ends by deleting them; a guest's ends with its invitation. */
export type AccountSessions = Exclude<SessionOwner, { invitationId: string }>;

/** What one server process tells the others when access ends (sent between our own processes only). */
const AccessNotice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sessions-ended'), of: SessionOwner, code: z.number().int(), reason: z.string() }),
  z.strictObject({ kind: z.literal('case-access-changed'), caseId: z.string() }),
  z.strictObject({ kind: z.literal('account-changed'), userId: z.string() }),
  z.strictObject({ kind: z.literal('agency-changed'), agencyId: z.string() }),
]);
type AccessNotice = z.infer<typeof AccessNotice>;

const ownedBy = (of: SessionOwner) => ({ principal }: LiveConnection) => {
  if ('sessionId' in of) return principal.sessionId === of.sessionId;
  if ('userId' in of) return principal.userId === of.userId;
  if ('agencyId' in of) return principal.agencyId === of.agencyId;
  return principal.invitation?.id === of.invitationId;
};

/**
 * Takes live connections away when access ends — on every server process, not only the one that
 * handled the request. A change is applied here, then announced through the fan-out (Redis with
 * several processes); each process that hears it re-checks its own matching connections against
 * the database (LiveConnections.recheck) and closes those no longer admitted. Pub/sub may drop a
 * message while a process is cut off from Redis: when it reconnects it re-checks every connection.
 */
export class Revocations implements AnnouncementListener {
  constructor(
    private readonly live: LiveConnections,
    private readonly fanout: Fanout,
    private readonly onError: (error: unknown, context: string) => void,
  ) {
    fanout.onAnnouncement(this);
  }

  /** Sessions were ended (signed out, account disabled or reset, invitation revoked): close their connections. */
  sessionsEnded(of: SessionOwner, code: number, reason: string): Promise<void> {
    return this.spread({ kind: 'sessions-ended', of, code, reason });
  }

  /** A case's memberships changed: its connections are asked again (revoked 4403, changed 4010). */
  caseAccessChanged(caseId: string): Promise<void> {
    return this.spread({ kind: 'case-access-changed', caseId });
  }

  /** An account's name, agency or role changed: its connections are asked again (and reconnect as who it is now). */
  accountChanged(userId: string): Promise<void> {
    return this.spread({ kind: 'account-changed', userId });
  }

  /** An agency was renamed: its staff's connections are asked again (and reconnect under the new name). */
  agencyChanged(agencyId: string): Promise<void> {
    return this.spread({ kind: 'agency-changed', agencyId });
  }

  receive(notice: string): void {
    let parsed: AccessNotice;
    try {
      parsed = AccessNotice.parse(JSON.parse(notice));
    } catch (error) {
      this.onError(error, 'an access notice from another process could not be read');
      return;
    }
    this.apply(parsed).catch((error) => this.onError(error, `applying an access notice (${parsed.kind})`));
  }

  missed(): void {
    this.live.recheck(() => true).catch((error) => this.onError(error, 're-checking every live connection'));
  }

  private async spread(notice: AccessNotice): Promise<void> {
    this.fanout.announce(JSON.stringify(notice));
    await this.apply(notice);
  }

  private apply(notice: AccessNotice): Promise<void> {
    if (notice.kind === 'case-access-changed') return this.live.recheck((c) => c.caseId === notice.caseId);
    if (notice.kind === 'account-changed') return this.live.recheck(ownedBy({ userId: notice.userId }));
    if (notice.kind === 'agency-changed') return this.live.recheck((c) => c.principal.agencyId === notice.agencyId);
    const gone: CloseReason = { code: notice.code, reason: notice.reason };
    return this.live.recheck(ownedBy(notice.of), gone);
  }
}
