import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../api.ts';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';

/**
 * What a browser opening minutes itself (a bookmark, a typed address) is shown when the server
 * cannot give them (BROWSER_DOCUMENTS): the server answered with the app, and this page asks it
 * why (the same address, as JSON) and says so, with the way to the records it came from.
 */
export function MinutesRefusedPage() {
  const { caseId = '', recordId } = useParams();
  const { pathname, search } = useLocation();
  const [reason, setReason] = useState<string>();

  useEffect(() => {
    api.documentRefusal(pathname + search).then((refusal) => setReason(refusal ?? '議事録を表示できるようになりました。ページを再読み込みしてください。'));
  }, [pathname, search]);

  const records = `/cases/${encodeURIComponent(caseId)}/records`;
  return (
    <PageFromCaseList heading="議事録を表示できません">
      <p role="alert">{reason ?? '確認しています…'}</p>
      <p>
        {recordId ? <Link to={`${records}/${encodeURIComponent(recordId)}`}>この版の記録を開く</Link> : <Link to={records}>このケースの記録一覧</Link>}
      </p>
    </PageFromCaseList>
  );
}
