import type { Account, AgencyAccount, SessionUser, SystemRole } from '@care/schema';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { AccountBar, ROLE_LABELS } from '../identity/AccountBar.tsx';

/** Administrators register agencies and their staff's accounts; accounts are disabled, never deleted (the audit trail names them). */
export function AdminPage({ user }: { user: SessionUser }) {
  const [agencies, setAgencies] = useState<AgencyAccount[]>([]);
  const [users, setUsers] = useState<Account[]>([]);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const refresh = useCallback(async () => {
    const [agencyList, userList] = await Promise.all([api.listAgencies(), api.listUsers()]);
    setAgencies(agencyList);
    setUsers(userList);
  }, []);
  useEffect(() => void refresh().catch((e: Error) => setMessage({ text: e.message, error: true })), [refresh]);

  /** Runs a change, reports how it went, and reloads the lists. */
  const act = async (change: () => Promise<unknown>, done: string) => {
    try {
      await change();
      setMessage({ text: done });
      await refresh();
      return true;
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
      return false;
    }
  };

  return (
    <main className="page">
      <header className="row">
        <h1>管理</h1>
        <AccountBar user={user} />
      </header>
      <nav>
        <Link to="/">← ケース一覧</Link>
      </nav>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
      {user.role !== 'admin' ? (
        <p className="error">この画面は管理者だけが使えます。</p>
      ) : (
        <>
          <AgencySection agencies={agencies} onCreate={(name) => act(() => api.createAgency(name), `機関「${name}」を登録しました`)} />
          <UserSection
            self={user.userId}
            agencies={agencies}
            users={users}
            onCreate={(body) => act(() => api.createUser(body), `${body.name} さんのアカウントを作成しました`)}
            onToggle={(account) =>
              act(() => api.updateUser(account.id, { disabled: !account.disabled }), `${account.name} さんを${account.disabled ? '有効' : '無効'}にしました`)
            }
            onResetPassword={(account, password) =>
              act(
                () => api.updateUser(account.id, { password }),
                `${account.name} さんのパスワードを仮パスワードに再設定しました（ご本人は次のログインで自分のパスワードを決めます）`,
              )
            }
          />
        </>
      )}
    </main>
  );
}

function AgencySection({ agencies, onCreate }: { agencies: AgencyAccount[]; onCreate: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onCreate(name)) setName('');
  };
  return (
    <section className="card">
      <h2>機関</h2>
      <ul>
        {agencies.map((agency) => (
          <li key={agency.id}>{agency.name}</li>
        ))}
      </ul>
      <form onSubmit={submit} className="row">
        <input aria-label="機関名" placeholder="例：北地域包括支援センター" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">機関を登録</button>
      </form>
    </section>
  );
}

const ROLES: SystemRole[] = ['staff', 'coordinator', 'admin'];
const EMPTY_USER = { login: '', name: '', agencyId: '', role: 'staff' as SystemRole, password: '' };

function UserSection(props: {
  /** The signed-in administrator's own account, which only another administrator may disable. */
  self: string;
  agencies: AgencyAccount[];
  users: Account[];
  onCreate: (body: typeof EMPTY_USER) => Promise<boolean>;
  onToggle: (account: Account) => void;
  /** Gives the account a temporary password (a forgotten one): ends its sessions; its holder chooses their own at next sign-in. */
  onResetPassword: (account: Account, password: string) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState(EMPTY_USER);
  /** The account whose password is being reset, and the temporary one typed so far. */
  const [reset, setReset] = useState<{ account: Account; password: string }>();
  const submitReset = async (event: FormEvent) => {
    event.preventDefault();
    if (reset && (await props.onResetPassword(reset.account, reset.password))) setReset(undefined);
  };
  const set = (field: keyof typeof EMPTY_USER) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await props.onCreate(draft)) setDraft(EMPTY_USER);
  };
  return (
    <section className="card">
      <h2>アカウント</h2>
      <table className="table" aria-label="アカウント">
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
          {props.users.map((account) => (
            <tr key={account.id}>
              <td>{account.name}</td>
              <td>{account.login}</td>
              <td>{account.agency}</td>
              <td>{ROLE_LABELS[account.role]}</td>
              <td>{account.disabled ? '無効' : account.temporaryPassword ? '仮パスワード（本人が未変更）' : '利用中'}</td>
              <td>
                {account.id === props.self ? (
                  <span className="muted">ご自身</span>
                ) : reset?.account.id === account.id ? (
                  <form onSubmit={submitReset} className="row">
                    <input
                      aria-label={`${account.name} さんの仮パスワード`}
                      type="password"
                      autoComplete="new-password"
                      placeholder="仮パスワード（12文字以上）"
                      value={reset.password}
                      onChange={(e) => setReset({ account, password: e.target.value })}
                    />
                    <button type="submit">設定</button>
                    <button type="button" className="secondary" onClick={() => setReset(undefined)}>
                      やめる
                    </button>
                  </form>
                ) : (
                  <div className="row">
                    <button type="button" className="secondary" onClick={() => props.onToggle(account)}>
                      {account.disabled ? '有効にする' : '無効にする'}
                    </button>
                    <button type="button" className="secondary" onClick={() => setReset({ account, password: '' })}>
                      パスワード再設定
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="item-form">
        <input aria-label="氏名" placeholder="氏名" value={draft.name} onChange={set('name')} />
        <input aria-label="ログインID" placeholder="ログインID" value={draft.login} onChange={set('login')} />
        <select aria-label="所属機関" value={draft.agencyId} onChange={set('agencyId')}>
          <option value="">所属機関を選択</option>
          {props.agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
        <select aria-label="権限" value={draft.role} onChange={set('role')}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <input aria-label="初期パスワード" type="password" autoComplete="new-password" placeholder="初期パスワード（12文字以上）" value={draft.password} onChange={set('password')} />
        <button type="submit">アカウントを作成</button>
      </form>
    </section>
  );
}
