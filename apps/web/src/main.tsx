import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { CaseListPage } from './pages/CaseListPage.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { RecordPage } from './records/RecordPage.tsx';
import { RecordsPage } from './records/RecordsPage.tsx';
import { TimelinePage } from './records/TimelinePage.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<CaseListPage />} />
        <Route path="/cases/:caseId" element={<CasePage />} />
        <Route path="/cases/:caseId/records" element={<RecordsPage />} />
        <Route path="/cases/:caseId/records/:recordId" element={<RecordPage />} />
        <Route path="/records" element={<TimelinePage />} />
      </Routes>
    </BrowserRouter>
  </StrictMode>,
);
