import { AGENCY_KINDS, dayInJapan, KEYWORD_MAX_LENGTH, type Timeline, type TimelineQuery } from '@care/schema';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { japanDaySpan } from '../japan-days.ts';
import { type DayRange, DayRangeFields } from '../ui/DayRangeFields.tsx';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';
import { formatDate, formatDateTime, KIND_LABELS } from './format.ts';

/** What the filters hold: days as picked, sent as the instants they span here. */
type Filters = Pick<TimelineQuery, 'area' | 'agency' | 'keyword'> & DayRange;

/** The timeline's columns: headings on a wide screen, each line's label on a phone. */
const COLUMNS = { day: '日付', record: '記録', case: 'ケース', area: '地区', agencies: '機関' } as const;

/** Records across all cases, newest first, filtered by 地区, agency, date and words they hold (with the line found). */
export function TimelinePage() {
  const [filters, setFilters] = useState<Filters>({});
  const [timeline, setTimeline] = useState<Timeline>();
  const entries = timeline?.entries;
  const [error, setError] = useState<string>();

  const load = (query: TimelineQuery) => {
    setError(undefined);
    api.timeline(query).then(setTimeline, (e: Error) => setError(e.message));
  };
  useEffect(() => load({}), []);

  function apply(event: FormEvent) {
    event.preventDefault();
    const { firstDay, lastDay, ...rest } = filters;
    load({ ...rest, ...japanDaySpan(firstDay, lastDay) });
  }
  const field = (key: keyof Filters) => ({
    value: filters[key] ?? '',
    onChange: (e: { target: { value: string } }) => setFilters({ ...filters, [key]: e.target.value || undefined }),
  });

  return (
    <PageFromCaseList heading="記録のタイムライン">
      <form className="card filters" onSubmit={apply}>
        <label>
          地区
          <input {...field('area')} placeholder="例：北地区" />
        </label>
        <label>
          機関
          <input {...field('agency')} list="agency-kinds" placeholder="例：社会福祉協議会" />
          <datalist id="agency-kinds">
            {AGENCY_KINDS.map((kind) => (
              <option key={kind} value={kind} />
            ))}
          </datalist>
        </label>
        <label>
          キーワード
          <LimitedInput {...field('keyword')} placeholder="例：成年後見" maxLength={KEYWORD_MAX_LENGTH} />
        </label>
        <DayRangeFields value={filters} onChange={(range) => setFilters({ ...filters, ...range })} />
        <button type="submit">絞り込む</button>
      </form>
      <ErrorMessage text={error} />
      <section className="card">
        {entries?.length === 0 && <p>該当する記録はありません。</p>}
        {timeline?.olderLeftOut && (
          <p className="notice" data-testid="older-left-out">
            新しい順に{entries?.length}件を表示しています。これより古い記録もあります。期間やキーワードで絞り込むと表示されます。
          </p>
        )}
        {entries && entries.length > 0 && (
          <table className="table table--cards" aria-label="タイムライン">
            <ColumnHeads names={COLUMNS} />
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  {/* The day it is ordered and filtered by (its conference's); when it was recorded, if another day. */}
                  <td data-label={COLUMNS.day}>
                    {formatDate(entry.day)}
                    {dayInJapan(Date.parse(entry.takenAt)) !== entry.day && <small>（記録：{formatDateTime(entry.takenAt)}）</small>}
                  </td>
                  <td data-label={COLUMNS.record}>
                    <Link to={`/cases/${entry.caseId}/records/${entry.id}`}>{entry.label}</Link>
                    <small>（{KIND_LABELS[entry.kind]}）</small>
                    {entry.excerpt && <p className="excerpt">{entry.excerpt}</p>}
                  </td>
                  <td data-label={COLUMNS.case}>
                    <Link to={`/cases/${entry.caseId}/records`}>{entry.caseTitle}</Link>
                  </td>
                  <td data-label={COLUMNS.area}>{entry.area ?? '地区未設定'}</td>
                  <td data-label={COLUMNS.agencies}>{entry.agencies.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </PageFromCaseList>
  );
}
