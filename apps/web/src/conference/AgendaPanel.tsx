import { addAgendaItem, agendaItemTimeMs, type Conference, moveAgendaItem, pauseAgendaTimer, removeAgendaItem, setAgendaItemMinutes, startAgendaTimer } from '@care/case-doc';
import { AGENDA_MINUTES_MAX, AGENDA_TITLE_MAX_LENGTH, AgendaItem } from '@care/schema';
import { type FormEvent, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import type { FormProblems } from '../ui/form-problems.ts';
import { serverNow } from '../server-clock.ts';
import { leaveOnEnter } from '../ui/enter-writes.ts';
import { controlInRow, focusFoundWhenGone } from '../ui/focus-when-gone.ts';
import { type AgendaField, checkAgendaItem } from './agenda-item-input.ts';
import type { Abilities, Act } from './ConferenceScreen.tsx';
import { useNow } from './useConferenceModel.ts';

/** 12:05 style; minutes may exceed 59. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const TEMPLATE = [
  { title: '事例紹介', minutes: 5 },
  { title: '質疑', minutes: 10 },
  { title: '助言', minutes: 15 },
  { title: 'まとめ', minutes: 5 },
];

/** The agenda with time boxes and the shared timer every participant sees running. */
export function AgendaPanel({ doc, conference, abilities, act }: { doc: Y.Doc; conference: Conference; abilities: Abilities; act: Act }) {
  const now = useNow();
  const { timer, agenda } = conference;
  const running = timer.runningSince !== null;
  const section = useRef<HTMLElement>(null);
  const list = useRef<HTMLOListElement>(null);
  // A button pressed goes with its row (removed, or moved, which drops the keyboard too): it goes on in the row now in its place.
  const firstField = () => section.current?.querySelector<HTMLElement>('form input');
  const move = (itemId: string, index: number, by: -1 | 1) => {
    act(() => moveAgendaItem(doc, conference.id, itemId, by));
    const button = (row: Element, way: string) => row.querySelector<HTMLButtonElement>(`[aria-label$="を${way}"]:not(:disabled)`);
    focusFoundWhenGone(() => controlInRow(list.current?.children, index + by, (row) => button(row, by < 0 ? '上へ' : '下へ') ?? button(row, by < 0 ? '下へ' : '上へ')));
  };
  const fillWithTemplate = () => {
    act(() => TEMPLATE.forEach((item) => addAgendaItem(doc, conference.id, item)));
    focusFoundWhenGone(() => controlInRow(list.current?.children, 0)); // its first item's timer, to start
  };
  const remove = (itemId: string, index: number) => {
    act(() => removeAgendaItem(doc, conference.id, itemId));
    focusFoundWhenGone(() => controlInRow(list.current?.children, index, (row) => row.querySelector('[aria-label$="を削除"]') ?? row.querySelector('button')) ?? firstField());
  };
  return (
    <section ref={section} className="card agenda">
      <h2>議題とタイマー</h2>
      {agenda.length === 0 && <p className="muted">議題はまだありません。</p>}
      <ol ref={list} className="agenda-list">
        {agenda.map((item, index) => {
          const current = timer.itemId === item.id;
          const timed = agendaItemTimeMs(timer, item.id, now);
          const over = timed > item.minutes * 60_000;
          return (
            <li key={item.id} className={current ? 'agenda-item agenda-item--current' : 'agenda-item'} data-testid="agenda-item">
              <span className="title">{item.title}</span>
              {abilities.canRun ? <TimeBoxField item={item} onChange={(minutes) => act(() => setAgendaItemMinutes(doc, conference.id, item.id, minutes))} /> : <span className="box">{item.minutes}分</span>}
              {current ? (
                <span className={over ? 'timer timer--over' : 'timer'} data-testid="agenda-timer" aria-label={`${item.title}の経過時間`}>
                  {formatDuration(timed)}
                  {running ? '' : '（一時停止）'}
                </span>
              ) : (
                timed > 0 && (
                  <span className={over ? 'spent timer--over' : 'spent'} aria-label={`${item.title}に使った時間`}>
                    済 {formatDuration(timed)}
                  </span>
                )
              )}
              {abilities.canRun &&
                (current && running ? (
                  <button type="button" onClick={() => act(() => pauseAgendaTimer(doc, conference.id, serverNow()))}>
                    一時停止
                  </button>
                ) : (
                  <button type="button" onClick={() => act(() => startAgendaTimer(doc, conference.id, item.id, serverNow()))} aria-label={`${item.title}のタイマーを開始`}>
                    開始
                  </button>
                ))}
              {abilities.canRun && (
                <span className="agenda-moves">
                  <button type="button" className="secondary" aria-label={`${item.title}を上へ`} disabled={index === 0} onClick={() => move(item.id, index, -1)}>
                    ↑
                  </button>
                  <button type="button" className="secondary" aria-label={`${item.title}を下へ`} disabled={index === agenda.length - 1} onClick={() => move(item.id, index, 1)}>
                    ↓
                  </button>
                  {!current && (
                    <button type="button" className="secondary" aria-label={`${item.title}を削除`} onClick={() => remove(item.id, index)}>
                      ×
                    </button>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {abilities.canRun && (
        <>
          <AgendaForm onAdd={(item) => act(() => addAgendaItem(doc, conference.id, item))} />
          {agenda.length === 0 && (
            <button type="button" className="secondary agenda-template" onClick={fillWithTemplate}>
              標準の議題（事例紹介・質疑・助言・まとめ）を入れる
            </button>
          )}
        </>
      )}
    </section>
  );
}

const TimeBox = AgendaItem.shape.minutes;

/** The facilitator's time box of an item: changed when it loses focus, or on Enter; anything but 1–180 minutes puts it back. */
function TimeBoxField({ item, onChange }: { item: AgendaItem; onChange: (minutes: number) => void }) {
  function save(input: HTMLInputElement) {
    const minutes = TimeBox.safeParse(Number(input.value));
    if (minutes.success && minutes.data !== item.minutes) onChange(minutes.data);
    else input.value = String(item.minutes);
  }
  return (
    <label className="box">
      <input
        // A new value from elsewhere replaces what is shown.
        key={item.minutes}
        type="number"
        min={1}
        max={AGENDA_MINUTES_MAX}
        className="minutes"
        aria-label={`${item.title}の時間（分）`}
        defaultValue={item.minutes}
        onBlur={(e) => save(e.target)}
        onKeyDown={leaveOnEnter}
      />
      分
    </label>
  );
}

function AgendaForm({ onAdd }: { onAdd: (item: { title: string; minutes: number }) => void }) {
  const [title, setTitle] = useState('');
  useHoldWhileTyped(title.trim() !== ''); // the minutes alone, typed again at once, are no loss
  const [minutes, setMinutes] = useState('10');
  const [problems, setProblems] = useState<FormProblems<AgendaField>>();
  const marked = (field: AgendaField) => (problems?.fields.includes(field) ? { 'aria-invalid': true } : {});
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkAgendaItem({ title, minutes });
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems(undefined);
    setTitle('');
    onAdd(checked.item);
  }
  return (
    // noValidate: the schema's check (checkAgendaItem) says what is wrong, in the form's words; the
    // browser's own check of min and max would stop the submit first, in its own words.
    <form className="row agenda-form" onSubmit={submit} noValidate>
      <LimitedInput aria-label="議題" placeholder="議題" maxLength={AGENDA_TITLE_MAX_LENGTH} value={title} onChange={(e) => setTitle(e.target.value)} {...marked('title')} />
      <input
        aria-label="時間（分）"
        type="number"
        min={1}
        max={AGENDA_MINUTES_MAX}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        className="minutes"
        {...marked('minutes')}
      />
      <button type="submit">追加</button>
      <ErrorMessage text={problems?.message} inline />
    </form>
  );
}
