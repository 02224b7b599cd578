import { holdsText } from '@care/case-doc';
import { type ActionItem, describeFieldChange, type NotesCompared, type RecordDiff, type RecordedNotes } from '@care/schema';
import { separateNotesHint } from './separate-notes.ts';

const MARKS = { equal: ' ', added: '+', removed: '−' } as const;

/** Text compared line by line: + what `to` added, − what it removed. */
function DiffLines({ lines, label }: { lines: RecordDiff['summary']; label: string }) {
  return (
    <pre className="diff-lines" aria-label={label}>
      {lines.map((line, i) => (
        <div key={i} className={`diff-line diff-line--${line.op}`}>
          {MARKS[line.op]} {line.text}
        </div>
      ))}
    </pre>
  );
}

/** One conference's 検討内容 as its record holds it, under the conference's name. */
function ConferenceNotes({ notes }: { notes: RecordedNotes | null }) {
  if (!notes) return null;
  return (
    <>
      <h4>{notes.conference}</h4>
      {holdsText(notes.lines) ? (
        <pre className="diff-lines" aria-label={`${notes.conference}の検討内容`}>
          {notes.lines.join('\n')}
        </pre>
      ) : (
        <p>記載なし</p>
      )}
    </>
  );
}

/** The 検討内容: what changed within one conference, or each of two conferences' as it was. */
function NotesComparison({ notes }: { notes: NotesCompared }) {
  if (notes.kind === 'two-conferences') {
    return (
      <>
        <p className="muted">{separateNotesHint(notes)}</p>
        <ConferenceNotes notes={notes.from} />
        <ConferenceNotes notes={notes.to} />
      </>
    );
  }
  return notes.lines.length === 0 ? <p>どちらも記載なし</p> : <DiffLines lines={notes.lines} label="検討内容の差分" />;
}

/** What changed between two records: the summary line by line, the 検討内容, then the action items. */
export function RecordDiffView({ diff }: { diff: RecordDiff }) {
  const { added, closed, changed, removed } = diff.actionItems;
  const list = (title: string, items: ActionItem[], testId: string) =>
    items.length > 0 && (
      <>
        <h4>{title}</h4>
        <ul data-testid={testId}>
          {items.map((item) => (
            <li key={item.id}>
              {item.what}（{item.ownerName}・{item.status}）
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <div className="diff">
      <h3>ケース概要</h3>
      <DiffLines lines={diff.summary} label="ケース概要の差分" />
      <h3>検討内容</h3>
      <NotesComparison notes={diff.notes} />
      <h3>対応事項</h3>
      {added.length + closed.length + changed.length + removed.length === 0 && <p>変更なし</p>}
      {list('追加', added, 'items-added')}
      {list('完了・中止', closed, 'items-closed')}
      {changed.length > 0 && (
        <>
          <h4>変更</h4>
          <ul data-testid="items-changed">
            {changed.map(({ item, changes }) => (
              <li key={item.id}>
                {item.what}：{changes.map(describeFieldChange).join('、')}
              </li>
            ))}
          </ul>
        </>
      )}
      {list('削除', removed, 'items-removed')}
    </div>
  );
}
