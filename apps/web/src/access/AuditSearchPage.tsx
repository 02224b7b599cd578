import { type Account, AuditAction, type AuditQuery, type AuditSearch } from '@care/schema';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { isSignedOut, useSession } from '../identity/session.tsx';
import { localDaySpan } from '../local-date.ts';
import { formatTakenAt } from '../records/format.ts';
import { type DayRange, DayRangeFields } from '../ui/DayRangeFields.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';
import { AUDIT_ACTION_LABELS } from './audit-labels.ts';

type Filters = Pick<AuditQuery, 'actorId' | 'action'> & DayRange;

/**
 * Coordinators search the audit trail across cases: e.g. every case one person opened in a
 * period, when a leak of 要配慮個人情報 is suspected. Names and agencies are as they were then.
 */
export function AuditSearchPage() {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [filters, setFilters] = useState<Filters>({});
  const [found, setFound] = useState<AuditSearch>();
  const [error, setError] = useState<string>();
  const { expired } = useSession();

  const search = useCallback(
    (query: AuditQuery) => {
      setError(undefined);
      api.searchAudit(query).then(setFound, (e: Error) => (isSignedOut(e) ? expired() : setError(e.message)));
    },
    [expired],
  );
  useEffect(() => search({}), [search]);
  useEffect(() => void api.listUsers().then((list) => setAccounts(list.users), () => {}), []);

  function apply(event: FormEvent) {
    event.preventDefault();
    const { firstDay, lastDay, ...rest } = filters;
    search({ ...rest, ...localDaySpan(firstDay, lastDay) });
  }

  return (
    <PageFromCaseList heading="監査記録の検索">
      <form className="card filters" onSubmit={apply}>
        <label>
          職員
          <select value={filters.actorId ?? ''} onChange={(e) => setFilters({ ...filters, actorId: e.target.value || undefined })}>
            <option value="">すべて</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}（{account.agency}・{account.login}）
              </option>
            ))}
          </select>
        </label>
        <label>
          操作
          <select value={filters.action ?? ''} onChange={(e) => setFilters({ ...filters, action: AuditAction.safeParse(e.target.value).data })}>
            <option value="">すべて</option>
            {AuditAction.options.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </label>
        <DayRangeFields value={filters} onChange={(range) => setFilters({ ...filters, ...range })} />
        <button type="submit">検索</button>
      </form>
      <ErrorMessage text={error} />
      {found && (
        <section className="card">
          <p role="status">
            {found.entries.length}件{found.truncated && '（新しい順にここまで。期間や職員で絞り込むと続きを表示できます）'}
          </p>
          {found.entries.length > 0 && (
            <table className="table" aria-label="監査記録">
              <thead>
                <tr>
                  <th>日時</th>
                  <th>職員（所属）</th>
                  <th>操作</th>
                  <th>ケース</th>
                </tr>
              </thead>
              <tbody>
                {found.entries.map((entry) => (
                  <tr key={entry.seq}>
                    <td>{formatTakenAt(entry.at)}</td>
                    <td>
                      {entry.actorName}（{entry.actorAgency}）
                    </td>
                    <td>{AUDIT_ACTION_LABELS[entry.action]}</td>
                    <td>
                      <Link to={`/cases/${entry.caseId}`}>{entry.caseTitle}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </PageFromCaseList>
  );
}
