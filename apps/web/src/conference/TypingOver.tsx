import { useState } from 'react';

/** Typing in a field not yet written: its text, and the field's value when typing began. */
export type Draft = { text: string; from: string };

/**
 * A field written when it is left (経過, 職種), over a value others may write meanwhile: what is
 * being typed is never replaced from elsewhere, and when the value changes under it that is said
 * beside it (ChangedWhileTyping), so that writing over it (or Esc, to keep theirs) is a choice made
 * knowing it. Not typing, the field shows the value as it is, also one just written elsewhere.
 * `start`: typing kept from before (KeptTyping.tsx).
 */
export function useTypingOver(current: string, start?: Draft) {
  const [draft, setDraft] = useState<Draft | undefined>(start);
  return {
    draft,
    /** What the field shows. */
    shown: draft?.text ?? current,
    type: (text: string) => setDraft({ text, from: draft?.from ?? current }),
    /** Typed and not what the field holds: leaving the page would lose it. */
    unwritten: draft !== undefined && draft.text.trim() !== current,
    /** The value another wrote while this was typed (undefined when none did). */
    changedTo: draft !== undefined && draft.from !== current ? current : undefined,
    /** Ends the typing; gives what to write, trimmed, unless it is the value now or the one typing began over. */
    end(): string | undefined {
      const text = draft?.text.trim();
      setDraft(undefined);
      return text !== undefined && text !== current && text !== draft?.from ? text : undefined;
    },
    /** Esc: gives up what was typed, for the value as it is. */
    giveUp: () => setDraft(undefined),
  };
}

/** Said beside a field whose value `label` another wrote (as `changedTo`) while this was typed in it. */
export function ChangedWhileTyping({ label, changedTo }: { label: string; changedTo: string | undefined }) {
  if (changedTo === undefined) return null;
  return (
    <p role="alert" className="progress-conflict">
      入力中に、ほかの参加者が{label}を「{changedTo || '（空欄）'}」に書き換えました。Enter か欄から移るとこの欄の内容で置き換え、Esc で相手の内容にします。
    </p>
  );
}
