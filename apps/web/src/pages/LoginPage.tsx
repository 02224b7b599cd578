import { PASSWORD_CHANGE_REQUIRED } from '@care/schema';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiCallError } from '../api.ts';
import { DiscardedText } from '../collab/DiscardedText.tsx';
import { attemptFailure } from '../identity/attempt-failure.ts';
import { ChangePasswordForm } from '../identity/ChangePasswordForm.tsx';
import { UNSENT_SHOWN_ONCE } from '../identity/guest-let-go.ts';
import { INVITED_SESSION_ENDED, wasInvited } from '../identity/invited-browser.ts';
import { useSession } from '../identity/session.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useOneAtATime } from '../ui/one-at-a-time.ts';

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  /** The password was right but temporary (set by an administrator): its holder chooses their own. */
  const [temporary, setTemporary] = useState(false);
  const [error, setError] = useState<string>();
  const { pending, run } = useOneAtATime();
  /** A guest came here when its session ended: it has no login, so it is told what to do instead (staff may still sign in). */
  const [invited, setInvited] = useState(wasInvited);
  const { from = '/', notice } = (location.state as { from?: string; notice?: string } | null) ?? {};
  const letGo = session.status === 'signed-out' ? session.letGo : undefined;
  const [unsentDismissed, setUnsentDismissed] = useState(false);

  if (session.status === 'signed-in') return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await run(() => session.login({ login, password }));
    } catch (e) {
      if (e instanceof ApiCallError && e.body?.error === PASSWORD_CHANGE_REQUIRED) setTemporary(true);
      else setError(attemptFailure(e, 'ログインIDまたはパスワードが違います。'));
    }
  }

  return (
    <main className="page">
      <h1>ケア会議ワークスペース</h1>
      {invited ? (
        <section className="card identity">
          <h2>招待リンクでの参加</h2>
          {/* Let go while its page was closed: the link opens nothing any more, so only why is said. */}
          <p role="status" className="notice">
            {letGo?.notice ?? INVITED_SESSION_ENDED}
          </p>
          {letGo && letGo.unsent.length > 0 && !unsentDismissed && (
            <DiscardedText sections={letGo.unsent} onDismiss={() => setUnsentDismissed(true)} heading="送れなかった文章" note={UNSENT_SHOWN_ONCE} />
          )}
          <button type="button" className="secondary" onClick={() => setInvited(false)}>
            職員の方はこちらからログイン
          </button>
        </section>
      ) : temporary ? (
        <ChangePasswordForm login={login} currentPassword={password}>
          <h2>パスワードの設定</h2>
          <p>このパスワードは管理者が設定した仮のものです。ご自身だけが知るパスワードを決めてください。次回からはそのパスワードでログインします。</p>
        </ChangePasswordForm>
      ) : (
        <form className="card identity" onSubmit={submit}>
          <h2>ログイン</h2>
          {notice && (
            <p role="status" className="notice">
              {notice}
            </p>
          )}
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
          <button type="submit" disabled={pending}>
            ログイン
          </button>
          <ErrorMessage text={error} />
        </form>
      )}
    </main>
  );
}
