import { type Account, describeActor, type TrailGuest } from '@care/schema';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { useSession } from '../identity/session.tsx';
import { type DayRange, DayRangeFields } from '../ui/DayRangeFields.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { japanDaySpan } from '../japan-days.ts';
import { formatTrailInstant } from '../records/format.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { accountLabel, guestLabel } from './account-label.ts';

/** The columns every trail shows first, by their headings. */
export const TRAIL_COLUMNS = { at: '日時', actor: '職員（所属）', action: '操作' } as const;

/** What every trail's entries and queries have (see TrailEntry, TrailQuery in @care/schema). */
type Entry<A> = { seq: number; actorId: string; actorName: string; actorAgency: string; action: A; at: string };
type Query<A> = { actorId?: string; action?: A; from?: string; before?: string };

export type TrailSearchProps<A extends string, Q extends Query<A>, E extends Entry<A>> = {
  /** Whose actions can be picked: everyone's accounts, and every guest invited by link. */
  accounts: Account[];
  guests: TrailGuest[];
  find: (query: Q) => Promise<{ entries: E[]; truncated: boolean }>;
  /** Saves every entry the query matches as a file (not only the newest shown). */
  exportFile: (query: Q) => Promise<void>;
  actions: readonly A[];
  actionLabels: Record<A, string>;
  /** The filters of the first search (e.g. from the page's address); none by default. */
  initial?: Q;
  /** Filters of this trail only, besides person, action and period. */
  moreFilters?: (filters: Q, change: (more: Partial<Q>) => void) => ReactNode;
  tableLabel: string;
  /** Columns after TRAIL_COLUMNS. */
  columns: { heading: string; cell: (entry: E) => ReactNode }[];
};

/**
 * A trail, searched: by person, action, period (and what `moreFilters` adds), newest first. At
 * first with `initial`. A session that has ended sends its holder to sign in again.
 */
export function TrailSearch<A extends string, Q extends Query<A>, E extends Entry<A>>(props: TrailSearchProps<A, Q, E>) {
  const { accounts, guests, find, exportFile, actions, actionLabels, moreFilters, tableLabel, columns } = props;
  const [initial] = useState<Q>(props.initial ?? ({} as Q));
  const [filters, setFilters] = useState<Q & DayRange>(initial);
  /** The query of the entries shown: the one an export repeats. */
  const [shown, setShown] = useState<Q>(initial);
  const exporting = useOneAtATime();
  const [found, setFound] = useState<{ entries: E[]; truncated: boolean }>();
  const [error, setError] = useState<string>();
  const { endedBy } = useSession();
  const change = (more: Partial<Q> | DayRange) => setFilters({ ...filters, ...more });

  const failed = useCallback((e: Error) => endedBy(e) || setError(e.message), [endedBy]);

  const search = useCallback(
    (query: Q) => {
      setError(undefined);
      setShown(query);
      find(query).then(setFound, failed);
    },
    [find, failed],
  );
  useEffect(() => search(initial), [search, initial]);

  function saveFile() {
    setError(undefined);
    exporting.run(() => exportFile(shown)).catch(failed);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const { firstDay, lastDay, ...rest } = filters;
    search({ ...(rest as unknown as Q), ...japanDaySpan(firstDay, lastDay) });
  }

  return (
    <>
      <form className="card filters" onSubmit={apply}>
        <label>
          職員
          <select value={filters.actorId ?? ''} onChange={(e) => change({ actorId: e.target.value || undefined } as Partial<Q>)}>
            <option value="">すべて</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {accountLabel(account)}
              </option>
            ))}
            {guests.length > 0 && (
              <optgroup label="招待参加者（招待リンク）">
                {guests.map((guest) => (
                  <option key={guest.id} value={guest.id}>
                    {guestLabel(guest)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {moreFilters?.(filters, change)}
        <label>
          操作
          <select value={filters.action ?? ''} onChange={(e) => change({ action: actions.find((a) => a === e.target.value) } as Partial<Q>)}>
            <option value="">すべて</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {actionLabels[action]}
              </option>
            ))}
          </select>
        </label>
        <DayRangeFields value={filters} onChange={change} />
        <button type="submit">検索</button>
      </form>
      <ErrorMessage text={error} />
      {found && (
        <section className="card">
          <div className="row">
            <p role="status">
              {found.entries.length}件{found.truncated && '（新しい順にここまで。期間や職員で絞り込むと続きを表示できます。CSVにはすべて含まれます）'}
            </p>
            {found.entries.length > 0 && (
              <button type="button" className="secondary" onClick={saveFile} disabled={exporting.pending}>
                {exporting.pending ? '出力中…' : 'CSVで出力'}
              </button>
            )}
          </div>
          {found.entries.length > 0 && (
            <table className="table table--cards" aria-label={tableLabel}>
              <thead>
                <tr>
                  <th>{TRAIL_COLUMNS.at}</th>
                  <th>{TRAIL_COLUMNS.actor}</th>
                  <th>{TRAIL_COLUMNS.action}</th>
                  {columns.map((column) => (
                    <th key={column.heading}>{column.heading}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {found.entries.map((entry) => (
                  <tr key={entry.seq}>
                    <td data-label={TRAIL_COLUMNS.at}>{formatTrailInstant(entry.at)}</td>
                    <td data-label={TRAIL_COLUMNS.actor}>
                      {describeActor(entry)}
                    </td>
                    <td data-label={TRAIL_COLUMNS.action}>{actionLabels[entry.action]}</td>
                    {columns.map((column) => (
                      <td key={column.heading} data-label={column.heading}>
                        {column.cell(entry)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
