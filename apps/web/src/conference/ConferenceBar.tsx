import { cancelConference, closeConference, type Conference, conferenceName, conferenceNotesFragment, holdsText, rescheduleConference, scheduleConference, startConference, textLines } from '@care/case-doc';
import { CONFERENCE_KINDS, PLACE_MAX_LENGTH, type PresenceUser, ScheduleConferenceInput } from '@care/schema';
import { type FormEvent, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useTodayInJapan } from '../japan-days.ts';
import { CancelButton } from '../ui/CancelButton.tsx';
import { ChoiceSelect } from '../ui/ChoiceSelect.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { focusWhenGone } from '../ui/focus-when-gone.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { serverNow } from '../server-clock.ts';
import { agencyOfUser } from './agency.ts';
import { closingQuestion } from './closing-question.ts';
import { conferenceLabel, STATUS_LABELS } from './conference-label.ts';
import { StartConference } from './StartConference.tsx';
import type { Abilities, Act } from './ConferenceScreen.tsx';

/** Which conference is shown (`onSelect`: picked in the list), planning a new one (shown, by `onPlanned`), and starting, changing, cancelling or closing the shown one. */
export function ConferenceBar(props: {
  doc: Y.Doc;
  user: PresenceUser;
  /** Who is connected to the case at this moment (read when closing, not followed). */
  connected: () => PresenceUser[];
  conferences: Conference[];
  shown: Conference | undefined;
  abilities: Abilities;
  onSelect: (id: string) => void;
  onPlanned: (id: string) => void;
  act: Act;
}) {
  const { doc, user, connected, conferences, shown, abilities, onSelect, onPlanned, act } = props;
  const me = { userId: user.userId, name: user.name, agency: agencyOfUser(user) };
  const planned = shown?.status === 'scheduled' && abilities.canRun ? shown : undefined;
  /** The planned conference whose date, kind and place are being changed (in place of planning a new one), as they were when its form opened. */
  const [changingFrom, setChangingFrom] = useState<{ id: string; seen: ScheduleConferenceInput }>();
  const changing = planned?.id === changingFrom?.id ? changingFrom : undefined;
  /** A conference planned while a live one was shown, said beside that live one (which stays shown). */
  const [plannedBeside, setPlannedBeside] = useState<{ liveId: string; text: string }>();
  const plan = (input: ScheduleConferenceInput) => {
    const id = scheduleConference(doc, input);
    // Showing the new one would take the 司会's screen (会議を終了, the 検討内容 being typed) away from the meeting under way.
    if (shown?.status === 'live') setPlannedBeside({ liveId: shown.id, text: `${conferenceName(input)}を予定しました（表示は開催中の会議のままです）。` });
    else onPlanned(id);
  };
  /** Where the keyboard goes when the button pressed goes with the change: 会議を終了 once started, else the status. */
  const closeButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLSpanElement>(null);
  const start = (conference: Conference, heldToday: boolean) => {
    act(() => startConference(doc, conference.id, me, serverNow(), { heldToday }));
    focusWhenGone(closeButton, status);
  };
  const cancel = (conference: Conference) => {
    if (!confirm(`${conferenceName(conference)}を中止しますか？（中止した会議は開催できず、元に戻せません）`)) return;
    act(() => cancelConference(doc, conference.id));
    focusWhenGone(status);
  };
  const close = (conference: Conference) => {
    const notesWritten = holdsText(textLines(conferenceNotesFragment(doc, conference.id)));
    if (!confirm(closingQuestion(conference, conferences, notesWritten, connected()))) return;
    act(() => closeConference(doc, conference.id, serverNow()));
    focusWhenGone(status);
  };
  return (
    <section className="card conference-bar">
      <div className="row">
        <h2>会議</h2>
        {conferences.length > 0 && (
          // Each conference shown changes the whole screen: one moved to by keys is shown on Enter (ChoiceSelect).
          <ChoiceSelect aria-label="表示する会議" value={shown?.id ?? ''} onChoose={onSelect}>
            {conferences.map((c) => (
              <option key={c.id} value={c.id}>
                {conferenceLabel(c, conferences)}
              </option>
            ))}
          </ChoiceSelect>
        )}
        {shown && (
          <span ref={status} tabIndex={-1} className={`status status--${shown.status}`} data-testid="conference-status">
            {STATUS_LABELS[shown.status]}
          </span>
        )}
        {planned && (
          <>
            {conferences.some((c) => c.status === 'live') ? (
              <small className="muted">開催中の会議を終了すると開始できます</small>
            ) : (
              <StartConference key={planned.id} planned={planned} onStart={(heldToday) => start(planned, heldToday)} keyboardTo={[closeButton, status]} />
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => setChangingFrom({ id: planned.id, seen: { date: planned.date, kind: planned.kind, place: planned.place } })}
              disabled={!!changing}
            >
              予定を変更
            </button>
            <button type="button" className="secondary" onClick={() => cancel(planned)}>
              中止
            </button>
          </>
        )}
        {shown?.status === 'live' && abilities.canRun && (
          <button ref={closeButton} type="button" onClick={() => close(shown)}>
            会議を終了
          </button>
        )}
      </div>
      {changing ? (
        <ScheduleForm
          key={changing.id}
          initial={changing.seen}
          submitLabel="変更を保存"
          onSubmit={(input) => {
            act(() => rescheduleConference(doc, changing.id, input, changing.seen));
            setChangingFrom(undefined);
          }}
          onCancel={() => setChangingFrom(undefined)}
        />
      ) : (
        abilities.canPlan && <ScheduleForm submitLabel="会議を予定する" onSubmit={(input) => act(() => plan(input))} />
      )}
      {plannedBeside?.liveId === shown?.id && shown?.status === 'live' && <p role="status">{plannedBeside?.text}</p>}
    </section>
  );
}

/** A conference's date, kind and place: a new one's (today, the first kind), or a planned one's to change. */
function ScheduleForm(props: {
  initial?: ScheduleConferenceInput;
  submitLabel: string;
  onSubmit: (input: ScheduleConferenceInput) => void;
  onCancel?: () => void;
}) {
  const { initial, submitLabel, onSubmit, onCancel } = props;
  // Until one is chosen, a new conference's is today's: still so on a page left open past midnight.
  const today = useTodayInJapan();
  const [chosenDate, setDate] = useState<string>();
  const date = chosenDate ?? initial?.date ?? today;
  const [kind, setKind] = useState<string>(initial?.kind ?? CONFERENCE_KINDS[0]);
  const [place, setPlace] = useState(initial?.place ?? '');
  useHoldWhileTyped(place.trim() !== (initial?.place ?? '')); // the one field typed, not picked
  const [error, setError] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const input = ScheduleConferenceInput.safeParse({ date, kind, place: place.trim() || undefined });
    setError(input.success ? undefined : `開催日と種別を選び、場所は${PLACE_MAX_LENGTH}文字以内で入力してください。`);
    if (!input.success) return;
    // A new conference's form starts over, so its date is not taken for the planned one's.
    setDate(undefined);
    setPlace('');
    onSubmit(input.data);
  }
  return (
    <form className="row schedule" onSubmit={submit} aria-label={initial ? '予定の変更' : '会議の予定'}>
      {/* Said on screen too: beside a shown conference, these fields are not that conference's. */}
      <span className="schedule__caption">{initial ? '予定の変更' : '新しい会議'}</span>
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
        <LimitedInput value={place} placeholder="任意" maxLength={PLACE_MAX_LENGTH} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <button type="submit">{submitLabel}</button>
      {onCancel && <CancelButton onClick={onCancel} />}
      <ErrorMessage text={error} inline />
    </form>
  );
}
