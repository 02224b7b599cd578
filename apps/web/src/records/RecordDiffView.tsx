import { comparedTexts, holdsText } from '@care/case-doc';
import { ACTION_ITEM_LABELS, type ActionItem, describeFieldChange, type DiffLine, type DiffSpan, type NotesCompared, type RecordDiff, type RecordedNotes } from '@care/schema';
import { ConferencesBetween } from './ConferencesBetween.tsx';
import { separateNotesHint } from './separate-notes.ts';

const MARKS = { equal: ' ', added: '+', removed: '−' } as const;

/** Text compared line by line: + what `to` added, − what it removed; within an edited line, what changed in it. */
function DiffLines({ lines, label }: { lines: RecordDiff['summary']; label: string }) {
  return (
    <pre className="diff-lines" aria-label={label}>
      {lines.map((line, i) => (
        <div key={i} className={`diff-line diff-line--${line.op}${line.spans ? ' diff-line--edited' : ''}`}>
          {MARKS[line.op]} {line.spans ? <LineChanges op={line.op} spans={line.spans} /> : line.text}
        </div>
      ))}
    </pre>
  );
}

/** An edited line's text, what the change removed from it (−) or added to it (+) marked. */
function LineChanges({ op, spans }: { op: DiffLine['op']; spans: DiffSpan[] }) {
  const Changed = op === 'removed' ? 'del' : 'ins';
  return spans.map((span, i) => (span.changed ? <Changed key={i}>{span.text}</Changed> : <span key={i}>{span.text}</span>));
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

/**
 * An item of the lists (追加, 完了・中止, 削除) in the words the 変更 list uses (comparedTexts): its
 * 期限, which these lists are ordered by, and its 状況 with 期限超過 as of `asOf`.
 */
function ListedItem({ item, asOf }: { item: ActionItem; asOf: string | null }) {
  const { what, ownerName, due, status } = comparedTexts(item, asOf);
  return `${what}（${ownerName}・${ACTION_ITEM_LABELS.due} ${due}・${status}）`;
}

/**
 * What changed between two records: the conferences between them it cannot show, the summary line
 * by line, the 検討内容, then the action items, each 期限超過 as of its record's conference date.
 */
export function RecordDiffView({ diff }: { diff: RecordDiff }) {
  const { added, closed, changed, removed } = diff.actionItems;
  const { asOf } = diff;
  const list = (title: string, items: ActionItem[], testId: string, judgedAsOf: string | null) =>
    items.length > 0 && (
      <>
        <h4>{title}</h4>
        <ul data-testid={testId}>
          {items.map((item) => (
            <li key={item.id}>
              <ListedItem item={item} asOf={judgedAsOf} />
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <div className="diff">
      <ConferencesBetween diff={diff} />
      <h3>ケース概要</h3>
      <DiffLines lines={diff.summary} label="ケース概要の差分" />
      <h3>検討内容</h3>
      <NotesComparison notes={diff.notes} />
      <h3>対応事項</h3>
      {asOf.from && asOf.to && asOf.from !== asOf.to && (
        <p className="muted">
          期限超過は、それぞれの記録の会議の日（比較元 {asOf.from}、比較先 {asOf.to}）の時点で判定しています。
        </p>
      )}
      {added.length + closed.length + changed.length + removed.length === 0 && <p>変更なし</p>}
      {list('追加', added, 'items-added', asOf.to)}
      {list('完了・中止', closed, 'items-closed', asOf.to)}
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
      {list('削除', removed, 'items-removed', asOf.from)}
    </div>
  );
}
