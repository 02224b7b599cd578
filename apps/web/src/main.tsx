import { WEB_PAGES } from '@care/schema';
import { type ComponentType, lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireSession, SessionProvider } from './identity/session.tsx';
import { CaseListPage } from './pages/CaseListPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import './styles.css';

// The editor (Tiptap, ProseMirror, Yjs) and the pages around it load when first opened, so the
// sign-in page and the case list come quickly, also on a phone joining from an invitation link.
const later = <P extends object>(load: () => Promise<ComponentType<P>>) => lazy(async () => ({ default: await load() }));
const CasePage = later(async () => (await import('./pages/CasePage.tsx')).CasePage);
const AdminPage = later(async () => (await import('./admin/AdminPage.tsx')).AdminPage);
const RecordPage = later(async () => (await import('./records/RecordPage.tsx')).RecordPage);
const RecordsPage = later(async () => (await import('./records/RecordsPage.tsx')).RecordsPage);
const OpenActionItemsPage = later(async () => (await import('./follow-up/OpenActionItemsPage.tsx')).OpenActionItemsPage);
const TimelinePage = later(async () => (await import('./records/TimelinePage.tsx')).TimelinePage);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <Suspense fallback={<p className="page">読み込み中…</p>}>
          <Routes>
            <Route path={WEB_PAGES.login} element={<LoginPage />} />
            <Route path={WEB_PAGES.join} element={<JoinPage />} />
            <Route path={WEB_PAGES.caseList} element={<RequireSession>{(info) => <CaseListPage user={info.user} />}</RequireSession>} />
            <Route path={WEB_PAGES.case} element={<RequireSession>{(info) => <CasePage user={info.user} />}</RequireSession>} />
            <Route path={WEB_PAGES.caseRecords} element={<RequireSession>{() => <RecordsPage />}</RequireSession>} />
            <Route path={WEB_PAGES.record} element={<RequireSession>{() => <RecordPage />}</RequireSession>} />
            <Route path={WEB_PAGES.password} element={<RequireSession>{(info) => <PasswordPage user={info.user} />}</RequireSession>} />
            <Route path={WEB_PAGES.admin} element={<RequireSession>{(info) => <AdminPage user={info.user} />}</RequireSession>} />
            <Route path={WEB_PAGES.timeline} element={<RequireSession>{() => <TimelinePage />}</RequireSession>} />
            <Route path={WEB_PAGES.openActionItems} element={<RequireSession>{() => <OpenActionItemsPage />}</RequireSession>} />
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
