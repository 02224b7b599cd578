import type { CaseSummary, ConferenceRecordMeta, RecordDiff } from '@care/schema';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime, KIND_LABELS } from './format.ts';
import { MinutesLinks } from './MinutesLinks.tsx';
import { RecordDiffView } from './RecordDiffView.tsx';
import { useRecordList } from './useRecordList.ts';

/** The list's columns: headings on a wide screen, each line's label on a phone (the record's name needs none). */
const COLUMNS = { record: '記録', kind: '種類', at: '記録日時', takenBy: '記録者' } as const;

/**
 * A case's records (closed conferences and saved versions), oldest first, and the difference between
 * any two. The two compared are in the address (?from=&to=), so a reload keeps the comparison, Back
 * leaves it for the list, and it can be sent as a link.
 */
export function RecordsPage() {
  const { caseId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const compared = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const [caseInfo, setCaseInfo] = useState<CaseSummary>();
  const { list, error: listError } = useRecordList(caseId);
  const records = list?.records;
  const beingTaken = list?.beingTaken ?? [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<RecordDiff>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.getCase(caseId).then(setCaseInfo, (e: Error) => setError(e.message));
  }, [caseId]);
  useEffect(() => {
    // The pickers show what is compared, else the last two records.
    setFrom(compared.from || (records?.at(-2)?.id ?? ''));
    setTo(compared.to || (records?.at(-1)?.id ?? ''));
  }, [records, compared.from, compared.to]);
  useEffect(() => {
    setDiff(undefined);
    if (!compared.from || !compared.to) return;
    let left = false;
    setError(undefined);
    api.diff(caseId, compared.from, compared.to).then(
      (found) => !left && setDiff(found),
      (e: Error) => !left && setError(e.message),
    );
    return () => {
      left = true;
    };
  }, [caseId, compared.from, compared.to]);

  // Comparing the pair already shown again adds no step to go Back through.
  const compare = () => setParams({ from, to }, { replace: from === compared.from && to === compared.to });

  const option = (record: ConferenceRecordMeta) => (
    <option key={record.id} value={record.id}>
      {record.label}（{formatDateTime(record.takenAt)}）
    </option>
  );
  return (
    <main className="page">
      <nav className="row">
        <Link to={`/cases/${caseId}`}>← ケースに戻る</Link>
        <Link to="/records">記録のタイムライン</Link>
      </nav>
      <h1>記録一覧{caseInfo && `：${caseInfo.title}`}</h1>
      <ErrorMessage text={error ?? listError} />
      <section className="card">
        {beingTaken.length > 0 && (
          <p role="status">
            {beingTaken.map((conference) => conference.label).join('、')}の記録を作成しています。会議の終了から数秒で、この一覧に加わります。
          </p>
        )}
        {records?.length === 0 && beingTaken.length === 0 && <p>まだ記録がありません。会議を終了するか、ケース画面で「版を保存」すると記録されます。</p>}
        {records?.some((record) => record.kind === 'closed-conference') && (
          <div className="row actions">
            <MinutesLinks name="議事録一式" href={(format) => api.caseMinutesUrl(caseId, format)} />
          </div>
        )}
        {records && records.length > 0 && (
          <table className="table table--cards" aria-label="記録一覧">
            <ColumnHeads names={COLUMNS} />
            <tbody>
              {records.map((record) => (
                <tr key={record.id}>
                  <td>
                    <Link to={`/cases/${caseId}/records/${record.id}`}>{record.label}</Link>
                  </td>
                  <td data-label={COLUMNS.kind}>{KIND_LABELS[record.kind]}</td>
                  <td data-label={COLUMNS.at}>{formatDateTime(record.takenAt)}</td>
                  <td data-label={COLUMNS.takenBy}>
                    {record.takenBy.name}（{record.takenBy.agency}）
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {records && records.length >= 2 && (
        <section className="card">
          <h2>二つの記録を比べる</h2>
          <div className="row">
            <select aria-label="比較元" value={from} onChange={(e) => setFrom(e.target.value)}>
              {records.map(option)}
            </select>
            →
            <select aria-label="比較先" value={to} onChange={(e) => setTo(e.target.value)}>
              {records.map(option)}
            </select>
            <button type="button" onClick={compare}>
              比較
            </button>
          </div>
          {diff && <RecordDiffView diff={diff} />}
        </section>
      )}
    </main>
  );
}
