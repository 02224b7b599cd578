import { useState } from 'react';
import type { TextSection } from './discarded-text.ts';

/**
 * After this browser's refused changes were discarded: the text that went with them (the server's
 * copy lacks it), to copy into a place that still takes it, until dismissed (kept in this browser
 * meanwhile: useKeptDiscard).
 */
export function DiscardedText({ sections, onDismiss }: { sections: TextSection[]; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = sections.map(({ where, lines }) => `【${where}】\n${lines.join('\n')}`).join('\n\n');
  // Only on https or localhost; elsewhere the text is selected and copied by hand.
  const clipboard = navigator.clipboard as Clipboard | undefined;
  return (
    <section className="card discarded-text">
      <h2>破棄した文章</h2>
      <p>
        次の文章はサーバーに届いていなかったため、この端末にだけ残っています。必要なら、コピーして書ける場所（ケース概要、次の会議の検討内容など）に入れてください。閉じるか、ログアウトすると消えます。
      </p>
      <textarea readOnly aria-label="破棄した文章の内容" value={text} rows={Math.min(12, text.split('\n').length)} />
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
