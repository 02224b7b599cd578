import { ROLE_LABELS, type SessionUser } from '@care/schema';
import { Link, useNavigate } from 'react-router';
import { casesWithUnsentEdits } from '../collab/unsent-edits.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { mayLoseTyping } from '../ui/unwritten-typing.ts';
import { useSession } from './session.tsx';

/** Who is signed in, and the way out. */
export function AccountBar({ user }: { user: SessionUser }) {
  const { logout } = useSession();
  const navigate = useNavigate();
  const signingOut = useOneAtATime();
  return (
    <div className="account-bar" data-testid="account">
      <span>
        {user.name}（{user.agency}・{ROLE_LABELS[user.role]}）
      </span>
      {user.role !== 'guest' && <Link to="/password">パスワード変更</Link>}
      {user.role === 'admin' && <Link to="/admin">管理</Link>}
      <button
        type="button"
        className="secondary"
        disabled={signingOut.pending}
        onClick={async () => {
          // Signing out deletes the cases kept in this browser, with any edits not yet saved.
          const unsent = casesWithUnsentEdits(user.userId).length;
          if (unsent > 0 && !confirm(unsentWarning(unsent))) return;
          if (!mayLoseTyping()) return; // typed on this page and not yet written: signing out leaves it
          await signingOut.run(logout);
          navigate('/login');
        }}
      >
        ログアウト
      </button>
    </div>
  );
}

function unsentWarning(cases: number): string {
  return (
    `${cases}件のケースに、サーバーへの保存をまだ確認できていない変更があります。` +
    'ログアウトするとこの端末から削除され、失われます。' +
    '残すには「キャンセル」を押し、オンラインでそのケース（ケース一覧に「未送信の変更あり」と表示）を開いて、' +
    '「同期済み」になるまでお待ちください（サーバーが受け付けなかった変更は、そのケースの画面で内容を確認してコピーできます）。\n\nログアウトしますか？'
  );
}
