import { agendaItemTimeMs, CaseDocField, conferenceName, conferenceNotesField, holdsText, itemsAgreedAt, itemsForReview, recordedConference, roleShownFor, spentMinutesLabel } from '@care/case-doc';
import { affiliationWithProfession, type ConferenceRecord, mayWriteRecords, NO_MINUTES_WITHOUT_CONFERENCE, type RecordConference, type RecordContent, timeOnDay } from '@care/schema';
import { type ComponentProps, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { agreedAtLabel } from '../conference/conference-label.ts';
import { ActionItemsTable } from '../conference/ActionItemsTable.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { formatDateTime, KIND_LABELS } from './format.ts';
import { MinutesLinks } from './MinutesLinks.tsx';
import { RecordedText } from './RecordedText.tsx';

/** One record, read-only, exactly as it was taken: summary, 検討内容, conference, people, roles and action items. */
export function RecordPage() {
  const { caseId = '', recordId = '' } = useParams();
  const [record, setRecord] = useState<ConferenceRecord>();
  const [error, setError] = useState<string>();
  const navigate = useNavigate();
  const restoring = useOneAtATime();
  // Restoring is offered only to those the server lets restore (not to readers, nor to coordinators
  // given no access), once their access is known: otherwise it asks, then is refused.
  const [mayRestore, setMayRestore] = useState(false);

  useEffect(() => {
    api.getRecord(caseId, recordId).then(setRecord, (e: Error) => setError(e.message));
  }, [caseId, recordId]);
  useEffect(() => {
    api.getCase(caseId).then((opened) => setMayRestore(mayWriteRecords(opened.access)), () => setMayRestore(false));
  }, [caseId]);

  async function restore() {
    if (!record || !confirm(`「${record.label}」のケース概要を現在の内容に戻しますか？（現在の内容は版として保存されます）`)) return;
    try {
      if (await restoring.run(() => api.restore(caseId, record.id), { leaves: true })) navigate(`/cases/${caseId}`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const conference = record && recordedConference(record.conferenceId, record.content.conferences);
  const people = new Map(conference?.participants.map((p) => [p.userId, p.name]));
  return (
    <main className="page">
      <nav className="row">
        <Link to={`/cases/${caseId}/records`}>← 記録一覧</Link>
        <Link to={`/cases/${caseId}`}>ケースを開く</Link>
      </nav>
      <ErrorMessage text={error} />
      {record && (
        <>
          <h1>
            {record.label}：{record.caseTitle}
          </h1>
          <p className="record-meta" data-testid="record-meta">
            <span className="badge">読み取り専用</span> {KIND_LABELS[record.kind]}・{formatDateTime(record.takenAt)}・{record.takenBy.name}（
            {record.takenBy.agency}）
            <span className={record.hashVerified ? 'hash hash--ok' : 'hash hash--bad'} title={record.contentHash}>
              {record.hashVerified ? '改ざんなし（SHA-256 一致）' : '⚠ 内容のハッシュが一致しません'}
            </span>
          </p>
          <div className="row actions">
            {conference ? (
              <MinutesLinks name="議事録" href={(format) => api.minutesUrl(caseId, record.id, format)} />
            ) : (
              <p className="muted" data-testid="no-minutes">
                {NO_MINUTES_WITHOUT_CONFERENCE}
              </p>
            )}
            {mayRestore && (
              <button type="button" className="secondary" disabled={restoring.pending} onClick={restore}>
                この版のケース概要に戻す
              </button>
            )}
          </div>
          {record.content.problems.length > 0 && (
            <ul className="error">{record.content.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
          )}
          <div className="workspace">
            <div className="texts">
              <section className="card">
                <h2>ケース概要（記録時）</h2>
                <RecordedText state={record.state} field={CaseDocField.summary} label="記録時のケース概要" />
              </section>
              {conference && (
                <section className="card">
                  <h2>検討内容</h2>
                  {!holdsText(conference.notes) ? <p>記載なし</p> : <RecordedText state={record.state} field={conferenceNotesField(conference.id)} label="記録時の検討内容" />}
                </section>
              )}
            </div>
            <aside>
              {conference && (
                <section className="card">
                  <h2>会議</h2>
                  <p>
                    {conferenceName(conference, record.content.conferences)}
                    {conference.place && `（${conference.place}）`}
                  </p>
                  <h3>出席者と役割</h3>
                  <ul className="people" aria-label="出席者">
                    {conference.participants.map((p) => (
                      <li key={p.userId}>
                        {p.name}
                        <small>{affiliationWithProfession(p)}</small>
                        {/* One not handed a role took part as 参加者, as the conference screen and the minutes say. */}
                        <span className="badge">{roleShownFor(conference.roles, p.userId)}</span>
                        {p.confidentialityConfirmedAt === undefined ? (
                          <span className="badge badge--unconfirmed">守秘義務 未確認</span>
                        ) : (
                          <small>守秘義務 確認済み（{timeOnDay(p.confidentialityConfirmedAt, conference.date)}）</small>
                        )}
                      </li>
                    ))}
                    {conference.attendees.map((a) => (
                      <li key={a.id}>
                        {a.name}
                        <small>
                          {a.affiliation}（アカウントなし{a.confidentialityConfirmedAt !== undefined && `・守秘義務 確認済み（${timeOnDay(a.confidentialityConfirmedAt, conference.date)}）`}）
                        </small>
                      </li>
                    ))}
                    {Object.entries(conference.roles)
                      .filter(([userId]) => !people.has(userId))
                      .map(([userId, role]) => (
                        <li key={userId}>
                          （参加記録なし）<span className="badge">{role.role}</span>
                        </li>
                      ))}
                  </ul>
                  {conference.agenda.length > 0 && (
                    <>
                      <h3>議題</h3>
                      <ol className="agenda-list" aria-label="議題">
                        {conference.agenda.map((item) => (
                          <li key={item.id}>
                            {item.title}
                            <small>
                              予定 {item.minutes}分・実際 {spentMinutesLabel(agendaItemTimeMs(conference.timer, item.id, Date.parse(record.takenAt)))}
                            </small>
                          </li>
                        ))}
                      </ol>
                    </>
                  )}
                  {conference.issues.length > 0 && (
                    <>
                      <h3>地域課題</h3>
                      <ul className="issue-list" aria-label="地域課題">
                        {conference.issues.map((issue) => (
                          <li key={issue.id}>{issue.text}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </section>
              )}
            </aside>
          </div>
          {conference ? (
            <ConferenceItems conference={conference} content={record.content} />
          ) : (
            <section className="card">
              <h2>対応事項</h2>
              <ItemsOrNone label="対応事項" items={record.content.actionItems} asOf={undefined} />
            </section>
          )}
        </>
      )}
    </main>
  );
}

/**
 * The action items of a conference's record as the conference saw them: the open ones from earlier
 * conferences it reviewed (モニタリング), with where each was agreed, then those agreed at it.
 */
function ConferenceItems({ conference, content }: { conference: RecordConference; content: RecordContent }) {
  const review = itemsForReview(content.conferences, content.actionItems, conference.id);
  const agreed = itemsAgreedAt(content.actionItems, conference.id);
  return (
    <>
      {review.length > 0 && (
        <section className="card" aria-label="前回までの対応事項の確認">
          <h2>前回までの対応事項の確認（モニタリング）</h2>
          <ItemsOrNone label="前回までの対応事項の確認" items={review} asOf={conference.date} agreedAt={(item) => agreedAtLabel(content.conferences, item)} />
        </section>
      )}
      <section className="card" aria-label="この会議の対応事項">
        <h2>この会議の対応事項</h2>
        <ItemsOrNone label="この会議の対応事項" items={agreed} asOf={conference.date} />
      </section>
    </>
  );
}

/** A record's items, read-only; なし when there are none. */
function ItemsOrNone(props: ComponentProps<typeof ActionItemsTable>) {
  return props.items.length === 0 ? <p>なし</p> : <ActionItemsTable {...props} />;
}
