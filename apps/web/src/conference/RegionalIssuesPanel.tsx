import { addRegionalIssue, type Conference, removeRegionalIssue } from '@care/case-doc';
import { NewRegionalIssueInput, REGIONAL_ISSUE_MAX_LENGTH } from '@care/schema';
import { type FormEvent, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { controlInRow, focusFoundWhenGone } from '../ui/focus-when-gone.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { checkForm } from '../ui/form-problems.ts';
import type { Abilities, Act } from './ConferenceScreen.tsx';

/**
 * 地域課題 the conference saw in this case (地域課題の発見): what the area lacks or needs, which the
 * 司会 notes at the まとめ. Gathered across cases in 地域課題の一覧, for the 地域ケア推進会議.
 */
export function RegionalIssuesPanel({ doc, conference, abilities, act }: { doc: Y.Doc; conference: Conference; abilities: Abilities; act: Act }) {
  const { issues } = conference;
  const canNote = abilities.canRun && conference.status === 'live';
  const section = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const remove = (issueId: string, index: number) => {
    act(() => removeRegionalIssue(doc, conference.id, issueId));
    // Its button went with it: the keyboard goes on to the one now in its place, or to the form.
    focusFoundWhenGone(() => controlInRow(list.current?.children, index) ?? section.current?.querySelector<HTMLElement>('form input'));
  };
  if (issues.length === 0 && !canNote) return null;
  return (
    <section ref={section} className="card" aria-label="地域課題">
      <h2>地域課題</h2>
      {issues.length === 0 && <p className="muted">この事例から見えた、地域に足りないもの・必要なものを書き留めます。</p>}
      <ul ref={list} className="issue-list">
        {issues.map((issue, index) => (
          <li key={issue.id}>
            <span>{issue.text}</span>
            {canNote && (
              <button type="button" className="secondary" aria-label={`地域課題「${issue.text}」を削除`} onClick={() => remove(issue.id, index)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canNote && <IssueForm onAdd={(input) => act(() => addRegionalIssue(doc, conference.id, input))} />}
    </section>
  );
}

function IssueForm({ onAdd }: { onAdd: (input: NewRegionalIssueInput) => void }) {
  const [text, setText] = useState('');
  useHoldWhileTyped(text.trim() !== '');
  const [error, setError] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = checkForm(NewRegionalIssueInput, { text }, { text: '地域課題' });
    setError(problems?.message);
    if (problems) return;
    setText('');
    onAdd(NewRegionalIssueInput.parse({ text }));
  }
  return (
    <form className="row issue-form" onSubmit={submit}>
      <LimitedInput aria-label="地域課題" placeholder="例：移動手段がなく買い物に困る" maxLength={REGIONAL_ISSUE_MAX_LENGTH} value={text} aria-invalid={error !== undefined} onChange={(e) => setText(e.target.value)} />
      <button type="submit">書き留める</button>
      <ErrorMessage text={error} />
    </form>
  );
}
