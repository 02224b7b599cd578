import { type KeyboardEvent, type SelectHTMLAttributes, useRef, useState } from 'react';
import { pressed } from './ime-keys.ts';

/** Keys that move a closed select to another option in Chrome and Edge (Alt with an arrow opens its list instead). */
const MOVING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
const moves = (event: KeyboardEvent) => !event.altKey && (MOVING_KEYS.has(event.key) || (event.key.length === 1 && event.key !== ' '));

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'onKeyDown' | 'onPointerDown' | 'onBlur'> & {
  value: string;
  /** Called once a choice is made, with it (not when it is the value already). */
  onChoose: (value: string) => void;
  /** What leaving the field does to a choice moved to by keys, not yet made: makes it (by default), or forgets it. */
  leaving?: 'chooses' | 'forgets';
};

/**
 * A select whose choice is acted on once made. Chrome and Edge change a closed select at each
 * arrow key, as a change event: a role select passed through 助言者 and 事例提供者 on the way to
 * 記録, giving each in turn on everyone's screen; a 司会 moving their own role down became 記録 at
 * the first step and lost the select; 状況, whose options follow the status, went back and forth
 * between 未着手 and 対応中 and never reached 完了. Here an option moved to by keys is shown and
 * held until Enter or leaving the field makes it (Esc puts back the value); one picked from the
 * opened list (a click, or the list opened by keyboard) is made at once.
 */
export function ChoiceSelect({ value, onChoose, leaving = 'chooses', ...rest }: Props) {
  const [held, setHeld] = useState<string>();
  /** The change about to come was made by a key on the closed select. */
  const byKey = useRef(false);
  const choose = (choice: string | undefined) => {
    setHeld(undefined);
    if (choice !== undefined && choice !== value) onChoose(choice);
  };
  return (
    <select
      {...rest}
      value={held ?? value}
      onChange={(e) => {
        if (byKey.current) setHeld(e.target.value);
        else choose(e.target.value);
        byKey.current = false;
      }}
      onKeyDown={(e) => {
        byKey.current = moves(e);
        if (held === undefined) return;
        if (pressed(e, 'Enter')) {
          e.preventDefault();
          choose(held);
        } else if (pressed(e, 'Escape')) {
          e.preventDefault();
          setHeld(undefined);
        }
      }}
      // A key that moved nothing (ArrowUp at the top) does not make the pointer's pick that follows wait.
      onPointerDown={() => (byKey.current = false)}
      onBlur={() => {
        byKey.current = false;
        if (leaving === 'chooses') choose(held);
        else setHeld(undefined);
      }}
    />
  );
}
