import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { DEAD_INVITATION_LINK } from '../identity/invited-browser.ts';
import { useSession } from '../identity/session.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';

/** Where an invitation link lands: the secret is in the fragment (#…), which never reaches a server log. */
export function JoinPage() {
  const { acceptInvitation } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [token] = useState(() => location.hash.slice(1));

  useEffect(() => {
    history.replaceState(null, '', location.pathname); // keep the secret out of the history
    acceptInvitation(token).then(
      (info) => navigate(`/cases/${info.user.caseId}`, { replace: true }),
      () => setError(DEAD_INVITATION_LINK),
    );
  }, [token, acceptInvitation, navigate]);

  return (
    <main className="page">
      <h1>ケア会議ワークスペース</h1>
      {error ? <ErrorMessage text={error} /> : <p>招待を確認しています…</p>}
    </main>
  );
}
