import { type ComponentProps, type SyntheticEvent, useRef, useState } from 'react';
import { type Arrival, asOneLine, leftOut, leftOutNote } from './length-limit.ts';

type Props = Omit<ComponentProps<'input'>, 'maxLength' | 'value'> & {
  /** The schema's limit for the field (packages/schema), which the browser keeps it to. */
  maxLength: number;
  value: string;
};

/**
 * A single-line field of at most `maxLength` characters that says so beside it when text pasted,
 * dropped or converted (IME) did not all go in: the browser cuts its end off without a word. What
 * was in the field stays. The note stays while the field holds what the cut left, so it goes once
 * the field is typed in again or emptied (its form sent). The IME's events are only listened to.
 */
export function LimitedInput({ maxLength, value, onPaste, onDrop, onDragStart, onDragEnd, onCompositionStart, onCompositionEnd, ...props }: Props) {
  const [note, setNote] = useState<{ text: string; over: string }>();
  /** The field's length, less the selection the text replaces, when a conversion began. */
  const converting = useRef(0);
  /** Text dragged within the field only moves: it never makes the field longer. */
  const dragging = useRef(false);
  const kept = (input: HTMLInputElement) => input.value.length - ((input.selectionEnd ?? 0) - (input.selectionStart ?? 0));
  /** Once the browser has put `text` in (after this event), tells what of it did not fit; `before`: the field's length it was added to. */
  const check = (input: HTMLInputElement, how: Arrival, text: string, before: number) =>
    setTimeout(() => {
      const cut = leftOut(text, input.value.length - before);
      setNote(cut ? { text: leftOutNote(maxLength, how, cut), over: input.value } : undefined);
    });
  const chained = <E extends SyntheticEvent<HTMLInputElement>>(own: (event: E) => void, theirs?: (event: E) => void) => (event: E) => {
    own(event);
    theirs?.(event);
  };
  return (
    <>
      <input
        {...props}
        value={value}
        maxLength={maxLength}
        onPaste={chained((e) => check(e.currentTarget, 'paste', asOneLine(e.clipboardData.getData('text/plain')), kept(e.currentTarget)), onPaste)}
        onDragStart={chained(() => (dragging.current = true), onDragStart)}
        onDragEnd={chained(() => (dragging.current = false), onDragEnd)}
        onDrop={chained((e) => {
          if (!dragging.current) check(e.currentTarget, 'drop', asOneLine(e.dataTransfer.getData('text/plain')), e.currentTarget.value.length);
        }, onDrop)}
        onCompositionStart={chained((e) => (converting.current = kept(e.currentTarget)), onCompositionStart)}
        onCompositionEnd={chained((e) => check(e.currentTarget, 'conversion', e.data, converting.current), onCompositionEnd)}
      />
      {note && note.over === value && (
        <p role="alert" className="error length-note">
          {note.text}
        </p>
      )}
    </>
  );
}
