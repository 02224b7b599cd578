import type { Account, TrailGuest } from '@care/schema';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';
import { AccountTrailSearch } from './AccountTrailSearch.tsx';
import { CaseTrailSearch } from './CaseTrailSearch.tsx';

/**
 * Coordinators search the audit trails: what was done with cases (?trail omitted, and ?case=<id>
 * for one of them), or to accounts and agencies (?trail=accounts, and &subject=<id> for one of
 * them), so each can be linked to.
 */
export function AuditSearchPage() {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [params] = useSearchParams();
  const accountTrail = params.get('trail') === 'accounts';
  const [guests, setGuests] = useState<TrailGuest[]>([]);
  useEffect(() => void api.listUsers().then((list) => setAccounts(list.users), () => {}), []);
  useEffect(() => void api.listTrailGuests().then(setGuests, () => {}), []);

  return (
    <PageFromCaseList heading="監査記録の検索">
      <nav className="tabs" aria-label="記録の種類">
        <Link to="/audit" aria-current={accountTrail ? undefined : 'page'}>
          ケースの操作
        </Link>
        <Link to="/audit?trail=accounts" aria-current={accountTrail ? 'page' : undefined}>
          アカウント・組織の管理
        </Link>
      </nav>
      {/* (A new address starts a new search: its filters are the first ones.) */}
      {accountTrail ? <AccountTrailSearch key={params.toString()} accounts={accounts} guests={guests} /> : <CaseTrailSearch key={params.toString()} accounts={accounts} guests={guests} />}
    </PageFromCaseList>
  );
}
