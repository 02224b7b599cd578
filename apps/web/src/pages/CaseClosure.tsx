import { readActionItems, readConferences } from '@care/case-doc';
import type { OpenedCase } from '@care/schema';
import { useState } from 'react';
import type * as Y from 'yjs';
import { api } from '../api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { caseClosingQuestion } from './case-closing-question.ts';

/**
 * ケース終結 and its undoing, for coordinators: a closed case is read-only for everyone (its
 * records stay readable), and everyone's open page turns read-only at once. Closing asks first,
 * naming what is still open in the case's `doc` (once it is connected).
 */
export function CaseClosure({ caseInfo, doc, onChanged }: { caseInfo: OpenedCase; doc: Y.Doc | undefined; onChanged: () => void }) {
  const [error, setError] = useState<string>();
  const { pending, run } = useOneAtATime();
  const closing = caseInfo.closedAt === null;
  async function change() {
    const question = closing
      ? caseClosingQuestion(caseInfo.title, doc ? readConferences(doc).value : [], doc ? readActionItems(doc).value : [])
      : `「${caseInfo.title}」の終結を取り消して、再び編集できるようにしますか？`;
    if (!confirm(question)) return;
    setError(undefined);
    try {
      if (await run(() => api.setCaseClosed(caseInfo.id, closing))) onChanged();
    } catch (e) {
      setError((e as Error).message); // the server's words, e.g. that a conference is still live
    }
  }
  return (
    <>
      <button type="button" className="secondary" disabled={pending} onClick={change}>
        {closing ? 'ケースを終結する' : '終結を取り消す'}
      </button>
      <ErrorMessage text={error} />
    </>
  );
}
