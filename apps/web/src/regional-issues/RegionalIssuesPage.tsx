import { holdsEveryWord, type RegionalIssueEntry } from '@care/schema';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../identity/session.tsx';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LoadedCard } from '../ui/LoadedCard.tsx';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';
import { ListOutputs } from '../ui/ListOutputs.tsx';

const COLUMNS = { date: '会議の日付', issue: '地域課題', area: '地区', case: 'ケース' } as const;

/**
 * 地域課題 gathered across the cases one may see (地域課題の発見), latest conference first: what
 * the individual conferences found the area lacks, for the 地域ケア推進会議. Narrowed by words,
 * of the 地域課題, the 地区 or the case's name.
 */
export function RegionalIssuesPage() {
  const [issues, setIssues] = useState<RegionalIssueEntry[]>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const { endedBy } = useSession();

  useEffect(() => {
    api.regionalIssues().then(setIssues, (e: Error) => endedBy(e) || setError(e.message));
  }, [endedBy]);

  const shown = issues?.filter((entry) => holdsEveryWord([entry.issue.text, entry.area ?? '', entry.caseTitle].join(' '), query));
  return (
    <PageFromCaseList heading="地域課題の一覧">
      <p className="muted">個別の会議で書き留めた地域課題です（終結したケースのものも含みます）。新しい会議の順に並びます。</p>
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          キーワード
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="地域課題・地区・ケース名" />
        </label>
      </form>
      <ErrorMessage text={error} />
      <LoadedCard loaded={shown} error={error}>
        {(shown) => (
          <>
            <div className="row">
              <p role="status">{shown.length}件</p>
              {shown.length > 0 && <ListOutputs exportFile={api.exportRegionalIssues} recordPrinted={api.regionalIssuesPrinted} onError={setError} />}
            </div>
            {shown.length > 0 && (
              <table className="table table--cards" aria-label="地域課題">
                <ColumnHeads names={COLUMNS} />
                <tbody>
                  {shown.map((entry) => (
                    <tr key={`${entry.caseId}/${entry.issue.id}`}>
                      <td data-label={COLUMNS.date}>
                        <time className="date" dateTime={entry.conference.date}>
                          {entry.conference.date}
                        </time>
                        <small>（{entry.conference.kind}）</small>
                      </td>
                      <td data-label={COLUMNS.issue}>{entry.issue.text}</td>
                      <td data-label={COLUMNS.area}>{entry.area ?? '—'}</td>
                      <td data-label={COLUMNS.case}>
                        <Link to={`/cases/${entry.caseId}`}>{entry.caseTitle}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </LoadedCard>
    </PageFromCaseList>
  );
}
