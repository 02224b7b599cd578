import { closeConference, type Conference, scheduleConference, startConference } from '@care/case-doc';
import { CONFERENCE_KINDS, type ConferenceStatus, type PresenceUser, ScheduleConferenceInput } from '@care/schema';
import { type FormEvent, useState } from 'react';
import type * as Y from 'yjs';
import { localDate } from '../local-date.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { agencyFromName } from './agency.ts';
import type { Abilities, Act } from './ConferenceScreen.tsx';

export const STATUS_LABELS: Record<ConferenceStatus, string> = { scheduled: '予定', live: '開催中', closed: '終了' };

export function conferenceLabel(conference: Conference): string {
  const place = conference.place ? ` ${conference.place}` : '';
  return `${conference.date} ${conference.kind}${place}（${STATUS_LABELS[conference.status]}）`;
}

/** Which conference is shown, planning a new one, and starting / closing the shown one. */
export function ConferenceBar(props: {
  doc: Y.Doc;
  user: PresenceUser;
  conferences: Conference[];
  shown: Conference | undefined;
  abilities: Abilities;
  onSelect: (id: string) => void;
  act: Act;
}) {
  const { doc, user, conferences, shown, abilities, onSelect, act } = props;
  const me = { userId: user.userId, name: user.name, agency: agencyFromName(user.agency) };
  return (
    <section className="card conference-bar">
      <div className="row">
        <h2>会議</h2>
        {conferences.length > 0 && (
          <select aria-label="表示する会議" value={shown?.id} onChange={(e) => onSelect(e.target.value)}>
            {conferences.map((c) => (
              <option key={c.id} value={c.id}>
                {conferenceLabel(c)}
              </option>
            ))}
          </select>
        )}
        {shown && (
          <span className={`status status--${shown.status}`} data-testid="conference-status">
            {STATUS_LABELS[shown.status]}
          </span>
        )}
        {shown?.status === 'scheduled' && abilities.canRun && (
          <button type="button" onClick={() => act(() => startConference(doc, shown.id, me))}>
            会議を開始
          </button>
        )}
        {shown?.status === 'live' && abilities.canRun && (
          <button type="button" onClick={() => act(() => closeConference(doc, shown.id))}>
            会議を終了
          </button>
        )}
      </div>
      {abilities.canPlan && <ScheduleForm onSchedule={(input) => act(() => onSelect(scheduleConference(doc, input)))} />}
    </section>
  );
}

function ScheduleForm({ onSchedule }: { onSchedule: (input: ScheduleConferenceInput) => void }) {
  const [date, setDate] = useState(() => localDate());
  const [kind, setKind] = useState<string>(CONFERENCE_KINDS[0]);
  const [place, setPlace] = useState('');
  const [error, setError] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const input = ScheduleConferenceInput.safeParse({ date, kind, place: place.trim() || undefined });
    setError(input.success ? undefined : '開催日と種別を選び、場所は80文字以内で入力してください。');
    if (!input.success) return;
    setPlace('');
    onSchedule(input.data);
  }
  return (
    <form className="row schedule" onSubmit={submit}>
      <label>
        開催日
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        種別
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          {CONFERENCE_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        場所
        <input value={place} placeholder="任意" maxLength={80} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <button type="submit">会議を予定する</button>
      <ErrorMessage text={error} inline />
    </form>
  );
}
