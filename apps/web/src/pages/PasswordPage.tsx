import type { SessionUser } from '@care/schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { AccountBar } from '../identity/AccountBar.tsx';
import { ChangePasswordForm } from '../identity/ChangePasswordForm.tsx';

/** An account holder changes their own password (only they: FOR_ACCOUNTS; guests from an invitation link have none). */
export function PasswordPage({ user }: { user: SessionUser }) {
  const [changes, setChanges] = useState(0);
  return (
    <main className="page">
      <header className="row">
        <h1>パスワードの変更</h1>
        <AccountBar user={user} />
      </header>
      <nav>
        <Link to="/">← ケース一覧</Link>
      </nav>
      {changes > 0 && (
        <p role="status" className="muted">
          パスワードを変更しました。ほかの端末やブラウザーでのログインは終了しました。
        </p>
      )}
      {/* A fresh form after each change (its fields emptied). */}
      {user.login && <ChangePasswordForm key={changes} login={user.login} onChanged={() => setChanges((n) => n + 1)} />}
    </main>
  );
}
