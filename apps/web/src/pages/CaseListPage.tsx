import { type CaseActivity, type CaseSummary, CreateCaseBody, isCoordinatorRole, type SessionUser } from '@care/schema';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { forgetCopiesOfLostCases, keptCaseIds } from '../collab/local-copy.ts';
import { casesWithUnsentEdits } from '../collab/unsent-edits.ts';
import { AccountBar } from '../identity/AccountBar.tsx';
import { useSession } from '../identity/session.tsx';
import { formatDate } from '../records/format.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { checkForm } from '../ui/form-problems.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { useRefreshWhileShown } from '../ui/refresh-while-shown.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { searchCases } from './case-search.ts';

/** Edits kept here for a case whose access went while its page was closed: deleted with the copy. */
const LOST_CASES_UNSENT_DELETED =
  'アクセス権がなくなったケースについて、この端末にあった未送信の変更はサーバーに送れず、この端末から削除しました。';

/** How often the list's 開催中 / 前回 / 次回 are read again while it is shown. */
const ACTIVITY_EVERY_MS = 30_000;

/** The cases this person may see (the server lists no others). */
export function CaseListPage({ user }: { user: SessionUser }) {
  const [cases, setCases] = useState<CaseSummary[]>();
  const [activity, setActivity] = useState<Map<string, CaseActivity>>();
  const [title, setTitle] = useState('');
  const [area, setArea] = useState('');
  // A new case's name and area, not a search: that is typed again at no loss.
  const typingWritten = useHoldWhileTyped(Boolean(title.trim() || area.trim()));
  const [query, setQuery] = useState('');
  const [showClosed, setShowClosed] = useState(false);
  const [error, setError] = useState<string>();
  const creating = useOneAtATime();
  const navigate = useNavigate();
  const { endedBy } = useSession();
  // Read once: no case page is open here to change it.
  const [unsent] = useState(() => new Set(casesWithUnsentEdits(user.userId)));
  const [lostUnsent, setLostUnsent] = useState(false);

  useEffect(() => {
    void (async () => {
      // The kept copies are read before the list is asked for, so that a case opened meanwhile (in
      // another tab) is not taken for one this person lost access to.
      const kept = await keptCaseIds(user.userId).catch(() => undefined); // no IndexedDB: none kept
      let list: CaseSummary[];
      try {
        list = await api.listCases();
      } catch (e) {
        if (!endedBy(e)) setError((e as Error).message);
        return;
      }
      setCases(list);
      if (!kept) return;
      const listed = list.map((c) => c.id);
      // A copy that could not be deleted now is tried again the next time the list is shown.
      const { unsentDeleted } = await forgetCopiesOfLostCases(user.userId, kept, listed).catch(() => ({ unsentDeleted: false }));
      setLostUnsent(unsentDeleted);
    })();
  }, [endedBy, user.userId]);

  // After the list, which shows at once: reading every case's conferences can take a moment. A
  // failure leaves the list without the marks (the list's own call reports a lost session).
  // Read again now and then: a conference started elsewhere shows as 開催中 to those who keep the
  // list open while waiting for it. Guests come from an invitation to one conference and are not
  // shown the others.
  const loadActivity = useCallback(() => {
    api.caseActivity().then((list) => setActivity(new Map(list.map((a) => [a.caseId, a]))), () => {});
  }, []);
  useRefreshWhileShown(user.role === 'guest' ? undefined : loadActivity, ACTIVITY_EVERY_MS);

  // Closed cases (ケース終結) only when asked for: the list is for the cases being worked on.
  const shown = cases && searchCases(showClosed ? cases : cases.filter((c) => !c.closedAt), query);
  const closedCount = cases?.filter((c) => c.closedAt).length ?? 0;

  async function create(event: FormEvent) {
    event.preventDefault();
    const body = { title, ...(area.trim() ? { area } : {}) };
    const problems = checkForm(CreateCaseBody, body, { title: 'ケース名', area: '地区' });
    setError(problems?.message);
    if (problems) return;
    try {
      const created = await creating.run(() => api.createCase(body), { leaves: true });
      if (!created) return;
      typingWritten(); // opening the new case loses nothing
      navigate(`/cases/${created.id}`);
    } catch (e) {
      if (!endedBy(e)) setError((e as Error).message);
    }
  }

  return (
    <main className="page">
      <header className="row">
        <h1>ケア会議ワークスペース</h1>
        <AccountBar user={user} />
      </header>
      {user.role !== 'guest' && (
        <nav className="page-links">
          <Link to="/records">記録のタイムライン</Link>
          <Link to="/action-items">対応事項の一覧</Link>
          <Link to="/regional-issues">地域課題の一覧</Link>
          {isCoordinatorRole(user.role) && <Link to="/audit">監査記録の検索</Link>}
        </nav>
      )}
      {user.role !== 'guest' && (
        <section className="card">
          <h2>新しいケース</h2>
          <form onSubmit={create} className="row new-case">
            <input
              aria-label="ケース名"
              placeholder="例：A地区 80代女性 独居（氏名は書かない）"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <input aria-label="地区" placeholder="地区（例：北地区）" value={area} onChange={(e) => setArea(e.target.value)} />
            <button type="submit" disabled={creating.pending}>
              作成
            </button>
          </form>
        </section>
      )}
      <ErrorMessage text={error} />
      <ErrorMessage text={lostUnsent ? LOST_CASES_UNSENT_DELETED : undefined} />
      <section className="card">
        <h2>ケース一覧</h2>
        {!cases && !error && <p>読み込み中…</p>}
        {cases?.length === 0 && <p>閲覧できるケースはまだありません。</p>}
        {!!cases?.length && (
          <div className="row case-filters">
            <input
              type="search"
              className="case-search"
              aria-label="ケースを検索"
              placeholder="ケース名・地区で検索"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            {closedCount > 0 && (
              <label>
                <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />
                終結したケースも表示（{closedCount}件）
              </label>
            )}
          </div>
        )}
        {shown?.length === 0 && !!cases?.length && <p>当てはまるケースはありません。</p>}
        <ul className="case-list">
          {shown?.map((c) => {
            const { last, live, next } = activity?.get(c.id) ?? {};
            return (
              <li key={c.id} data-testid="case">
                <span>
                  <Link to={`/cases/${c.id}`}>{c.title}</Link>
                  {c.area && <small className="case-area">{c.area}</small>}
                  {live && <span className="status status--live case-live">{live.kind} 開催中</span>}
                  {c.closedAt && <span className="badge badge--closed">終結</span>}
                  {unsent.has(c.id) && <span className="badge badge--unsent">未送信の変更あり</span>}
                </span>
                <small className="muted case-dates">
                  {last && <span data-testid="last-conference">前回 {last.date} {last.kind}</span>}
                  {next && <span data-testid="next-conference">次回 {next.date} {next.kind}</span>}
                  <span>
                    登録 <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
                  </span>
                </small>
              </li>
            );
          })}
        </ul>
      </section>
    </main>
  );
}
