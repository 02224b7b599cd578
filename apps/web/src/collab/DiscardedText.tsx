import { useEffect, useId, useRef, useState } from 'react';
import { focusWhenGone } from '../ui/focus-when-gone.ts';
import type { TextSection } from './discarded-text.ts';

const DISCARDED = {
  heading: '破棄した文章',
  note: '次の文章はサーバーに届いていなかったため、この端末にだけ残っています。必要なら、コピーして書ける場所（ケース概要、次の会議の検討内容など）に入れてください。閉じるか、ログアウトすると消えます。',
};

/**
 * After this browser's refused changes were discarded: the text that went with them (the server's
 * copy lacks it), to copy into a place that still takes it, until dismissed (kept in this browser
 * meanwhile: useKeptDiscard). `heading` and `note` say why else such text went (access revoked).
 * `takesKeyboard`: shown in place of the form its text was typed in, which went with the keyboard,
 * it takes the keyboard on first showing if nothing else did (focusWhenGone).
 */
export function DiscardedText(props: { sections: TextSection[]; onDismiss: () => void; heading?: string; note?: string; takesKeyboard?: boolean }) {
  const { sections, onDismiss, heading = DISCARDED.heading, note = DISCARDED.note, takesKeyboard = false } = props;
  const [copied, setCopied] = useState(false);
  const noteId = useId();
  const textBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takesKeyboard) focusWhenGone(textBox);
  }, [takesKeyboard]);
  const text = sections.map(({ where, lines }) => `【${where}】\n${lines.join('\n')}`).join('\n\n');
  // Only on https or localhost; elsewhere the text is selected and copied by hand.
  const clipboard = navigator.clipboard as Clipboard | undefined;
  return (
    <section className="card discarded-text">
      <h2>{heading}</h2>
      <p id={noteId}>{note}</p>
      <textarea ref={textBox} readOnly aria-label={`${heading}の内容`} aria-describedby={noteId} value={text} rows={Math.min(12, text.split('\n').length)} />
      <div className="row actions">
        {clipboard && (
          <button type="button" onClick={() => clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false))}>
            {copied ? 'コピーしました' : '文章をコピー'}
          </button>
        )}
        <button type="button" className="secondary" onClick={onDismiss}>
          閉じる
        </button>
      </div>
    </section>
  );
}
