import { isCoordinatorRole, type OpenedCase, type PresenceUser, presenceOf, type SessionUser } from '@care/schema';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CaseAccessPanel } from '../access/CaseAccessPanel.tsx';
import { api, ApiCallError } from '../api.ts';
import { type ConnectionState, useCaseConnection } from '../collab/useCaseConnection.ts';
import { ConferenceScreen, type Standing } from '../conference/ConferenceScreen.tsx';
import { AccountBar } from '../identity/AccountBar.tsx';
import { isSignedOut, useSession } from '../identity/session.tsx';
import { VersionControls } from '../records/VersionControls.tsx';

function describeFailure(error: unknown): string {
  const status = error instanceof ApiCallError ? error.status : 0;
  if (status === 403) return 'このケースを閲覧する権限がありません。';
  if (status === 404) return 'ケースが見つかりません。';
  return (error as Error).message;
}

export function CasePage({ user }: { user: SessionUser }) {
  const { caseId = '' } = useParams();
  const [caseInfo, setCaseInfo] = useState<OpenedCase>();
  const [error, setError] = useState<string>();
  const { expired } = useSession();
  const presence = useMemo(() => presenceOf(user), [user]);

  useEffect(() => {
    api.getCase(caseId).then(setCaseInfo, (e: unknown) => (isSignedOut(e) ? expired() : setError(describeFailure(e))));
  }, [caseId, expired]);

  return (
    <main className="page">
      <nav className="row">
        <Link to="/">← ケース一覧</Link>
        <AccountBar user={user} />
      </nav>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {caseInfo && <h1>{caseInfo.title}</h1>}
      {caseInfo && (
        <Workspace
          caseId={caseId}
          user={presence}
          standing={{ readOnly: caseInfo.access === 'read', isCoordinator: isCoordinatorRole(user.role) }}
        />
      )}
      {caseInfo?.access === 'edit' && <VersionControls caseId={caseId} />}
    </main>
  );
}

const STATE_LABELS: Record<ConnectionState, string> = {
  connecting: '接続中',
  offline: 'オフライン',
  synced: '同期済み',
  closed: '切断されました',
};

function Workspace({ caseId, user, standing }: { caseId: string; user: PresenceUser; standing: Standing }) {
  const { connection, state, refusal, closed } = useCaseConnection(caseId, user);
  const { expired } = useSession();
  useEffect(() => {
    if (closed?.code === 4401) expired();
  }, [closed, expired]);
  const header = (
    <header className="row">
      <h2>ケース概要</h2>
      {standing.readOnly && <span className="badge badge--read-only">閲覧のみ</span>}
      <span className={`connection connection--${state}`} data-testid="connection-state">
        {STATE_LABELS[state]}
      </span>
    </header>
  );
  return (
    <>
      {closed && (
        <p role="alert" className="error">
          {closed.code === 4403 ? 'このケースへのアクセス権が取り消されました。' : 'ログインの有効期限が切れました。'}
        </p>
      )}
      {refusal && (
        <p role="alert" className="error" data-testid="refusal">
          サーバーが変更を受け付けませんでした：{refusal}（ページを再読み込みすると最新の内容に戻ります）
        </p>
      )}
      {connection ? (
        <ConferenceScreen connection={connection} user={user} standing={closed ? { ...standing, readOnly: true } : standing} header={header} />
      ) : (
        header
      )}
      {connection && standing.isCoordinator && <CaseAccessPanel caseId={caseId} doc={connection.doc} />}
    </>
  );
}
