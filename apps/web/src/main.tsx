import { BROWSER_DOCUMENTS, type SessionInfo, WEB_PAGES } from '@care/schema';
import { type ComponentType, lazy, type ReactNode, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, matchPath, Route, RouterProvider, Routes } from 'react-router';
import { api } from './api.ts';
import { laterBuildServed } from './app-version.ts';
import { FOR_ACCOUNTS, FOR_ADMINS, FOR_COORDINATORS, type PageRule, RestrictedPage } from './identity/page-rules.tsx';
import { RequireSession, SessionProvider } from './identity/session.tsx';
import { CaseListPage } from './pages/CaseListPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { LaterBuildNotice } from './ui/LaterBuildNotice.tsx';
import { PageCodeUnreachable, PageLoadFailed } from './ui/PageLoadFailed.tsx';
import { ignoreRepeatedClicks } from './ui/repeated-clicks.ts';
import { AskBeforeLeavingTyping } from './ui/unwritten-typing.ts';
import './styles.css';

// The editor (Tiptap, ProseMirror, Yjs) and the pages around it load when first opened, so the
// sign-in page and the case list come quickly, also on a phone joining from an invitation link.
// A page open since before an update may find its code gone: it reloads into the later build.
const later = <P extends object>(load: () => Promise<ComponentType<P>>) => {
  let fetched: Promise<ComponentType<P>> | undefined;
  /** Fetches the page's code once: shown later, the page uses what this fetched (or failed to). */
  const fetchCode = () => (fetched ??= load());
  const Page = lazy(async () => {
    try {
      return { default: await fetchCode() };
    } catch (error) {
      await api.checkServer();
      if (laterBuildServed()) window.location.reload();
      throw new PageCodeUnreachable('page code not fetched', { cause: error });
    }
  });
  return Object.assign(Page, { fetchCode });
};
type LaterPage = { fetchCode: () => Promise<unknown> };
const CasePage = later(async () => (await import('./pages/CasePage.tsx')).CasePage);
const AdminPage = later(async () => (await import('./admin/AdminPage.tsx')).AdminPage);
const RecordPage = later(async () => (await import('./records/RecordPage.tsx')).RecordPage);
const RecordsPage = later(async () => (await import('./records/RecordsPage.tsx')).RecordsPage);
const OpenActionItemsPage = later(async () => (await import('./follow-up/OpenActionItemsPage.tsx')).OpenActionItemsPage);
const RegionalIssuesPage = later(async () => (await import('./regional-issues/RegionalIssuesPage.tsx')).RegionalIssuesPage);
const AuditSearchPage = later(async () => (await import('./access/AuditSearchPage.tsx')).AuditSearchPage);
const TimelinePage = later(async () => (await import('./records/TimelinePage.tsx')).TimelinePage);
const MinutesRefusedPage = later(async () => (await import('./records/MinutesRefusedPage.tsx')).MinutesRefusedPage);

/** A page only those `rule` lets in may use; anyone else sees its title over one explanation. */
const restricted = (title: string, rule: PageRule, page: (info: SessionInfo) => ReactNode) => ({
  title,
  element: (
    <RestrictedPage rule={rule} heading={title}>
      {page}
    </RestrictedPage>
  ),
});

/**
 * Every page: its path (WEB_PAGES, which the server also serves), its title (the browser's tab
 * and history, so never a case's name: a shared computer keeps its history), and what it shows.
 */
const pages: { [page in keyof typeof WEB_PAGES]: { title: string; element: ReactNode; later?: LaterPage } } = {
  login: { title: 'ログイン', element: <LoginPage /> },
  join: { title: '招待', element: <JoinPage /> },
  caseList: { title: 'ケース一覧', element: <RequireSession>{(info) => <CaseListPage user={info.user} />}</RequireSession> },
  case: { title: 'ケース', element: <RequireSession>{(info) => <CasePage user={info.user} />}</RequireSession>, later: CasePage },
  caseRecords: { ...restricted('記録一覧', FOR_ACCOUNTS, () => <RecordsPage />), later: RecordsPage },
  record: { ...restricted('記録', FOR_ACCOUNTS, () => <RecordPage />), later: RecordPage },
  password: restricted('パスワードの変更', FOR_ACCOUNTS, (info) => <PasswordPage user={info.user} />), // guests have no password
  admin: { ...restricted('管理', FOR_ADMINS, (info) => <AdminPage user={info.user} />), later: AdminPage },
  timeline: { ...restricted('記録のタイムライン', FOR_ACCOUNTS, () => <TimelinePage />), later: TimelinePage },
  openActionItems: { ...restricted('対応事項の一覧', FOR_ACCOUNTS, () => <OpenActionItemsPage />), later: OpenActionItemsPage },
  regionalIssues: { ...restricted('地域課題の一覧', FOR_ACCOUNTS, () => <RegionalIssuesPage />), later: RegionalIssuesPage },
  auditSearch: { ...restricted('監査記録の検索', FOR_COORDINATORS, () => <AuditSearchPage />), later: AuditSearchPage },
};

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} | ケア会議ワークスペース`;
  }, [title]);
  return children;
}

function App() {
  return (
    <>
      <LaterBuildNotice />
      <AskBeforeLeavingTyping />
      <SessionProvider>
        <Suspense fallback={<p className="page">読み込み中…</p>}>
          <Routes>
            {Object.entries(pages).map(([page, { title, element }]) => (
              <Route key={page} path={WEB_PAGES[page as keyof typeof WEB_PAGES]} element={<Titled title={title}>{element}</Titled>} />
            ))}
            {/* Served by the server in place of minutes it could not give (a bookmark, a typed address). */}
            {Object.values(BROWSER_DOCUMENTS).map((path) => (
              <Route key={path} path={path} element={<Titled title="議事録"><MinutesRefusedPage /></Titled>} />
            ))}
            <Route path="*" element={<Titled title="ページが見つかりません"><NotFoundPage /></Titled>} />
          </Routes>
        </Suspense>
      </SessionProvider>
    </>
  );
}

ignoreRepeatedClicks(window);
// The code of the page opened is fetched as the app starts, while the session is asked for, not
// after it (a round trip less on a phone's slow link). A failure is the page's to show once drawn.
for (const [page, { later }] of Object.entries(pages)) {
  if (later && matchPath(WEB_PAGES[page as keyof typeof WEB_PAGES], window.location.pathname)) later.fetchCode().catch(() => {});
}

// A data router (one route, the app's own <Routes> within) only so that leaving a page can be
// blocked (useBlocker): its links, Back and Forward are the same as a BrowserRouter's.
const router = createBrowserRouter([{ path: '*', element: <App />, errorElement: <PageLoadFailed /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
