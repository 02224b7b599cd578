import { addActionItem, type Conference, editActionItem, hasEnded, itemsAgreedAt, itemsForReview, nextActionStatuses, setActionItemStatus } from '@care/case-doc';
import type { ActionItem, ActionItemStatus, Participant } from '@care/schema';
import { ACTION_ITEM_LABELS as column, agencyLabel } from '@care/schema';
import { useState } from 'react';
import type * as Y from 'yjs';
import { ActionItemForm } from './ActionItemForm.tsx';
import { DueDate } from './DueDate.tsx';
import { agreedAtLabel } from './conference-label.ts';
import type { Abilities, Act } from './ConferenceScreen.tsx';

type Props = { doc: Y.Doc; conference: Conference; conferences: Conference[]; items: ActionItem[]; abilities: Abilities; act: Act };

/**
 * Action items: first the open ones from earlier conferences, reviewed (モニタリング) at this one,
 * then those agreed here. Everyone but observers adds items and changes their status.
 */
export function ActionItemsPanel({ doc, conference, conferences, items, abilities, act }: Props) {
  const review = itemsForReview(conferences, items, conference.id);
  const agreed = itemsAgreedAt(items, conference.id);
  const handlers: RowHandlers = {
    editable: abilities.canEdit,
    participants: conference.participants,
    asOf: conference.date,
    onStatus: (item, status) => act(() => setActionItemStatus(doc, item.id, status, conference.id)),
    onEdit: (item, input) => act(() => editActionItem(doc, item.id, input)),
  };
  return (
    <>
      {review.length > 0 && (
        <section className="card" aria-label="前回までの対応事項の確認">
          <h2>前回までの対応事項の確認（モニタリング）</h2>
          <ItemsTable items={review} handlers={handlers} showOrigin={(item) => agreedAtLabel(conferences, item)} testId="review-items" />
        </section>
      )}
      <section className="card" aria-label="この会議の対応事項">
        <h2>この会議の対応事項</h2>
        {agreed.length === 0 && <p className="muted">まだありません。</p>}
        {agreed.length > 0 && <ItemsTable items={agreed} handlers={handlers} testId="agreed-items" />}
        {abilities.canEdit && !hasEnded(conference.status) && <ActionItemForm participants={conference.participants} submitLabel="対応事項を追加" onSubmit={(input) => act(() => addActionItem(doc, conference.id, input))} />}
      </section>
    </>
  );
}

type RowHandlers = {
  editable: boolean;
  /** The shown conference's participants, offered as owners. */
  participants: readonly Participant[];
  /** The date overdue items are judged by: the shown conference's. */
  asOf: string;
  onStatus: (item: ActionItem, status: ActionItemStatus) => void;
  onEdit: (item: ActionItem, input: Parameters<typeof editActionItem>[2]) => void;
};

function ItemsTable({ items, handlers, showOrigin, testId }: { items: ActionItem[]; handlers: RowHandlers; showOrigin?: (item: ActionItem) => string; testId: string }) {
  return (
    <table className="table table--cards" data-testid={testId}>
      <thead>
        <tr>
          <th>{column.what}</th>
          <th>{column.ownerName}</th>
          <th>{column.ownerAgency}</th>
          <th>{column.due}</th>
          {showOrigin && <th>{column.conferenceId}</th>}
          <th>{column.status}</th>
          {handlers.editable && <th />}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <ItemRow key={item.id} item={item} handlers={handlers} origin={showOrigin?.(item)} />
        ))}
      </tbody>
    </table>
  );
}

function ItemRow({ item, handlers, origin }: { item: ActionItem; handlers: RowHandlers; origin: string | undefined }) {
  const [editing, setEditing] = useState(false);
  const { editable, participants, asOf, onStatus, onEdit } = handlers;
  if (editing) {
    return (
      <tr>
        <td colSpan={origin === undefined ? 6 : 7}>
          <ActionItemForm
            initial={item}
            participants={participants}
            submitLabel="保存"
            onSubmit={(input) => {
              onEdit(item, input);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td data-label={column.what}>{item.what}</td>
      <td data-label={column.ownerName}>{item.ownerName}</td>
      <td data-label={column.ownerAgency}>{agencyLabel(item.ownerAgency)}</td>
      <td data-label={column.due}>
        <DueDate item={item} asOf={asOf} />
      </td>
      {origin !== undefined && <td data-label={column.conferenceId}>{origin}</td>}
      <td data-label={column.status}>
        {editable ? (
          <select aria-label={`${item.what}の${column.status}`} value={item.status} onChange={(e) => onStatus(item, e.target.value as ActionItemStatus)}>
            {[item.status, ...nextActionStatuses(item.status)].map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        ) : (
          item.status
        )}
      </td>
      {editable && (
        <td>
          <button type="button" className="secondary" aria-label={`${item.what}を編集`} onClick={() => setEditing(true)}>
            編集
          </button>
        </td>
      )}
    </tr>
  );
}
