import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiCallError } from '../api.ts';
import { useSession } from '../identity/session.tsx';

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session.status === 'signed-in') return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await session.login({ login, password });
    } catch (e) {
      const status = e instanceof ApiCallError ? e.status : 0;
      setError(
        status === 401
          ? 'ログインIDまたはパスワードが違います。'
          : status === 429
            ? '試行回数が多すぎます。しばらく待ってから再度お試しください。'
            : 'ログインできませんでした。時間をおいて再度お試しください。',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page">
      <h1>ケア会議ワークスペース</h1>
      <form className="card identity" onSubmit={submit}>
        <h2>ログイン</h2>
        <label>
          ログインID
          <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} autoFocus />
        </label>
        <label>
          パスワード
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          ログイン
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
