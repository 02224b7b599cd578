import { type Account, type AgencyAccount, holdsEveryWord } from '@care/schema';

/** The accounts whose name, login or agency holds every word of the query (folded as every search here is). */
export function searchAccounts(accounts: readonly Account[], query: string): Account[] {
  return accounts.filter((a) => holdsEveryWord(`${a.name} ${a.login} ${a.agency}`, query));
}

/** Names in the order people read them: 事業所2号 before 事業所10号. */
const naturalOrder = new Intl.Collator('ja', { numeric: true });

/** Agencies by name in natural order. */
export function agenciesInOrder(agencies: readonly AgencyAccount[]): AgencyAccount[] {
  return [...agencies].sort((a, b) => naturalOrder.compare(a.name, b.name));
}
