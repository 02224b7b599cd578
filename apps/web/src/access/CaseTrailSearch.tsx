import { type Account, AUDIT_ACTION_LABELS, AuditAction, type CaseSummary, describeAddress, describeAuditSubject, type TrailGuest } from '@care/schema';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { TrailSearch } from './trail-search.tsx';

/**
 * The case trail across cases: e.g. every case one person opened in a period, when a leak of
 * 要配慮個人情報 is suspected, or everyone who read one person's case (?case=…, linked from its
 * 監査記録). Names and agencies are as they were then.
 */
export function CaseTrailSearch({ accounts, guests }: { accounts: Account[]; guests: TrailGuest[] }) {
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const caseId = useSearchParams()[0].get('case') ?? undefined;
  useEffect(() => void api.listCases().then(setCases, () => {}), []);

  return (
    <TrailSearch
      accounts={accounts}
      guests={guests}
      find={api.searchAudit}
      exportFile={api.exportAudit}
      initial={{ caseId }}
      actions={AuditAction.options}
      actionLabels={AUDIT_ACTION_LABELS}
      moreFilters={(filters, change) => (
        <label>
          ケース
          <select value={filters.caseId ?? ''} onChange={(e) => change({ caseId: e.target.value || undefined })}>
            <option value="">すべて</option>
            {cases.map((one) => (
              <option key={one.id} value={one.id}>
                {one.title}
                {one.closedAt && '（終結）'}
              </option>
            ))}
          </select>
        </label>
      )}
      tableLabel="監査記録"
      columns={[
        { heading: 'ケース', cell: (entry) => <Link to={`/cases/${entry.caseId}`}>{entry.caseTitle}</Link> },
        { heading: '対象', cell: (entry) => entry.subject && describeAuditSubject(entry.subject) },
        { heading: '接続元', cell: describeAddress },
      ]}
    />
  );
}
