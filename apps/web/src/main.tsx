import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireSession, SessionProvider } from './identity/session.tsx';
import { CaseListPage } from './pages/CaseListPage.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { AdminPage } from './admin/AdminPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RecordPage } from './records/RecordPage.tsx';
import { RecordsPage } from './records/RecordsPage.tsx';
import { TimelinePage } from './records/TimelinePage.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/join" element={<JoinPage />} />
          <Route path="/" element={<RequireSession>{(info) => <CaseListPage user={info.user} />}</RequireSession>} />
          <Route path="/cases/:caseId" element={<RequireSession>{(info) => <CasePage user={info.user} />}</RequireSession>} />
          <Route path="/cases/:caseId/records" element={<RequireSession>{() => <RecordsPage />}</RequireSession>} />
          <Route path="/cases/:caseId/records/:recordId" element={<RequireSession>{() => <RecordPage />}</RequireSession>} />
          <Route path="/admin" element={<RequireSession>{(info) => <AdminPage user={info.user} />}</RequireSession>} />
          <Route path="/records" element={<RequireSession>{() => <TimelinePage />}</RequireSession>} />
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
