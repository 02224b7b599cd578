import { WEB_PAGES } from '@care/schema';
import { type ComponentType, lazy, type ReactNode, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { api } from './api.ts';
import { laterBuildServed } from './app-version.ts';
import { RequireSession, SessionProvider } from './identity/session.tsx';
import { CaseListPage } from './pages/CaseListPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { LaterBuildNotice } from './ui/LaterBuildNotice.tsx';
import { ignoreRepeatedClicks } from './ui/repeated-clicks.ts';
import './styles.css';

// The editor (Tiptap, ProseMirror, Yjs) and the pages around it load when first opened, so the
// sign-in page and the case list come quickly, also on a phone joining from an invitation link.
// A page open since before an update may find its code gone: it reloads into the later build.
const later = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazy(async () => {
    try {
      return { default: await load() };
    } catch (error) {
      await api.checkServer();
      if (laterBuildServed()) window.location.reload();
      throw error;
    }
  });
const CasePage = later(async () => (await import('./pages/CasePage.tsx')).CasePage);
const AdminPage = later(async () => (await import('./admin/AdminPage.tsx')).AdminPage);
const RecordPage = later(async () => (await import('./records/RecordPage.tsx')).RecordPage);
const RecordsPage = later(async () => (await import('./records/RecordsPage.tsx')).RecordsPage);
const OpenActionItemsPage = later(async () => (await import('./follow-up/OpenActionItemsPage.tsx')).OpenActionItemsPage);
const RegionalIssuesPage = later(async () => (await import('./regional-issues/RegionalIssuesPage.tsx')).RegionalIssuesPage);
const AuditSearchPage = later(async () => (await import('./access/AuditSearchPage.tsx')).AuditSearchPage);
const TimelinePage = later(async () => (await import('./records/TimelinePage.tsx')).TimelinePage);

/**
 * Every page: its path (WEB_PAGES, which the server also serves), its title (the browser's tab
 * and history, so never a case's name: a shared computer keeps its history), and what it shows.
 */
const pages: { [page in keyof typeof WEB_PAGES]: { title: string; element: ReactNode } } = {
  login: { title: 'ログイン', element: <LoginPage /> },
  join: { title: '招待', element: <JoinPage /> },
  caseList: { title: 'ケース一覧', element: <RequireSession>{(info) => <CaseListPage user={info.user} />}</RequireSession> },
  case: { title: 'ケース', element: <RequireSession>{(info) => <CasePage user={info.user} />}</RequireSession> },
  caseRecords: { title: '記録一覧', element: <RequireSession>{() => <RecordsPage />}</RequireSession> },
  record: { title: '記録', element: <RequireSession>{() => <RecordPage />}</RequireSession> },
  password: { title: 'パスワードの変更', element: <RequireSession>{(info) => <PasswordPage user={info.user} />}</RequireSession> },
  admin: { title: '管理', element: <RequireSession>{(info) => <AdminPage user={info.user} />}</RequireSession> },
  timeline: { title: '記録のタイムライン', element: <RequireSession>{() => <TimelinePage />}</RequireSession> },
  openActionItems: { title: '対応事項の一覧', element: <RequireSession>{() => <OpenActionItemsPage />}</RequireSession> },
  regionalIssues: { title: '地域課題の一覧', element: <RequireSession>{() => <RegionalIssuesPage />}</RequireSession> },
  auditSearch: { title: '監査記録の検索', element: <RequireSession>{() => <AuditSearchPage />}</RequireSession> },
};

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} | ケア会議ワークスペース`;
  }, [title]);
  return children;
}

ignoreRepeatedClicks(window);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <LaterBuildNotice />
      <SessionProvider>
        <Suspense fallback={<p className="page">読み込み中…</p>}>
          <Routes>
            {Object.entries(pages).map(([page, { title, element }]) => (
              <Route key={page} path={WEB_PAGES[page as keyof typeof WEB_PAGES]} element={<Titled title={title}>{element}</Titled>} />
            ))}
            <Route path="*" element={<Titled title="ページが見つかりません"><NotFoundPage /></Titled>} />
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
