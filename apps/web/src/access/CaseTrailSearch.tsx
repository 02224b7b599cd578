import { type Account, AUDIT_ACTION_LABELS, AuditAction, describeAddress, describeAuditSubject } from '@care/schema';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { TrailSearch } from './trail-search.tsx';

/**
 * The case trail across cases: e.g. every case one person opened in a period, when a leak of
 * 要配慮個人情報 is suspected. Names and agencies are as they were then.
 */
export function CaseTrailSearch({ accounts }: { accounts: Account[] }) {
  return (
    <TrailSearch
      accounts={accounts}
      find={api.searchAudit}
      exportFile={api.exportAudit}
      actions={AuditAction.options}
      actionLabels={AUDIT_ACTION_LABELS}
      tableLabel="監査記録"
      columns={[
        { heading: 'ケース', cell: (entry) => <Link to={`/cases/${entry.caseId}`}>{entry.caseTitle}</Link> },
        { heading: '対象', cell: (entry) => entry.subject && describeAuditSubject(entry.subject) },
        { heading: '接続元', cell: describeAddress },
      ]}
    />
  );
}
