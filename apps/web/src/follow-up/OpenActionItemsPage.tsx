import { isOverdue } from '@care/case-doc';
import { ACTION_ITEM_LABELS as column, AGENCY_KINDS, type AgencyKind, actionItemTexts, type OpenActionItem, sideBySide, versionsOf } from '@care/schema';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ownerText } from '../conference/agency.ts';
import { DueDate } from '../conference/DueDate.tsx';
import { useSession } from '../identity/session.tsx';
import { useTodayInJapan } from '../japan-days.ts';
import { formatDateTime } from '../records/format.ts';
import { serverNow } from '../server-clock.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LoadedCard } from '../ui/LoadedCard.tsx';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';
import { ListOutputs } from '../ui/ListOutputs.tsx';
import { addressOfFilter, describeFilter, filterFromAddress, filterOpenItems, type OpenItemFilter } from './open-item-filter.ts';

/**
 * What is still owed across the cases one may see (モニタリング between conferences): every open
 * action item of every open case, soonest due first, those past their due date marked. The filter
 * is kept in the address (filterFromAddress): each change replaces it, so Back leaves the page.
 * Read when opened and when 再読み込み is pressed, never by itself (each read is in the trail): it
 * says when it was read, since a page left open overnight is not today's list.
 */
export function OpenActionItemsPage() {
  const [items, setItems] = useState<OpenActionItem[]>();
  /** When the list shown was read (the server's clock, ISO). */
  const [readAt, setReadAt] = useState<string>();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string>();
  const [params, setParams] = useSearchParams();
  // Held here too, so what is typed (through an IME as well) shows at once, not after the address changed.
  const [filter, setShownFilter] = useState(() => filterFromAddress(params));
  const setFilter = (changed: OpenItemFilter) => {
    setShownFilter(changed);
    setParams(addressOfFilter(changed), { replace: true });
  };
  const { endedBy } = useSession();
  const today = useTodayInJapan();

  const read = useCallback(() => {
    setReading(true);
    api
      .openActionItems()
      .then(
        (read) => (setItems(read), setReadAt(new Date(serverNow()).toISOString()), setError(undefined)),
        (e: Error) => endedBy(e) || setError(e.message),
      )
      .finally(() => setReading(false));
  }, [endedBy]);
  useEffect(read, [read]);

  const shown = items && filterOpenItems(items, filter, today);
  const overdue = shown?.filter((open) => isOverdue(open.item, today)).length ?? 0;
  const narrowed = describeFilter(filter);

  return (
    <PageFromCaseList heading="対応事項の一覧">
      <p className="muted">終結していないケースの、まだ済んでいない対応事項（未着手・対応中）です。期限の近い順に並びます。</p>
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          キーワード
          <input
            type="search"
            value={filter.query}
            onChange={(e) => setFilter({ ...filter, query: e.target.value })}
            placeholder="ケース名・地区・担当者・内容・経過"
          />
        </label>
        <label>
          担当機関
          <select value={filter.agency} onChange={(e) => setFilter({ ...filter, agency: e.target.value as AgencyKind | '' })}>
            <option value="">すべて</option>
            {AGENCY_KINDS.map((kind) => (
              <option key={kind}>{kind}</option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filter.overdueOnly} onChange={(e) => setFilter({ ...filter, overdueOnly: e.target.checked })} />
          期限超過のみ
        </label>
      </form>
      <ErrorMessage text={error} />
      <LoadedCard loaded={shown} error={error}>
        {(shown) => (
          <>
            <div className="row">
              <p role="status">
                {shown.length}件{overdue > 0 && `（うち期限超過 ${overdue}件）`}（{readAt && formatDateTime(readAt)}時点{narrowed && `・${narrowed}`}）
              </p>
              <button type="button" className="secondary" disabled={reading} onClick={read}>
                再読み込み
              </button>
              {shown.length > 0 && <ListOutputs exportFile={api.exportOpenActionItems} recordPrinted={api.openActionItemsPrinted} onError={setError} />}
            </div>
            {shown.length > 0 && (
              <table className="table table--cards" aria-label="対応事項">
                <thead>
                  <tr>
                    <th>{column.due}</th>
                    <th>{column.what}</th>
                    <th>{column.ownerName}</th>
                    <th>{column.status}</th>
                    <th>{column.progress}</th>
                    <th>ケース</th>
                    <th>{column.conferenceId}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((open) => (
                    <OpenItemRow key={`${open.caseId}/${open.item.id}`} open={open} today={today} />
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

/** One open item, every version of a field written two ways side by side. */
function OpenItemRow({ open, today }: { open: OpenActionItem; today: string }) {
  const text = actionItemTexts(open.item);
  return (
    <tr>
      <td data-label={column.due}>
        <DueDate item={open.item} asOf={today} />
      </td>
      <td data-label={column.what}>{text.what}</td>
      <td data-label={column.ownerName}>{sideBySide(versionsOf(open.item, 'owner').map(ownerText))}</td>
      <td data-label={column.status}>{text.status}</td>
      <td data-label={column.progress}>{text.progress}</td>
      <td data-label="ケース">
        <Link to={`/cases/${open.caseId}`}>{open.caseTitle}</Link>
        {open.area && <small>（{open.area}）</small>}
      </td>
      <td data-label={column.conferenceId}>{open.agreedAt ?? '—'}</td>
    </tr>
  );
}
