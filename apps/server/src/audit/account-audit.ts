import {
  type Account,
  type AccountAuditAction,
  type AccountAuditEntry,
  type AccountAuditQuery,
  type AccountAuditSearch,
  type AccountChange,
  type AgencyAccount,
  asShownInOneLine,
  guestUserId,
  type Invitation,
  type SignInRefusal,
} from '@care/schema';
import type { Insertable, Selectable } from 'kysely';
import { appendOnlyRows, type RowAppender } from '../storage/append-only-rows.ts';
import { type Db, storedInstant, type Tables } from '../storage/database.ts';
import { parseShownInOneLine } from '../storage/stored-text.ts';
import { type Actor, actorColumns, newest, trailEntry } from './trail-columns.ts';

export type AccountAuditRecord = {
  actor: Actor;
  action: AccountAuditAction;
  subject: { id: string; name: string };
  changes?: AccountChange[];
  /** Why a sign-in was refused (sign-in-failed). */
  refusal?: SignInRefusal;
  /** The request's client address (request.ip); none for a command run on the server. */
  address?: string;
  at?: Date;
};

/** An account's holder acting on it (choosing a password, signing in). */
export const holderOf = (account: Pick<Account, 'id' | 'name' | 'agency'>): Actor => ({ userId: account.id, name: account.name, agency: account.agency });

/** Whoever tried a password that did not open the account: not known, only that they were not signed in as it. */
export const SOMEONE_SIGNED_OUT: Actor = { userId: 'unknown', name: '不明な利用者', agency: 'ログイン前' };

/** An account as the trail names it: its holder's name then, and its login (which never changes). */
export const accountSubject = (account: Pick<Account, 'id' | 'name' | 'login'>) => ({ id: account.id, name: `${account.name}（${account.login}）` });

/**
 * An invitation as the trail names it: the guest's name and agency as invited, and the case and
 * conference it opens (by their names then).
 */
export const invitationSubject = (invitation: Pick<Invitation, 'id' | 'name' | 'agency'>, caseTitle: string, conference: string) => ({
  id: invitation.id,
  name: `${invitation.name}（招待・${invitation.agency}）ケース「${caseTitle}」の${conference}`,
});

/** A guest acting through their invitation, as the sessions name them. */
export const guestOf = (invitation: Pick<Invitation, 'id' | 'name' | 'agency'>): Actor => ({ userId: guestUserId(invitation.id), name: invitation.name, agency: invitation.agency });

export const agencySubject = (agency: Pick<AgencyAccount, 'id' | 'name'>) => ({ id: agency.id, name: agency.name });

/** What differs between an account before and after (its fields a trail shows; never its password). */
export function accountChanges(before: Pick<Account, 'name' | 'agency' | 'role'> | undefined, after: Pick<Account, 'name' | 'agency' | 'role'>): AccountChange[] {
  return (['name', 'agency', 'role'] as const)
    .filter((field) => before?.[field] !== after[field])
    .map((field) => ({ field, from: before?.[field] ?? '', to: after[field] }));
}

/** What a new account was given (its name is in the subject). */
export const creationChanges = (account: Pick<Account, 'name' | 'agency' | 'role'>) =>
  accountChanges(undefined, account).filter((change) => change.field !== 'name');

const toEntry = (row: Selectable<Tables['account_audit']>): AccountAuditEntry => ({
  ...trailEntry(row),
  action: row.action as AccountAuditAction,
  subjectId: row.subject_id,
  subjectName: asShownInOneLine(row.subject_name),
  changes: parseShownInOneLine(row.changes) as AccountChange[],
  refusal: row.refusal as SignInRefusal | null,
});

/**
 * The append-only trail of what was done to accounts and agencies — who created an account, gave
 * it which role or agency, reset its password or disabled it — since who may read which case
 * follows from them. Never a password. Refuses UPDATE and DELETE itself, like the case trail.
 */
export class AccountAudit {
  private readonly appends: RowAppender<Insertable<Tables['account_audit']>>;

  constructor(private readonly db: Db) {
    this.appends = appendOnlyRows(db, 'account_audit', [
      'actor_id',
      'actor_name',
      'actor_agency',
      'action',
      'subject_id',
      'subject_name',
      'changes',
      'address',
      'at',
      'refusal',
    ]);
  }

  /** Resolves once the row is durable. */
  record({ actor, action, subject, changes = [], refusal, address, at = new Date() }: AccountAuditRecord): Promise<void> {
    return this.appends.add({
      ...actorColumns(actor),
      action,
      subject_id: subject.id,
      subject_name: subject.name,
      changes: JSON.stringify(changes),
      address: address ?? null,
      at: at.toISOString(),
      refusal: refusal ?? null,
    });
  }

  /** When each of these invitations' guests first came in through its link (accept-invitation), by invitation id; one never used is left out. */
  async firstUses(invitationIds: readonly string[]): Promise<Map<string, string>> {
    if (invitationIds.length === 0) return new Map();
    const rows = await this.db.kysely
      .selectFrom('account_audit')
      .select(['subject_id', (eb) => eb.fn.min('at').as('at')])
      .where('subject_id', 'in', invitationIds)
      .where('action', '=', 'accept-invitation')
      .groupBy('subject_id')
      .execute();
    return new Map(rows.map((row) => [row.subject_id, String(row.at)]));
  }

  /** Whether this account's holder signed in from this address since then (its trail says where from). */
  async signedInFrom(accountId: string, address: string, since: Date): Promise<boolean> {
    const row = await this.db.kysely
      .selectFrom('account_audit')
      .select('seq')
      .where('subject_id', '=', accountId)
      .where('action', '=', 'sign-in')
      .where('address', '=', address)
      .where('at', '>=', since.toISOString())
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Newest first by when it happened, which is not always the order recorded: the end of a session
   * that ran out is recorded by the next sweep (see ended-sessions.ts). At most `limit` entries.
   */
  async search(query: AccountAuditQuery, limit = 500): Promise<AccountAuditSearch> {
    let select = this.db.kysely
      .selectFrom('account_audit')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit + 1);
    if (query.actorId) select = select.where('actor_id', '=', query.actorId);
    if (query.subjectId) select = select.where('subject_id', '=', query.subjectId);
    if (query.action) select = select.where('action', '=', query.action);
    if (query.from) select = select.where('at', '>=', storedInstant(query.from));
    if (query.before) select = select.where('at', '<', storedInstant(query.before));
    return newest(await select.execute(), limit, toEntry);
  }
}
