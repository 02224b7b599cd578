import { ACCOUNT_AUDIT_ACTION_LABELS, type Account, AccountAuditAction, type AgencyAccount, describeAccountEntry, describeAddress, type TrailGuest } from '@care/schema';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { TrailSearch } from './trail-search.tsx';

/**
 * The trail of what was done to accounts and agencies: e.g. who made someone a coordinator (and
 * so able to read every case), or reset whose password, and when.
 */
export function AccountTrailSearch({ accounts, guests }: { accounts: Account[]; guests: TrailGuest[] }) {
  const [agencies, setAgencies] = useState<AgencyAccount[]>([]);
  // ?subject=… (記録 on 管理): one account's or agency's entries.
  const subjectId = useSearchParams()[0].get('subject') ?? undefined;
  useEffect(() => void api.listAgencies().then(setAgencies, () => {}), []);

  return (
    <TrailSearch
      accounts={accounts}
      guests={guests}
      find={api.searchAccountAudit}
      exportFile={api.exportAccountAudit}
      initial={{ subjectId }}
      actions={AccountAuditAction.options}
      actionLabels={ACCOUNT_AUDIT_ACTION_LABELS}
      moreFilters={(filters, change) => (
        <label>
          対象
          <select value={filters.subjectId ?? ''} onChange={(e) => change({ subjectId: e.target.value || undefined })}>
            <option value="">すべて</option>
            <optgroup label="アカウント">
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}（{account.login}）
                </option>
              ))}
            </optgroup>
            <optgroup label="組織">
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      )}
      tableLabel="アカウント管理の記録"
      columns={[
        { heading: '対象', cell: (entry) => entry.subjectName },
        { heading: '内容', cell: describeAccountEntry },
        { heading: '接続元', cell: (entry) => describeAddress(entry) },
      ]}
    />
  );
}
