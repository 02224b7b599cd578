import { type AccessLevel, type CaseMember, type GrantMembershipBody, higherAccess } from '@care/schema';
import { newId } from '../accounts/tokens.ts';
import { type Db, inTransaction } from '../storage/database.ts';
import type { Principal } from './principal.ts';

/**
 * Who may open which case: memberships of whole agencies or single users, each with an access
 * level. Coordinators may read every case; guests only the case of their invitation.
 */
export class MembershipStore {
  constructor(private readonly db: Db) {}

  /**
   * The caller's access to a case, or undefined when they may not see it at all. A closed case
   * (ケース終結) is read-only for its members, whatever they were granted, and shut to guests:
   * their invitation was to a conference that will not take place while it is closed.
   */
  async accessTo(principal: Principal, caseId: string): Promise<AccessLevel | undefined> {
    const access = await this.grantedAccessTo(principal, caseId);
    if (access === undefined || (access === 'read' && !principal.invitation)) return access;
    const closed = await this.db.kysely.selectFrom('cases').select('closed_at').where('id', '=', caseId).executeTakeFirst();
    if (!closed?.closed_at) return access;
    return principal.invitation ? undefined : 'read';
  }

  private async grantedAccessTo(principal: Principal, caseId: string): Promise<AccessLevel | undefined> {
    if (principal.invitation) return principal.invitation.caseId === caseId ? principal.invitation.access : undefined;
    const rows = await this.membershipsOf(principal).where('case_id', '=', caseId).select('access').execute();
    const granted = rows.reduce<AccessLevel | undefined>((best, row) => higherAccess(best, row.access), undefined);
    return higherAccess(granted, principal.isCoordinator ? 'read' : undefined);
  }

  /** Ids of the cases the caller may see; 'all' for coordinators. */
  async visibleCaseIds(principal: Principal): Promise<Set<string> | 'all'> {
    if (principal.isCoordinator) return 'all';
    if (principal.invitation) return new Set([principal.invitation.caseId]);
    const rows = await this.membershipsOf(principal).select('case_id').execute();
    return new Set(rows.map((row) => row.case_id));
  }

  private membershipsOf(principal: Principal) {
    return this.db.kysely
      .selectFrom('case_members')
      .where((eb) => eb.or([eb('user_id', '=', principal.userId), eb('agency_id', '=', principal.agencyId ?? null)]));
  }

  /**
   * Grants or changes one agency's or user's access (one row per agency or user and case); returns
   * the access it had before (undefined: none), for the trail to tell a change from a first grant.
   */
  async grant(caseId: string, body: GrantMembershipBody, grantedBy: string): Promise<AccessLevel | undefined> {
    return inTransaction(this.db, async ({ kysely: trx }) => {
      const existing = trx.deleteFrom('case_members').where('case_id', '=', caseId);
      const replaced = await (body.agencyId ? existing.where('agency_id', '=', body.agencyId) : existing.where('user_id', '=', body.userId!))
        .returning('access')
        .executeTakeFirst();
      await trx
        .insertInto('case_members')
        .values({
          id: newId(),
          case_id: caseId,
          agency_id: body.agencyId ?? null,
          user_id: body.userId ?? null,
          access: body.access,
          created_by: grantedBy,
          created_at: new Date().toISOString(),
        })
        .execute();
      return replaced?.access;
    });
  }

  /** Removes a membership; returns it (undefined if there was none on that case). */
  async revoke(caseId: string, memberId: string): Promise<CaseMember | undefined> {
    const member = (await this.list(caseId)).find((m) => m.id === memberId);
    if (member) await this.db.kysely.deleteFrom('case_members').where('id', '=', memberId).execute();
    return member;
  }

  async list(caseId: string): Promise<CaseMember[]> {
    const rows = await this.db.kysely
      .selectFrom('case_members')
      .leftJoin('agencies', 'agencies.id', 'case_members.agency_id')
      .leftJoin('users', 'users.id', 'case_members.user_id')
      .leftJoin('agencies as user_agencies', 'user_agencies.id', 'users.agency_id')
      .select([
        'case_members.id',
        'case_members.agency_id',
        'case_members.user_id',
        'case_members.access',
        'case_members.created_at',
        'agencies.name as agency_name',
        'agencies.disabled_at as agency_disabled_at',
        'users.name as user_name',
        'users.disabled_at as user_disabled_at',
        'user_agencies.disabled_at as user_agency_disabled_at',
      ])
      .where('case_members.case_id', '=', caseId)
      .orderBy('case_members.created_at')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      userId: row.user_id,
      label: row.agency_name ?? row.user_name ?? '',
      access: row.access,
      inactive: [row.agency_disabled_at, row.user_disabled_at, row.user_agency_disabled_at].some((at) => at !== null),
      createdAt: row.created_at,
    }));
  }
}
