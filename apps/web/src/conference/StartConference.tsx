import type { Conference } from '@care/case-doc';
import { type RefObject, useRef, useState } from 'react';
import { todayInJapan } from '../japan-days.ts';
import { CancelButton } from '../ui/CancelButton.tsx';
import { focusWhenGone, useFocusWhenGone } from '../ui/focus-when-gone.ts';

/**
 * 会議を開始. One planned for another day asks first which day it is held on: today (its date
 * becomes today's, as it then is: ordered, reviewed and recorded as held today), or, for a day
 * past, the planned day (a conference written up afterwards). A future day is not offered: a
 * conference held now on a future date would be reviewed, ordered and recorded as not yet held.
 * Starting the wrong day's conference by mistake would put the case's follow-up out of order.
 * Gone while it has the keyboard (started, here or by someone else), it gives it to `keyboardTo`.
 */
export function StartConference(props: { planned: Conference; onStart: (heldToday: boolean) => void; keyboardTo: RefObject<HTMLElement | null>[] }) {
  const { planned, onStart, keyboardTo } = props;
  const [asking, setAsking] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLDivElement>(null);
  useFocusWhenGone([startButton, question], ...keyboardTo);
  const today = todayInJapan();
  const start = (heldToday: boolean) => {
    setAsking(false);
    onStart(heldToday);
  };
  if (!asking) {
    return (
      <button ref={startButton} type="button" onClick={() => (planned.date === today ? start(false) : setAsking(true))}>
        会議を開始
      </button>
    );
  }
  return (
    <div ref={question} role="group" aria-label="開催日の確認" className="row start-day">
      <span>
        予定日は <span className="date">{planned.date}</span>、今日は <span className="date">{today}</span> です。
      </span>
      {/* Shown only on 会議を開始, which it replaces: the keyboard comes with it. */}
      <button type="button" autoFocus onClick={() => start(true)}>
        今日の会議として開始
      </button>
      {planned.date < today && (
        <button type="button" className="secondary" onClick={() => start(false)}>
          予定日（{planned.date}）のまま開始
        </button>
      )}
      <CancelButton
        onClick={() => {
          setAsking(false);
          focusWhenGone(startButton);
        }}
      />
    </div>
  );
}
