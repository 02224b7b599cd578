import type { CaseSummary, PresenceUser } from '@care/schema';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { type ConnectionState, useCaseConnection } from '../collab/useCaseConnection.ts';
import { ConferenceScreen } from '../conference/ConferenceScreen.tsx';
import { VersionControls } from '../records/VersionControls.tsx';
import { IdentityForm } from '../identity/IdentityForm.tsx';
import { loadIdentity } from '../identity/identity.ts';

export function CasePage() {
  const { caseId = '' } = useParams();
  const [caseInfo, setCaseInfo] = useState<CaseSummary>();
  const [error, setError] = useState<string>();
  const [user, setUser] = useState<PresenceUser | undefined>(loadIdentity);

  useEffect(() => {
    api.getCase(caseId).then(setCaseInfo, (e: Error) => setError(e.message));
  }, [caseId]);

  return (
    <main className="page">
      <nav>
        <Link to="/">← ケース一覧</Link>
      </nav>
      {error && <p role="alert" className="error">{error}</p>}
      {caseInfo && <h1>{caseInfo.title}</h1>}
      {caseInfo && !user && <IdentityForm onDone={setUser} />}
      {caseInfo && user && <Workspace caseId={caseId} user={user} />}
      {caseInfo && user && <VersionControls caseId={caseId} />}
    </main>
  );
}

const STATE_LABELS: Record<ConnectionState, string> = { connecting: '接続中', offline: 'オフライン', synced: '同期済み' };

function Workspace({ caseId, user }: { caseId: string; user: PresenceUser }) {
  const { connection, state, refusal } = useCaseConnection(caseId, user);
  const header = (
    <header className="row">
      <h2>ケース概要</h2>
      <span className={`connection connection--${state}`} data-testid="connection-state">
        {STATE_LABELS[state]}
      </span>
    </header>
  );
  return (
    <>
      {refusal && (
        <p role="alert" className="error" data-testid="refusal">
          サーバーが変更を受け付けませんでした：{refusal}（ページを再読み込みすると最新の内容に戻ります）
        </p>
      )}
      {connection ? <ConferenceScreen connection={connection} user={user} header={header} /> : header}
    </>
  );
}
