import type { SessionUser } from '@care/schema';
import { Link, useNavigate } from 'react-router';
import { useSession } from './session.tsx';

export const ROLE_LABELS: Record<SessionUser['role'], string> = {
  admin: '管理者',
  coordinator: 'コーディネーター',
  staff: '職員',
  guest: '招待参加',
};

/** Who is signed in, and the way out. */
export function AccountBar({ user }: { user: SessionUser }) {
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <div className="account-bar" data-testid="account">
      <span>
        {user.name}（{user.agency}・{ROLE_LABELS[user.role]}）
      </span>
      {user.role === 'admin' && <Link to="/admin">管理</Link>}
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          await logout();
          navigate('/login');
        }}
      >
        ログアウト
      </button>
    </div>
  );
}
