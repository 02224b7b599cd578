import { addActionItem, type Conference, itemsAgreedAt, itemsForReview, nextActionStatuses, setActionItemStatus } from '@care/case-doc';
import { ActionItem, type ActionItemStatus, AGENCY_KINDS, agencyLabel, NewActionItemInput } from '@care/schema';
import { type FormEvent, useState } from 'react';
import type * as Y from 'yjs';
import { conferenceLabel } from './ConferenceBar.tsx';
import type { Abilities, Act } from './ConferenceScreen.tsx';

type Props = { doc: Y.Doc; conference: Conference; conferences: Conference[]; items: ActionItem[]; abilities: Abilities; act: Act };

/**
 * Action items: first the open ones from earlier conferences, reviewed (モニタリング) at this one,
 * then those agreed here. Everyone but observers adds items and changes their status.
 */
export function ActionItemsPanel({ doc, conference, conferences, items, abilities, act }: Props) {
  const review = itemsForReview(conferences, items, conference.id);
  const agreed = itemsAgreedAt(items, conference.id);
  const setStatus = (item: ActionItem, status: ActionItemStatus) => act(() => setActionItemStatus(doc, item.id, status, conference.id));
  const origin = (item: ActionItem) => conferences.find((c) => c.id === item.conferenceId);
  return (
    <>
      {review.length > 0 && (
        <section className="card" aria-label="前回までの対応事項の確認">
          <h2>前回までの対応事項の確認（モニタリング）</h2>
          <ItemsTable items={review} editable={abilities.canEdit} onStatus={setStatus} showOrigin={(item) => { const c = origin(item); return c ? conferenceLabel(c) : ''; }} testId="review-items" />
        </section>
      )}
      <section className="card" aria-label="この会議の対応事項">
        <h2>この会議の対応事項</h2>
        {agreed.length === 0 && <p className="muted">まだありません。</p>}
        {agreed.length > 0 && <ItemsTable items={agreed} editable={abilities.canEdit} onStatus={setStatus} testId="agreed-items" />}
        {abilities.canEdit && conference.status !== 'closed' && <ActionItemForm onAdd={(input) => act(() => addActionItem(doc, conference.id, input))} />}
      </section>
    </>
  );
}

function ItemsTable(props: {
  items: ActionItem[];
  editable: boolean;
  onStatus: (item: ActionItem, status: ActionItemStatus) => void;
  showOrigin?: (item: ActionItem) => string;
  testId: string;
}) {
  const { items, editable, onStatus, showOrigin, testId } = props;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>内容</th>
          <th>担当者</th>
          <th>機関</th>
          <th>期限</th>
          {showOrigin && <th>決定した会議</th>}
          <th>状態</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>{item.what}</td>
            <td>{item.ownerName}</td>
            <td>{agencyLabel(item.ownerAgency)}</td>
            <td>{item.due}</td>
            {showOrigin && <td>{showOrigin(item)}</td>}
            <td>
              {editable ? (
                <select aria-label={`${item.what}の状態`} value={item.status} onChange={(e) => onStatus(item, e.target.value as ActionItemStatus)}>
                  {[item.status, ...nextActionStatuses(item.status)].map((status) => (
                    <option key={status}>{status}</option>
                  ))}
                </select>
              ) : (
                item.status
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionItemForm({ onAdd }: { onAdd: (input: NewActionItemInput) => void }) {
  const blank = { what: '', ownerName: '', agencyKind: AGENCY_KINDS[0] as string, agencyOther: '', due: '' };
  const [form, setForm] = useState(blank);
  const [error, setError] = useState<string>();
  const field = (key: keyof typeof blank) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const ownerAgency = form.agencyKind === 'その他' ? { kind: 'その他', other: form.agencyOther } : { kind: form.agencyKind };
    const input = NewActionItemInput.safeParse({ what: form.what, ownerName: form.ownerName, ownerAgency, due: form.due });
    if (!input.success) {
      setError('内容・担当者・機関（その他は機関名）・期限を入力してください。');
      return;
    }
    setError(undefined);
    setForm(blank);
    onAdd(input.data);
  }
  return (
    <form className="item-form" onSubmit={submit}>
      <input aria-label="対応内容" placeholder="対応内容" {...field('what')} />
      <input aria-label="担当者" placeholder="担当者" {...field('ownerName')} />
      <select aria-label="担当機関" {...field('agencyKind')}>
        {AGENCY_KINDS.map((kind) => (
          <option key={kind}>{kind}</option>
        ))}
      </select>
      {form.agencyKind === 'その他' && <input aria-label="機関名" placeholder="機関名" {...field('agencyOther')} />}
      <input aria-label="期限" type="date" {...field('due')} />
      <button type="submit">対応事項を追加</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
