import { type Account, type AgencyAccount, type AgencyKind, type CreateUserBody, guessAgencyKind, lookAlikeKey, type SignInRefusal, type SystemRole } from '@care/schema';
import { type Db, isUniqueViolation, type Tables } from '../storage/database.ts';
import { type PasswordHash, verifyAgainstNothing, verifyPassword } from './password.ts';
import { newId } from './tokens.ts';

/** A name or login that is already taken (409). */
export class ConflictError extends Error {}

type UserRow = Tables['users'] & { agency: string; agency_kind: AgencyKind; agency_disabled_at: string | null };
type AgencyRow = Tables['agencies'];

const toAgency = (row: AgencyRow): AgencyAccount => ({ id: row.id, name: row.name, kind: row.kind, disabled: row.disabled_at !== null, createdAt: row.created_at });

/**
 * Of the rows whose name has the look-alike key of one typed: the one there is, or, where several
 * look-alikes were there before keys were (migration 0013), the one spelled exactly as typed.
 */
function theOneNamed<T>(rows: readonly T[], typed: string, nameOf: (row: T) => string): T | undefined {
  return rows.length === 1 ? rows[0] : rows.find((row) => nameOf(row) === typed);
}

/** What the look-alike refusals end with: what the server does not tell apart. */
const NOT_TOLD_APART = '（全角・半角、大文字・小文字、前後の空白は区別しません）';

/** Why a name is refused: it is taken as it is, or one taken looks like it. */
const takenMessage = (name: string, taken: string, { exactly, alike }: { exactly: string; alike: string }) =>
  taken === name ? exactly : `${alike}${NOT_TOLD_APART}`;

/**
 * A write of a name checked beforehand, whose unique index may still refuse it: another
 * administrator took the name, or one like it, at the same moment (their row was not yet committed
 * when this one was checked). That is the same conflict as the check's, not a failure (500).
 */
async function refusingTaken<T>(write: Promise<T>, refusal: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`${refusal}${NOT_TOLD_APART}`, { cause: error });
    throw error;
  }
}

const agencyTaken = (name: string) => `「${name}」と同じか見分けがつかない機関がすでにあります`;

/** Whether an account lets its holder in: neither it nor its agency is disabled (sign-in, and every request after). */
export const letsIn = (row: Pick<UserRow, 'disabled_at' | 'agency_disabled_at'>): boolean => row.disabled_at === null && row.agency_disabled_at === null;

/** Why an account with the right password does not let its holder in (when letsIn is false). */
const shutOut = (row: Pick<UserRow, 'disabled_at'>): SignInRefusal => (row.disabled_at !== null ? 'account-disabled' : 'agency-disabled');

/**
 * A login and password tried: the account they open; or the account the login names and why it
 * is not opened; or no account by that login.
 */
export type PasswordCheck = { opens: Account } | { account: Account; refused: SignInRefusal } | { noSuchLogin: true };

export type NewAccount = Omit<CreateUserBody, 'password' | 'role'> & { role: SystemRole; passwordHash: PasswordHash; temporaryPassword: boolean };

const toAccount = (row: Omit<UserRow, 'agency_disabled_at'>): Account => ({
  id: row.id,
  login: row.login,
  name: row.name,
  agencyId: row.agency_id,
  agency: row.agency,
  agencyKind: row.agency_kind,
  role: row.role,
  disabled: row.disabled_at !== null,
  temporaryPasswordSince: row.temporary_password_at,
  createdAt: row.created_at,
});

/** Agencies and the accounts of their staff. */
export class AccountStore {
  constructor(private readonly db: Db) {}

  async createAgency(name: string, kind: AgencyKind): Promise<AgencyAccount> {
    const name_key = await this.refuseAgencyLike(name);
    const row: AgencyRow = { id: newId(), name, kind, name_key, earlier_lookalikes: 0, created_at: new Date().toISOString(), disabled_at: null };
    await refusingTaken(this.db.kysely.insertInto('agencies').values(row).execute(), agencyTaken(name));
    return toAgency(row);
  }

  /** A new name for an agency (組織改編); its staff's sessions and the memberships it holds stay. Undefined when there is no such agency. */
  async renameAgency(id: string, name: string): Promise<AgencyAccount | undefined> {
    const name_key = await this.refuseAgencyLike(name, id);
    // No other agency has this key now (unless one took it at this moment), so it is the first with it.
    await refusingTaken(this.db.kysely.updateTable('agencies').set({ name, name_key, earlier_lookalikes: 0 }).where('id', '=', id).execute(), agencyTaken(name));
    return this.getAgency(id);
  }

  /** Files an agency under another kind (its staff's action items and conferences from then on). Undefined when there is no such agency. */
  async setAgencyKind(id: string, kind: AgencyKind): Promise<AgencyAccount | undefined> {
    await this.db.kysely.updateTable('agencies').set({ kind }).where('id', '=', id).execute();
    return this.getAgency(id);
  }

  /** The look-alike key of an agency's name; ConflictError when another agency (not `self`) has it. */
  private async refuseAgencyLike(name: string, self?: string): Promise<string> {
    const key = lookAlikeKey(name);
    let query = this.db.kysely.selectFrom('agencies').select('name').where('name_key', '=', key);
    if (self) query = query.where('id', '!=', self);
    const taken = await query.executeTakeFirst();
    if (taken) {
      const alike = `「${name}」は、すでにある機関「${taken.name}」と見分けがつかないため使えません`;
      throw new ConflictError(takenMessage(name, taken.name, { exactly: `「${name}」という機関はすでにあります`, alike }));
    }
    return key;
  }

  /**
   * Disables an agency that no longer takes part (its staff can no longer sign in; see
   * SessionStore), or enables it again. Its accounts and memberships stay.
   */
  setAgencyDisabled(id: string, disabled: boolean): Promise<void> {
    return this.markDisabled('agencies', id, disabled);
  }

  async getAgency(id: string): Promise<AgencyAccount | undefined> {
    const row = await this.db.kysely.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAgency(row);
  }

  /** An enabled agency, which accounts and memberships may be given; ConflictError otherwise. */
  async requireEnabledAgency(id: string): Promise<AgencyAccount> {
    const agency = await this.getAgency(id);
    if (!agency) throw new ConflictError('その機関はありません');
    if (agency.disabled) throw new ConflictError(`${agency.name}は無効になっています。先に有効にしてください`);
    return agency;
  }

  async listAgencies(): Promise<AgencyAccount[]> {
    const rows = await this.db.kysely.selectFrom('agencies').selectAll().orderBy('name').execute();
    return rows.map(toAgency);
  }

  /** The agency of this name, however wide or cased (see theOneNamed). */
  async findAgencyByName(name: string): Promise<AgencyAccount | undefined> {
    const rows = await this.db.kysely.selectFrom('agencies').selectAll().where('name_key', '=', lookAlikeKey(name)).execute();
    const row = theOneNamed(rows, name, (agency) => agency.name);
    return row && toAgency(row);
  }

  /**
   * A new account. `temporaryPassword`: its password was chosen by someone else (an administrator),
   * so its holder must choose their own before signing in.
   */
  async createUser(input: NewAccount): Promise<Account> {
    const agency = await this.requireEnabledAgency(input.agencyId);
    const login_key = lookAlikeKey(input.login);
    const taken = await this.db.kysely.selectFrom('users').select('login').where('login_key', '=', login_key).executeTakeFirst();
    if (taken) {
      const alike = `ログインID「${input.login}」は、すでにあるログインID「${taken.login}」と見分けがつかないため使えません`;
      throw new ConflictError(takenMessage(input.login, taken.login, { exactly: `ログインID「${input.login}」はすでに使われています`, alike }));
    }
    const now = new Date().toISOString();
    const row: Tables['users'] = {
      id: newId(),
      login: input.login,
      login_key,
      earlier_lookalikes: 0,
      name: input.name,
      agency_id: input.agencyId,
      role: input.role,
      password_hash: input.passwordHash,
      temporary_password_at: input.temporaryPassword ? now : null,
      disabled_at: null,
      created_at: now,
    };
    const refusal = `ログインID「${input.login}」と同じか見分けがつかないログインIDがすでに使われています`;
    await refusingTaken(this.db.kysely.insertInto('users').values(row).execute(), refusal);
    return toAccount({ ...row, agency: agency.name, agency_kind: agency.kind });
  }

  private users() {
    return this.db.kysely
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .selectAll('users')
      .select(['agencies.name as agency', 'agencies.kind as agency_kind', 'agencies.disabled_at as agency_disabled_at']);
  }

  async listUsers(): Promise<Account[]> {
    return (await this.users().orderBy('users.login').execute()).map(toAccount);
  }

  async getUser(id: string): Promise<Account | undefined> {
    const row = await this.users().where('users.id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  /** The accounts of these ids that exist, by id (one query however many). */
  async getUsers(ids: readonly string[]): Promise<Map<string, Account>> {
    if (ids.length === 0) return new Map();
    const rows = await this.users().where('users.id', 'in', [...ids]).execute();
    return new Map(rows.map((row) => [row.id, toAccount(row)]));
  }

  async getUserByLogin(login: string): Promise<Account | undefined> {
    const row = await this.byLogin(login);
    return row && toAccount(row);
  }

  /** The account a login typed names, however wide or cased (see theOneNamed). */
  private async byLogin(login: string) {
    return theOneNamed(await this.users().where('users.login_key', '=', lookAlikeKey(login)).execute(), login, (user) => user.login);
  }

  /** What a login (as byLogin) and password open (PasswordCheck); takes as long whether or not the login exists. */
  async checkPassword(login: string, password: string): Promise<PasswordCheck> {
    const row = await this.byLogin(login);
    if (!row) {
      await verifyAgainstNothing(password);
      return { noSuchLogin: true };
    }
    const account = toAccount(row);
    if (!(await verifyPassword(password, row.password_hash))) return { account, refused: 'wrong-password' };
    return letsIn(row) ? { opens: account } : { account, refused: shutOut(row) };
  }

  setDisabled(id: string, disabled: boolean): Promise<void> {
    return this.markDisabled('users', id, disabled);
  }

  /** Disabled from now, or enabled again (accounts and agencies are never deleted: the records name them). */
  private async markDisabled(table: 'users' | 'agencies', id: string, disabled: boolean): Promise<void> {
    await this.db.kysely
      .updateTable(table)
      .set({ disabled_at: disabled ? new Date().toISOString() : null })
      .where('id', '=', id)
      .execute();
  }

  /** Changes who the account is: its name, agency (人事異動) or role. */
  async setProfile(id: string, changes: { name?: string; agencyId?: string; role?: SystemRole }): Promise<void> {
    if (changes.agencyId) await this.requireEnabledAgency(changes.agencyId);
    await this.db.kysely
      .updateTable('users')
      .set({ name: changes.name, agency_id: changes.agencyId, role: changes.role })
      .where('id', '=', id)
      .execute();
  }

  /** `temporary`: set by an administrator, to be changed by the account's holder before signing in (see createUser). */
  async setPassword(id: string, passwordHash: PasswordHash, { temporary }: { temporary: boolean }): Promise<void> {
    await this.db.kysely
      .updateTable('users')
      .set({ password_hash: passwordHash, temporary_password_at: temporary ? new Date().toISOString() : null })
      .where('id', '=', id)
      .execute();
  }
}

/** An administrator, in their agency (created if new, of the kind its name suggests): the first account of a deployment, with the password its holder chose. */
export async function createAdministrator(
  accounts: AccountStore,
  { login, name, agency, passwordHash }: { login: string; name: string; agency: string; passwordHash: PasswordHash },
): Promise<Account> {
  const agencyId = ((await accounts.findAgencyByName(agency)) ?? (await accounts.createAgency(agency, guessAgencyKind(agency)))).id;
  return accounts.createUser({ login, name, agencyId, role: 'admin', passwordHash, temporaryPassword: false });
}
