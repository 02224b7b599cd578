import { type CreatedInvitation, type CreateInvitationBody, guestUserId, type Invitation, invitationExpiry, type SignInRefusal, type TrailGuest } from '@care/schema';
import { hashToken, newId, newToken } from '../accounts/tokens.ts';
import type { Db, Tables } from '../storage/database.ts';

type Row = Tables['invitations'];

const toInvitation = (row: Row): Invitation => ({
  id: row.id,
  caseId: row.case_id,
  conferenceId: row.conference_id,
  name: row.name,
  agency: row.agency,
  access: row.access,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  conferenceClosedAt: row.conference_closed_at,
});

/** Whether an invitation still lets its guest in at `now`: not revoked, not expired, its conference not closed. */
export const admits = (row: Pick<Row, 'revoked_at' | 'expires_at' | 'conference_closed_at'>, now: string) =>
  row.revoked_at === null && row.conference_closed_at === null && row.expires_at > now;

/**
 * Links that let an external participant (no account) into one conference of one case until
 * they expire or are revoked. Only the hash of the link's secret is kept.
 */
export class InvitationStore {
  constructor(private readonly db: Db) {}

  /** A new invitation to a conference held on `conferenceDate` (see invitationExpiry). */
  async create(caseId: string, body: Required<CreateInvitationBody>, conferenceDate: string, createdBy: string): Promise<CreatedInvitation> {
    const token = newToken();
    const createdAt = new Date().toISOString();
    const row: Row = {
      id: newId(),
      token_hash: hashToken(token),
      case_id: caseId,
      conference_id: body.conferenceId,
      name: body.name,
      agency: body.agency,
      access: body.access,
      created_by: createdBy,
      created_at: createdAt,
      expires_at: invitationExpiry(conferenceDate, createdAt),
      revoked_at: null,
      conference_closed_at: null,
    };
    await this.db.kysely.insertInto('invitations').values(row).execute();
    // The secret travels in the fragment, which browsers never send to a server (nor to its logs).
    return { ...toInvitation(row), token, path: `/join#${token}` };
  }

  /**
   * What a link's secret opens: the invitation it belongs to, if it still admits its guest; else
   * that invitation and why not (for the trail); nothing if the secret belongs to none.
   */
  async check(token: string): Promise<{ admits: Invitation } | { invitation: Invitation; refused: SignInRefusal } | Record<string, never>> {
    const row = await this.db.kysely.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) return {};
    if (admits(row, new Date().toISOString())) return { admits: toInvitation(row) };
    const refused = row.revoked_at !== null ? 'invitation-revoked' : row.conference_closed_at !== null ? 'conference-ended' : 'invitation-expired';
    return { invitation: toInvitation(row), refused };
  }

  /** These conferences of the case have ended (closed or cancelled): their invitations admit no one from now on. */
  async conferencesEnded(caseId: string, conferenceIds: string[]): Promise<void> {
    await this.db.kysely
      .updateTable('invitations')
      .set({ conference_closed_at: new Date().toISOString() })
      .where('case_id', '=', caseId)
      .where('conference_id', 'in', conferenceIds)
      .where('conference_closed_at', 'is', null)
      .execute();
  }

  /**
   * These conferences of the case are now held on these dates (a planned one was moved): the
   * invitations to them that still admit expire by the new date. One already expired stays so,
   * rather than let in again someone its inviter saw shut out. Returns how many changed.
   */
  async followConferenceDates(caseId: string, dates: ReadonlyMap<string, string>): Promise<number> {
    if (dates.size === 0) return 0;
    const now = new Date().toISOString();
    const open = await this.db.kysely
      .selectFrom('invitations')
      .select(['id', 'conference_id', 'created_at', 'expires_at'])
      .where('case_id', '=', caseId)
      .where('conference_id', 'in', [...dates.keys()])
      .where('revoked_at', 'is', null)
      .where('conference_closed_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    let changed = 0;
    for (const row of open) {
      const expiresAt = invitationExpiry(dates.get(row.conference_id)!, row.created_at);
      if (expiresAt === row.expires_at) continue;
      await this.db.kysely.updateTable('invitations').set({ expires_at: expiresAt }).where('id', '=', row.id).where('expires_at', '>', now).execute();
      changed++;
    }
    return changed;
  }

  /** These invitations, by id (an id that names none is left out). */
  async getMany(ids: readonly string[]): Promise<Invitation[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.kysely.selectFrom('invitations').selectAll().where('id', 'in', ids).execute();
    return rows.map(toInvitation);
  }

  async list(caseId: string): Promise<Invitation[]> {
    const rows = await this.db.kysely.selectFrom('invitations').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
    return rows.map(toInvitation);
  }

  /** Every invitation's guest, as the trails' person filter offers them (TrailGuest), newest first. */
  async guests(): Promise<TrailGuest[]> {
    const rows = await this.db.kysely
      .selectFrom('invitations as i')
      .innerJoin('cases as c', 'c.id', 'i.case_id')
      .select(['i.id', 'i.name', 'i.agency', 'i.created_at', 'c.title'])
      .orderBy('i.created_at', 'desc')
      .execute();
    return rows.map((row) => ({ id: guestUserId(row.id), name: row.name, agency: row.agency, caseTitle: row.title, invitedAt: row.created_at }));
  }

  /** Revokes an invitation of this case; returns it, or undefined when there is none not yet revoked. */
  async revoke(caseId: string, id: string): Promise<Invitation | undefined> {
    const { numUpdatedRows } = await this.db.kysely
      .updateTable('invitations')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (numUpdatedRows === 0n) return undefined; // (revoking it again would end nothing, and be audited twice)
    const row = await this.db.kysely.selectFrom('invitations').selectAll().where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
    return row && toInvitation(row);
  }
}
