import { AccessCloseCode, AccessEndReason, CASE_CLOSED_GUEST_TEXT, CASE_CLOSED_TO_GUEST, type GuestLetGo, isCoordinatorRole, mayWriteRecords, type OpenedCase, type PresenceUser, presenceOf, type SessionUser } from '@care/schema';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router';
import type * as Y from 'yjs';
import { CaseAccessPanel } from '../access/CaseAccessPanel.tsx';
import { api, ApiCallError } from '../api.ts';
import { DiscardedText } from '../collab/DiscardedText.tsx';
import { forgetLocalCopy } from '../collab/local-copy.ts';
import { casesWithUnsentEdits } from '../collab/unsent-edits.ts';
import { type ClosedByServer, type ConnectionState, type OnStanding, useCaseConnection, useConnectionState } from '../collab/useCaseConnection.ts';
import { ConferenceScreen, type Standing } from '../conference/ConferenceScreen.tsx';
import { KeptTypingContext, LeftTyping, useCaseTypingKeeper, type Why } from '../conference/KeptTyping.tsx';
import { AccountBar } from '../identity/AccountBar.tsx';
import { GUEST_LET_GO_TEXT, UNSENT_SHOWN_ONCE } from '../identity/guest-let-go.ts';
import { ACCOUNT_DISABLED_TEXT, useSession } from '../identity/session.tsx';
import { formatDate } from '../records/format.ts';
import { VersionControls } from '../records/VersionControls.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import type { Watched } from '../ui/watched.ts';
import { CaseClosure } from './CaseClosure.tsx';

/** Access went while this browser held changes the server never got: the copy with them is deleted all the same. */
const UNSENT_DELETED = 'この端末にあった未送信の変更は、アクセス権がなくなったためサーバーに送れず、この端末から削除しました。';

function describeFailure(error: unknown): string {
  const status = error instanceof ApiCallError ? error.status : 0;
  if (status === 403) return (error as ApiCallError).body?.error === CASE_CLOSED_TO_GUEST ? CASE_CLOSED_GUEST_TEXT : 'このケースを閲覧する権限がありません。';
  if (status === 404) return 'ケースが見つかりません。';
  return (error as Error).message;
}

export function CasePage({ user }: { user: SessionUser }) {
  const { caseId = '' } = useParams();
  const [caseInfo, setCaseInfo] = useState<OpenedCase>();
  const [error, setError] = useState<string>();
  const { endedBy, refresh } = useSession();
  const presence = useMemo(() => presenceOf(user), [user]);
  /** The server ended this page's connection for good: the right to the case went, so nothing of it is shown. */
  const [ended, setEnded] = useState(false);
  const shown = ended ? undefined : caseInfo;
  const guest = user.role === 'guest';
  /** The case's document once connected: closing the case names what is still open in it. */
  const [doc, setDoc] = useState<Y.Doc>();

  // Asked again whenever this person's access may have changed (the case closed or reopened, a grant changed).
  const load = useCallback(() => {
    api.getCase(caseId).then(setCaseInfo, (e: unknown) => {
      if (endedBy(e)) return;
      // No (longer any) access: a copy kept from an earlier visit must not outlive it.
      if (e instanceof ApiCallError && (e.status === 403 || e.status === 404)) {
        const hadUnsent = casesWithUnsentEdits(user.userId).includes(caseId);
        void forgetLocalCopy(user.userId, caseId);
        return setError(hadUnsent ? `${describeFailure(e)}${UNSENT_DELETED}` : describeFailure(e));
      }
      setError(describeFailure(e));
    });
  }, [caseId, endedBy, user.userId]);
  useEffect(load, [load]);
  // Each connection starts with the server's statement of this person's access, before its sync, so
  // the page is read-only (or editable) before anything typed could be refused. Connected again
  // (after being offline, or asked again with 4010), the case may have been closed or reopened, or
  // who this person is changed, meanwhile: the rest is read again.
  const standingStated = useCallback<OnStanding>(
    ({ access }, again) => {
      // A closed case is no one's to edit: stated editable, it has been reopened, and the page says
      // so at once, not only once the case is read again below.
      setCaseInfo((info) => info && { ...info, access, closedAt: access === 'edit' ? null : info.closedAt });
      if (!again) return;
      load();
      void refresh();
    },
    [load, refresh],
  );

  return (
    <main className="page">
      <nav className="row">
        {/* A guest has no case list (wayBack): this case is where they came to. */}
        {!guest && <Link to="/">← ケース一覧</Link>}
        <AccountBar user={user} />
      </nav>
      <ErrorMessage text={error} />
      {shown && (
        <header className="row case-header">
          <h1>{shown.title}</h1>
          {/* Every member reads the records (readers and closed cases too); guests see none. */}
          {!guest && <Link to={`/cases/${caseId}/records`}>記録一覧</Link>}
          {isCoordinatorRole(user.role) && <CaseClosure caseInfo={shown} doc={doc} onChanged={load} />}
        </header>
      )}
      {shown?.closedAt && (
        <p className="notice" data-testid="case-closed">
          このケースは{formatDate(shown.closedAt)}に終結しました。記録は閲覧できますが、誰も編集できません。
        </p>
      )}
      {caseInfo && (
        <Workspace
          caseId={caseId}
          user={presence}
          standing={{ readOnly: caseInfo.access === 'read', isCoordinator: isCoordinatorRole(user.role), guestOf: user.conferenceId }}
          onStanding={standingStated}
          keepsVersions={mayWriteRecords(caseInfo.access) && !guest}
          caseClosed={caseInfo.closedAt !== null}
          onEnded={setEnded}
          onDoc={setDoc}
        />
      )}
    </main>
  );
}

function closedMessage(closed: ClosedByServer, guest: boolean): string {
  if (closed.code === AccessCloseCode.accessRevoked) {
    const letGo = GUEST_LET_GO_TEXT[closed.reason as GuestLetGo] as string | undefined;
    if (letGo) return letGo;
    if (closed.reason === AccessEndReason.caseClosed) return CASE_CLOSED_GUEST_TEXT;
    return 'このケースへのアクセス権が取り消されました。';
  }
  if (closed.code === AccessCloseCode.tooManyConnections) return tooManyConnectionsText(guest);
  if (closed.reason === AccessEndReason.accountDisabled) return ACCOUNT_DISABLED_TEXT;
  if (closed.reason === AccessEndReason.invitationExpired) {
    return '招待の有効期限が切れました。引き続き参加するには、会議の主催者に新しい招待リンクを依頼してください。';
  }
  return guest ? 'セッションが終了しました。続けるには、招待リンクをもう一度開いてください。' : 'ログインの有効期限が切れました。';
}

/**
 * Refused (4429): this person has so many case pages open that the server takes no more. Each
 * tab holds a connection; a guest's count is this browser's alone. The case's edits typed here
 * are kept in this browser and sent when the page is opened again.
 */
function tooManyConnectionsText(guest: boolean): string {
  const where = guest ? 'このブラウザで' : 'このアカウントで（ほかの端末も含めて）';
  return `${where}開いている画面（タブ）が多すぎるため、このケースに接続できませんでした。使っていないタブを閉じてから、このページを再読み込みしてください。この画面で入力した内容は、この端末に保存されています。`;
}

/** Why the typing kept when the server let this page go was not written, as its typist is told. */
function letGoBecause(closed: ClosedByServer): Why {
  if (closed.code === AccessCloseCode.tooManyConnections) return 'crowded';
  if (closed.reason === AccessEndReason.conferenceClosed) return 'ended';
  return closed.reason === AccessEndReason.accountDisabled ? 'disabled' : 'revoked';
}

const STATE_LABELS: Record<ConnectionState, { label: string; hint: string }> = {
  connecting: { label: '接続中', hint: 'サーバーに接続しています' },
  offline: { label: 'オフライン', hint: '変更はこの端末に保存され、接続が戻ると送信されます' },
  unreachable: { label: 'サーバーに接続できません', hint: '再接続しています。変更はこの端末に保存され、接続が戻ると送信されます' },
  saving: { label: '保存中', hint: '変更をサーバーに保存しています' },
  synced: { label: '同期済み', hint: '入力した内容はすべてサーバーに保存されています' },
  refused: { label: '未保存の変更あり', hint: 'サーバーが受け付けなかった変更が、この端末にだけ残っています' },
  closed: { label: '切断されました', hint: 'サーバーが接続を終了しました' },
};

/**
 * Holds 保存中 a moment after the last acknowledgement, so steady typing shows one state instead
 * of flickering (and screen readers are not told of every keystroke). It never says 同期済み early.
 */
function useSteadyState(state: ConnectionState): ConnectionState {
  const [shown, setShown] = useState(state);
  useEffect(() => {
    if (shown !== 'saving' || state !== 'synced') return setShown(state);
    const timer = setTimeout(() => setShown(state), 600);
    return () => clearTimeout(timer);
  }, [state, shown]);
  return shown;
}

/** Where this browser's edits are: read out by screen readers when it changes. */
function ConnectionBadge(props: { state: Watched<ConnectionState>; refusal: string | undefined }) {
  const state = useSteadyState(useConnectionState(props.state, props.refusal));
  const { label, hint } = STATE_LABELS[state];
  return (
    <span role="status" aria-live="polite" className="connection-status">
      <span className={`connection connection--${state}`} data-testid="connection-state">
        {label}
      </span>
      {/* Offline is when people need to know what happens to their typing: said on screen; otherwise to screen readers. */}
      <small className={state === 'offline' || state === 'unreachable' ? 'connection__hint' : 'visually-hidden'}>{hint}</small>
    </span>
  );
}

function Workspace(props: {
  caseId: string;
  user: PresenceUser;
  standing: Standing;
  onStanding: OnStanding;
  keepsVersions: boolean;
  caseClosed: boolean;
  onEnded: (ended: boolean) => void;
  onDoc: (doc: Y.Doc | undefined) => void;
}) {
  const { caseId, user, standing, onStanding, keepsVersions, caseClosed, onEnded, onDoc } = props;
  const { connection, state, refusal, closed, discardLocalChanges, discarded, dismissDiscarded, unsentRevoked, dismissUnsentRevoked } =
    useCaseConnection(caseId, user, onStanding);
  const { expired } = useSession();
  useEffect(() => {
    // A guest has no sign-in page to go to, nor has a disabled account: they stay, told why
    // (closedMessage), with what the server never got shown to copy.
    if (closed?.code === AccessCloseCode.sessionEnded && !standing.guestOf && closed.reason !== AccessEndReason.accountDisabled) expired(closed.reason);
  }, [closed, expired, standing.guestOf]);
  useEffect(() => onEnded(closed !== undefined), [closed, onEnded]);
  useEffect(() => onDoc(connection?.doc), [connection, onDoc]);
  // Typing in the action items' forms, kept above the conference screen: it outlives the screen, and
  // the session too. A new one for each case opened: what was typed in one is never shown in another.
  const kept = useCaseTypingKeeper(user.userId, caseId);
  // Typing whose form is gone, or not shown, is kept nowhere else: leaving asks first, as it did while the form showed.
  useHoldWhileTyped(useSyncExternalStore(kept.subscribe, kept.holdsAny));
  const header = (
    <header className="row">
      <h2>ケース概要</h2>
      {standing.readOnly && <span className="badge badge--read-only">閲覧のみ</span>}
      <ConnectionBadge state={state} refusal={refusal} />
    </header>
  );
  return (
    <KeptTypingContext value={kept}>
      {closed && (
        <p role="alert" className="error">
          {closedMessage(closed, standing.guestOf !== undefined)}
        </p>
      )}
      {/* Let go, what this person typed but had not written is still theirs to copy (a guest's when their conference ends, anyone's when their access or account goes). */}
      {closed && <LeftTyping whyOf={() => letGoBecause(closed)} guest={standing.guestOf !== undefined} />}
      {unsentRevoked && (
        <p role="alert" className="error" data-testid="unsent-revoked">
          {UNSENT_DELETED}
        </p>
      )}
      {unsentRevoked && unsentRevoked.length > 0 && (
        <DiscardedText sections={unsentRevoked} onDismiss={dismissUnsentRevoked} heading="送れなかった文章" note={UNSENT_SHOWN_ONCE} />
      )}
      {refusal && !closed && (
        <div role="alert" className="error" data-testid="refusal">
          <p>
            サーバーが変更を受け付けませんでした：{refusal}
            （この変更はこの端末にだけ残っていて、他の参加者には届いていません）
          </p>
          <button type="button" className="secondary" onClick={discardLocalChanges}>
            この端末の未送信の変更を破棄して、サーバーの内容に戻す
          </button>
        </div>
      )}
      {discarded.length > 0 && <DiscardedText sections={discarded} onDismiss={dismissDiscarded} />}
      {/* Closed for good, the right to see the case went with the connection (要配慮個人情報): none of it stays on screen. */}
      {!closed && (connection ? <ConferenceScreen connection={connection} user={user} standing={standing} header={header} /> : header)}
      {connection && !closed && standing.isCoordinator && <CaseAccessPanel caseId={caseId} doc={connection.doc} caseClosed={caseClosed} />}
      {connection && !closed && keepsVersions && <VersionControls caseId={caseId} doc={connection.doc} userId={user.userId} standing={standing} />}
    </KeptTypingContext>
  );
}
