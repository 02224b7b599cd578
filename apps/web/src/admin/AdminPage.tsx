import {
  type Account,
  type AgencyAccount,
  AgencyBody,
  AGENCY_KINDS,
  type AgencyKind,
  CreateUserBody,
  ROLE_LABELS,
  type SessionUser,
  type SystemRole,
  UpdateAgencyBody,
  UpdateUserBody,
} from '@care/schema';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api } from '../api.ts';
import { AccountBar } from '../identity/AccountBar.tsx';
import { useSession } from '../identity/session.tsx';
import { CancelButton } from '../ui/CancelButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { checkForm, type FormProblems } from '../ui/form-problems.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { PasswordTwice } from '../ui/PasswordTwice.tsx';
import { repeatedPasswordProblem } from '../ui/repeated-password.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { type Profile, profileChanges } from './profile-changes.ts';
import { agenciesInOrder, searchAccounts } from './account-search.ts';
import { accountState, LOCK_HINT } from './account-state.ts';

/** Administrators (only: FOR_ADMINS) register agencies and their staff's accounts; accounts are disabled, never deleted (the audit trail names them). */
export function AdminPage({ user }: { user: SessionUser }) {
  const session = useSession();
  const [agencies, setAgencies] = useState<AgencyAccount[]>([]);
  const [users, setUsers] = useState<Account[]>([]);
  /** Until when failed sign-ins lock each locked account's login, by its id. */
  const [locks, setLocks] = useState<ReadonlyMap<string, string>>(new Map());
  /** How long a temporary password lets its holder in (the server's setting). */
  const [temporaryDays, setTemporaryDays] = useState<number>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  /** One change at a time: its buttons are disabled until the lists show it (a second click made a second agency). */
  const { pending, run } = useOneAtATime();
  const refresh = useCallback(async () => {
    const [agencyList, userList, lockList] = await Promise.all([api.listAgencies(), api.listUsers(), api.signInLocks()]);
    setAgencies(agenciesInOrder(agencyList));
    setUsers(userList.users);
    setLocks(new Map(lockList.map((lock) => [lock.userId, lock.until])));
    setTemporaryDays(userList.temporaryPasswordDays);
  }, []);
  useEffect(() => void refresh().catch((e: Error) => setMessage({ text: e.message, error: true })), [refresh]);

  /**
   * Runs a change, reports how it went, and reloads the lists; whether it was made (not while
   * another is under way). `check`: the body and the schema the server checks it with, by the
   * names the form gives its fields; what is wrong is said before sending.
   */
  const act = async (change: () => Promise<unknown>, done: string, check?: BodyCheck) => {
    const problems = check && (check.before ?? checkForm(check.schema, check.body, check.names)?.message);
    if (problems) {
      setMessage({ text: problems, error: true });
      return false;
    }
    const made = await run(async () => {
      try {
        await change();
        // Said done once the lists show it (a 種別 select showed the old kind until then); made all the same if they cannot be read.
        await refresh().catch(() => undefined);
        setMessage({ text: done });
        return true;
      } catch (e) {
        setMessage({ text: (e as Error).message, error: true });
        return false;
      }
    });
    return made === true;
  };

  return (
    <main className="page">
      <header className="row">
        <h1>管理</h1>
        <AccountBar user={user} />
      </header>
      <nav className="page-links">
        <Link to="/">← ケース一覧</Link>
        {/* What every administrator did here, for whoever reviews access later. */}
        <Link to="/audit?trail=accounts">アカウント・組織の管理の記録</Link>
      </nav>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
      <AgencySection
        agencies={agencies}
        pending={pending}
        onCreate={(body) => act(() => api.createAgency(body), `機関「${body.name}」を登録しました`)}
        ownAgencyId={users.find((account) => account.id === user.userId)?.agencyId}
        onUpdate={(agency, body, done) => act(() => api.updateAgency(agency.id, body), done, { schema: UpdateAgencyBody, body, names: { name: '機関名' } })}
      />
      <UserSection
        self={user.userId}
        agencies={agencies}
        users={users}
        locks={locks}
        temporaryDays={temporaryDays}
        pending={pending}
        onCreate={(body) =>
          act(
            () => api.createUser(body),
            `${body.name} さんのアカウントを作成しました。初期パスワードは仮のもので、ご本人が初めてのログインで自分のパスワードに変えます（${temporaryDays ?? '—'}日以内）`,
          )
        }
        onUpdate={async (account, body, done, before) => {
          const saved = await act(() => api.updateUser(account.id, body), done, { schema: UpdateUserBody, body, names: EDITED_USER_FIELDS, before });
          if (saved && account.id === user.userId) await session.refresh(); // one's own name or agency, in the account bar
          return saved;
        }}
      />
    </main>
  );
}

const EMPTY_AGENCY = { name: '', kind: '' };
/** The new-agency form's fields, in its order, by the names it shows. */
const AGENCY_FIELDS: Record<keyof AgencyBody, string> = { name: '機関名', kind: '種別' };

/** Changes an agency; says `done` when it worked. */
type UpdateAgency = (agency: AgencyAccount, body: UpdateAgencyBody, done: string) => Promise<boolean>;

function AgencySection(props: {
  agencies: AgencyAccount[];
  /** The administrator's own (which they cannot disable). */
  ownAgencyId: string | undefined;
  /** A change is under way: the buttons that would send another are disabled. */
  pending: boolean;
  onCreate: (body: AgencyBody) => Promise<boolean>;
  onUpdate: UpdateAgency;
}) {
  const [draft, setDraft] = useState(EMPTY_AGENCY);
  useHoldWhileTyped(draft.name.trim() !== ''); // the name typed; a kind alone is picked again at no loss
  const [problems, setProblems] = useState<FormProblems<keyof AgencyBody>>();
  const invalid = (field: keyof AgencyBody) => (problems?.fields.includes(field) ? { 'aria-invalid': true } : {});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkForm(AgencyBody, draft, AGENCY_FIELDS);
    setProblems(found);
    if (!found && (await props.onCreate(AgencyBody.parse(draft)))) setDraft(EMPTY_AGENCY);
  };
  return (
    <section className="card">
      <h2>機関</h2>
      <ul aria-label="機関">
        {props.agencies.map((agency) => (
          <AgencyItem key={agency.id} agency={agency} own={agency.id === props.ownAgencyId} pending={props.pending} onUpdate={props.onUpdate} />
        ))}
      </ul>
      <form onSubmit={submit} className="row">
        <input aria-label="機関名" placeholder="例：北地域包括支援センター" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} {...invalid('name')} />
        {/* No default: a kind not looked at would file the agency's action items wrongly. */}
        <KindSelect label="種別" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })} {...invalid('kind')} />
        <button type="submit" disabled={props.pending}>
          機関を登録
        </button>
        <ErrorMessage text={problems?.message} inline />
      </form>
    </section>
  );
}

/**
 * One agency. 名前を変更 for a reorganisation (組織改編): its staff, their sessions and its
 * memberships stay. Its 種別 is changed at once (its staff's action items are filed under it). 無効にする for one that no longer takes part: its staff are signed out and
 * cannot sign in, and it can be given no account or case, until it is enabled again.
 */
function AgencyItem({ agency, own, pending, onUpdate }: { agency: AgencyAccount; own: boolean; pending: boolean; onUpdate: UpdateAgency }) {
  /** The new name being typed, while renaming. */
  const [renaming, setRenaming] = useState<string>();
  useHoldWhileTyped(renaming !== undefined && renaming.trim() !== agency.name);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (renaming === undefined) return;
    if (await onUpdate(agency, { name: renaming }, `機関「${agency.name}」を「${renaming}」に改めました`)) setRenaming(undefined);
  };
  const toggle = () => {
    const disabling = !agency.disabled;
    if (disabling && !confirm(`「${agency.name}」を無効にすると、所属する職員は全員ログアウトし、有効に戻すまでログインできません。よろしいですか？`)) return;
    void onUpdate(agency, { disabled: disabling }, `機関「${agency.name}」を${disabling ? '無効' : '有効'}にしました`);
  };
  return (
    <li>
      {renaming === undefined ? (
        <span className="row">
          {agency.name}
          {agency.disabled && <span className="badge">無効</span>}
          <KindSelect
            label={`${agency.name}の種別`}
            value={agency.kind}
            onChange={(e) => void onUpdate(agency, { kind: e.target.value as AgencyKind }, `機関「${agency.name}」の種別を${e.target.value}にしました`)}
          />
          <button type="button" className="secondary" aria-label={`${agency.name}の名前を変更`} onClick={() => setRenaming(agency.name)}>
            名前を変更
          </button>
          {!own && (
            <button type="button" className="secondary" aria-label={`${agency.name}を${agency.disabled ? '有効' : '無効'}にする`} disabled={pending} onClick={toggle}>
              {agency.disabled ? '有効にする' : '無効にする'}
            </button>
          )}
          <TrailLink subjectId={agency.id} of={agency.name} />
        </span>
      ) : (
        <form onSubmit={save} className="row">
          <input aria-label={`${agency.name}の新しい名前`} value={renaming} onChange={(e) => setRenaming(e.target.value)} />
          <button type="submit" disabled={pending}>
            保存
          </button>
          <CancelButton onClick={() => setRenaming(undefined)} />
        </form>
      )}
    </li>
  );
}

/** 記録: what has been done to one account or agency (the account trail, filtered to it). */
function TrailLink({ subjectId, of }: { subjectId: string; of: string }) {
  return (
    <Link to={`/audit?trail=accounts&subject=${encodeURIComponent(subjectId)}`} aria-label={`${of}の記録`}>
      記録
    </Link>
  );
}

const ROLES: SystemRole[] = ['staff', 'coordinator', 'admin'];
/** A body to check before it is sent (see act). */
type BodyCheck = {
  schema: z.ZodType;
  body: Readonly<Record<string, unknown>>;
  names: Readonly<Record<string, string>>;
  /** What the form found wrong before the schema is asked (a password typed twice differently). */
  before?: string;
};

/** An account's fields as its row names them when they are changed. */
const EDITED_USER_FIELDS = { name: '氏名', agencyId: '所属機関', role: '権限', password: '仮パスワード' };

const EMPTY_USER = { login: '', name: '', agencyId: '', role: 'staff' as SystemRole, password: '' };
type UserField = keyof typeof EMPTY_USER;
/** The new-account form's fields, in its order, by the names it shows. */
const USER_FIELDS: Record<UserField, string> = { name: '氏名', login: 'ログインID', agencyId: '所属機関', role: '権限', password: '初期パスワード' };

/** Changes an account; says `done` and resolves true when the server took it (not sent when `before` says what is wrong). */
type UpdateAccount = (account: Account, body: UpdateUserBody, done: string, before?: string) => Promise<boolean>;

function UserSection(props: {
  /** The signed-in administrator's own account, which only another administrator may disable or demote. */
  self: string;
  agencies: AgencyAccount[];
  users: Account[];
  locks: ReadonlyMap<string, string>;
  temporaryDays: number | undefined;
  /** A change is under way: the buttons that would send another are disabled. */
  pending: boolean;
  onCreate: (body: typeof EMPTY_USER) => Promise<boolean>;
  onUpdate: UpdateAccount;
}) {
  const [draft, setDraft] = useState(EMPTY_USER);
  /** The password typed again (not sent). */
  const [repeated, setRepeated] = useState('');
  const [query, setQuery] = useState('');
  const shown = searchAccounts(props.users, query);
  useHoldWhileTyped(Boolean(draft.name.trim() || draft.login.trim() || draft.password || repeated)); // the fields typed, not picked
  const [problems, setProblems] = useState<FormProblems<UserField | 'repeated'>>();
  const set = (field: UserField) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  const isInvalid = (field: UserField | 'repeated') => problems?.fields.includes(field) === true;
  const invalid = (field: UserField) => (isInvalid(field) ? { 'aria-invalid': true } : {});
  const disabledAgencies = new Set(props.agencies.filter((agency) => agency.disabled).map((agency) => agency.id));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Checked here first, so what is missing is named as the form names it (the server checks again).
    const differ = repeatedPasswordProblem(draft.password, repeated, USER_FIELDS.password);
    const found = checkForm(CreateUserBody, draft, USER_FIELDS) ?? (differ ? { fields: ['repeated' as const], message: differ } : undefined);
    setProblems(found);
    if (found || !(await props.onCreate(draft))) return;
    setDraft(EMPTY_USER);
    setRepeated('');
  };
  return (
    <section className="card">
      <h2>アカウント</h2>
      {/* Before the list, which grows to hundreds of rows: adding one is not a scroll past all of them. */}
      <form onSubmit={submit} className="item-form">
        <input aria-label={USER_FIELDS.name} placeholder={USER_FIELDS.name} value={draft.name} onChange={set('name')} {...invalid('name')} />
        <input aria-label={USER_FIELDS.login} placeholder={USER_FIELDS.login} value={draft.login} onChange={set('login')} {...invalid('login')} />
        <AgencySelect label={USER_FIELDS.agencyId} agencies={props.agencies} value={draft.agencyId} onChange={set('agencyId')} {...invalid('agencyId')} />
        <RoleSelect label={USER_FIELDS.role} value={draft.role} onChange={set('role')} />
        <PasswordTwice
          label={USER_FIELDS.password}
          placeholder="初期パスワード（12文字以上）"
          value={draft.password}
          repeated={repeated}
          onChange={(password) => setDraft({ ...draft, password })}
          onRepeat={setRepeated}
          invalid={isInvalid('password')}
          repeatInvalid={isInvalid('repeated')}
        />
        <button type="submit" disabled={props.pending}>
          アカウントを作成
        </button>
        <ErrorMessage text={problems?.message} />
      </form>
      <input
        type="search"
        aria-label="アカウントを検索"
        placeholder="氏名・ログインID・所属で検索"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() && (
        <p className="muted">
          {props.users.length}件中{shown.length}件
        </p>
      )}
      <table className="table table--cards" aria-label="アカウント">
        <thead>
          <tr>
            <th>氏名</th>
            <th>ログインID</th>
            <th>所属</th>
            <th>権限</th>
            <th>状態</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((account) => (
            <UserRow
              key={account.id}
              account={account}
              self={account.id === props.self}
              state={accountState(account, { agencyDisabled: disabledAgencies.has(account.agencyId), temporaryDays: props.temporaryDays, lockedUntil: props.locks.get(account.id) })}
              locked={props.locks.has(account.id)}
              agencies={props.agencies}
              pending={props.pending}
              onUpdate={props.onUpdate}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What a row of the account table is doing: shown, its name, agency and role being changed, or its password being reset. */
type RowMode = { kind: 'view' } | ({ kind: 'edit'; from: Profile } & Profile) | { kind: 'reset'; password: string; repeated: string };

/**
 * One account. 編集 changes its name, agency (人事異動) or role; パスワード再設定 gives it a temporary
 * password (a forgotten one), which ends its sessions and its holder replaces at next sign-in;
 * 記録 shows what has been done to it (the account trail).
 */
function UserRow(props: { account: Account; self: boolean; state: string; locked: boolean; agencies: AgencyAccount[]; pending: boolean; onUpdate: UpdateAccount }) {
  const { account, self, agencies, pending, onUpdate } = props;
  const [mode, setMode] = useState<RowMode>({ kind: 'view' });
  useHoldWhileTyped(mode.kind === 'edit' ? mode.name.trim() !== account.name : mode.kind === 'reset' && (mode.password !== '' || mode.repeated !== ''));
  const view = () => setMode({ kind: 'view' });
  const formId = `account-${account.id}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved =
      mode.kind === 'edit'
        ? await onUpdate(account, profileChanges(mode.from, mode), `${mode.name} さんのアカウントを変更しました`)
        : mode.kind === 'reset' &&
          (await onUpdate(
            account,
            { password: mode.password },
            `${account.name} さんのパスワードを仮パスワードに再設定しました${props.locked ? '（ログインのロックも解除しました）' : ''}。ご本人は次のログインで自分のパスワードを決めます`,
            repeatedPasswordProblem(mode.password, mode.repeated, EDITED_USER_FIELDS.password),
          ));
    if (saved) view();
  };
  const editing = mode.kind === 'edit' ? mode : undefined;
  const toggle = () => {
    const disabling = !account.disabled;
    // Asked, as for an agency: it signs them out at once, mid-conference too, and their browsers drop what they had not sent.
    if (disabling && !confirm(`${account.name} さんを無効にすると、すぐにログアウトし、有効に戻すまでログインできません。よろしいですか？`)) return;
    void onUpdate(account, { disabled: disabling }, `${account.name} さんを${disabling ? '無効' : '有効'}にしました`);
  };
  return (
    <tr>
      <td data-label="氏名">
        {editing ? (
          <input form={formId} aria-label={`${account.name} さんの氏名`} value={editing.name} onChange={(e) => setMode({ ...editing, name: e.target.value })} />
        ) : (
          account.name
        )}
      </td>
      <td data-label="ログインID">{account.login}</td>
      <td data-label="所属">
        {editing ? (
          <AgencySelect label={`${account.name} さんの所属機関`} form={formId} agencies={agencies} value={editing.agencyId} onChange={(e) => setMode({ ...editing, agencyId: e.target.value })} />
        ) : (
          account.agency
        )}
      </td>
      <td data-label="権限">
        {editing && !self ? (
          <RoleSelect label={`${account.name} さんの権限`} form={formId} value={editing.role} onChange={(e) => setMode({ ...editing, role: e.target.value as SystemRole })} />
        ) : (
          ROLE_LABELS[account.role]
        )}
      </td>
      <td data-label="状態">
        {props.state}
        {props.locked && <small className="muted lock-hint">{LOCK_HINT}</small>}
      </td>
      <td>
        {mode.kind === 'view' ? (
          <div className="row">
            <button type="button" className="secondary" onClick={() => {
                const from = { name: account.name, agencyId: account.agencyId, role: account.role };
                setMode({ kind: 'edit', from, ...from });
              }}>
              編集
            </button>
            {self ? (
              <span className="muted">ご自身</span>
            ) : (
              <>
                <button
                  type="button"
                  className="secondary"
                  disabled={pending}
                  onClick={toggle}
                >
                  {account.disabled ? '有効にする' : '無効にする'}
                </button>
                <button type="button" className="secondary" onClick={() => setMode({ kind: 'reset', password: '', repeated: '' })}>
                  パスワード再設定
                </button>
              </>
            )}
            <TrailLink subjectId={account.id} of={`${account.name} さん`} />
          </div>
        ) : (
          <form id={formId} onSubmit={save} className="row">
            {mode.kind === 'reset' && (
              <PasswordTwice
                label={`${account.name} さんの仮パスワード`}
                placeholder="仮パスワード（12文字以上）"
                value={mode.password}
                repeated={mode.repeated}
                onChange={(password) => setMode({ ...mode, password })}
                onRepeat={(repeated) => setMode({ ...mode, repeated })}
              />
            )}
            <button type="submit" disabled={pending}>
              {mode.kind === 'reset' ? '設定' : '保存'}
            </button>
            <CancelButton onClick={view} />
          </form>
        )}
      </td>
    </tr>
  );
}

type SelectProps = { label: string; value: string; onChange: (e: { target: { value: string } }) => void; form?: string; 'aria-invalid'?: boolean };

/** The agencies an account can be given: the enabled ones (and the one it is in, shown as it is). */
function AgencySelect({ label, agencies, ...select }: SelectProps & { agencies: AgencyAccount[] }) {
  return (
    <select aria-label={label} {...select}>
      <option value="">所属機関を選択</option>
      {agencies.filter((agency) => !agency.disabled || agency.id === select.value).map((agency) => (
        <option key={agency.id} value={agency.id}>
          {agency.name}
        </option>
      ))}
    </select>
  );
}

/** An agency's kind (種別), to be chosen: a new agency's starts unchosen. */
function KindSelect({ label, ...select }: SelectProps) {
  return (
    <select aria-label={label} {...select}>
      <option value="" disabled>
        種別を選択
      </option>
      {AGENCY_KINDS.map((kind) => (
        <option key={kind}>{kind}</option>
      ))}
    </select>
  );
}

function RoleSelect({ label, ...select }: SelectProps) {
  return (
    <select aria-label={label} {...select}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
