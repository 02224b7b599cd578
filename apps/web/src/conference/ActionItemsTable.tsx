import { nextActionStatuses } from '@care/case-doc';
import {
  ACTION_ITEM_LABELS as column,
  type ActionItem,
  type ActionItemOwner,
  type ActionItemStatus,
  actionItemTexts,
  type NewActionItemInput,
  PROGRESS_MAX_LENGTH,
  type VersionOf,
  versionsOf,
} from '@care/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ChoiceSelect } from '../ui/ChoiceSelect.tsx';
import { LimitedInput } from '../ui/LimitedInput.tsx';
import { focusFoundWhenGone } from '../ui/focus-when-gone.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { leaveOnEnter } from '../ui/enter-writes.ts';
import { pressed } from '../ui/ime-keys.ts';
import { ActionItemForm, type TypedItem } from './ActionItemForm.tsx';
import { ownerText, type Person } from './agency.ts';
import { DueDate } from './DueDate.tsx';
import { ChangedWhileTyping, useTypingOver } from './TypingOver.tsx';
import { useKept } from './KeptTyping.tsx';
import { VersionsNote } from './VersionsNote.tsx';

/** Changing the listed items: their status from the row, the rest through the item's form. */
export type ItemChanges = {
  /** The shown conference's people, offered as owners (peopleIn). */
  owners: readonly Person[];
  onStatus: (item: ActionItem, status: ActionItemStatus) => void;
  /** 経過, written at the review (モニタリング). */
  onProgress: (item: ActionItem, progress: string) => void;
  /** `seen`: the item as its form showed it when opened (only what changed from it is written). */
  onEdit: (item: ActionItem, seen: NewActionItemInput, edited: NewActionItemInput) => void;
  /** Keeps one version of 担当者 or 期限 written two ways (状況: onStatus). */
  onChoose: <F extends 'owner' | 'due'>(item: ActionItem, field: F, version: VersionOf<F>) => void;
};

type TableProps = {
  items: ActionItem[];
  /** The date overdue items are judged by: the shown or recorded conference's (none without one). */
  asOf: string | undefined;
  /**
   * The conference each item was agreed at, given for the review of earlier conferences' items,
   * which also shows what has been done about each (経過).
   */
  agreedAt?: (item: ActionItem) => string;
  /** Given where the items may be changed (the live screen, for all but observers); read-only without. */
  changes?: ItemChanges;
  label?: string;
  testId?: string;
};

/** Rows of action items under the names every screen gives their columns (ACTION_ITEM_LABELS). */
export function ActionItemsTable({ items, asOf, agreedAt, changes, label, testId }: TableProps) {
  return (
    <table className="table table--cards" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          <th>{column.what}</th>
          <th>{column.ownerName}</th>
          <th>{column.ownerAgency}</th>
          <th>{column.due}</th>
          {agreedAt && <th>{column.conferenceId}</th>}
          <th>{column.status}</th>
          {agreedAt && <th>{column.progress}</th>}
          {changes && <th />}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <ItemRow key={item.id} item={item} asOf={asOf} agreedAt={agreedAt?.(item)} changes={changes} />
        ))}
      </tbody>
    </table>
  );
}

function ItemRow({ item, asOf, agreedAt, changes }: { item: ActionItem; asOf: string | undefined; agreedAt: string | undefined; changes: ItemChanges | undefined }) {
  const text = actionItemTexts(item);
  // What the form holds outlives it (KeptTyping.tsx): it goes with edit access, or with the row when another conference is shown.
  const { kept, keep } = useKept(`edit:${item.id}`);
  /** The item as its form showed it when opened (内容 written two ways, side by side, to be written as one). */
  const [editing, setEditing] = useState<NewActionItemInput | undefined>(() => (kept?.kind === 'edit' ? kept.seen : undefined));
  const where = `対応事項の編集：${text.what}`;
  const onTyped = useCallback((typed: TypedItem | undefined) => keep(typed && editing && { kind: 'edit', where, seen: editing, typed }), [keep, where, editing]);
  // The row and its form take each other's place: the keyboard goes from 編集 to the form's first field, and back.
  const row = useRef<HTMLTableRowElement>(null);
  const close = () => {
    setEditing(undefined);
    keep(undefined);
    focusFoundWhenGone(() => row.current?.querySelector('button[aria-label$="を編集"]'));
  };
  const edit = () => {
    setEditing({ what: text.what, ownerName: item.ownerName, ownerAgency: item.ownerAgency, due: item.due });
    focusFoundWhenGone(() => row.current?.querySelector('input'));
  };
  if (editing && changes) {
    return (
      <tr ref={row}>
        <td colSpan={agreedAt === undefined ? 6 : 8}>
          <ActionItemForm
            initial={editing}
            owners={changes.owners}
            submitLabel="保存"
            onSubmit={(input) => {
              changes.onEdit(item, editing, input);
              close();
            }}
            onCancel={close}
            typed={kept?.kind === 'edit' ? kept.typed : undefined}
            onTyped={onTyped}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr ref={row}>
      <td data-label={column.what}>
        {text.what}
        <VersionsNote label={column.what} versions={versionsOf(item, 'what')} settle={changes && '編集でまとめて書き直すと1つになります。'} />
      </td>
      <td data-label={column.ownerName}>
        {text.ownerName}
        <VersionsNote label={column.ownerName} versions={versionsOf(item, 'owner')} choose={changes && { show: ownerText, onChoose: (owner: ActionItemOwner) => changes.onChoose(item, 'owner', owner) }} />
      </td>
      <td data-label={column.ownerAgency}>{text.ownerAgency}</td>
      <td data-label={column.due}>
        <DueDate item={item} asOf={asOf} />
        <VersionsNote label={column.due} versions={versionsOf(item, 'due')} choose={changes && { show: String, onChoose: (due: string) => changes.onChoose(item, 'due', due) }} />
      </td>
      {agreedAt !== undefined && <td data-label={column.conferenceId}>{agreedAt}</td>}
      <td data-label={column.status}>
        {changes ? (
          <ChoiceSelect aria-label={`${item.what}の${column.status}`} value={item.status} onChoose={(status) => changes.onStatus(item, status as ActionItemStatus)}>
            {[item.status, ...nextActionStatuses(item.status)].map((status) => (
              <option key={status}>{status}</option>
            ))}
          </ChoiceSelect>
        ) : (
          text.status
        )}
        <VersionsNote label={column.status} versions={versionsOf(item, 'status')} choose={changes && { show: String, onChoose: (status: ActionItemStatus) => changes.onStatus(item, status) }} />
      </td>
      {agreedAt !== undefined && (
        <td data-label={column.progress}>
          {changes ? <ProgressField item={item} onProgress={changes.onProgress} /> : text.progress}
          <VersionsNote label={column.progress} versions={versionsOf(item, 'progress')} settle={changes && 'この欄でまとめて書き直すと1つになります。'} />
        </td>
      )}
      {changes && (
        <td>
          <button type="button" className="secondary" aria-label={`${item.what}を編集`} onClick={edit}>
            編集
          </button>
        </td>
      )}
    </tr>
  );
}

/**
 * 経過 as a field: written when it loses focus, or on Enter (not the Enter that commits an IME
 * composition); Esc gives up what was typed. What is being typed is never replaced from elsewhere
 * (useTypingOver): when someone else writes the item's 経過 meanwhile, theirs is shown beside it.
 * 経過 written by two people who had not seen each other's (one offline) holds both versions: the
 * field shows them side by side (VersionsNote says so), and what is written next replaces both
 * (once it is short enough).
 */
function ProgressField({ item, onProgress }: { item: ActionItem; onProgress: ItemChanges['onProgress'] }) {
  const { progress: current, what } = actionItemTexts(item);
  // Until written, what is typed is only here: kept apart (KeptTyping.tsx), as the field goes with edit access.
  const { kept, keep } = useKept(`progress:${item.id}`);
  const typing = useTypingOver(current, kept?.kind === 'progress' ? kept.draft : undefined);
  const { draft, unwritten } = typing;
  const tooLong = (draft?.text.trim().length ?? 0) > PROGRESS_MAX_LENGTH;
  // Reloading or closing the page would lose it too.
  useHoldWhileTyped(unwritten);
  const where = `経過：${what}`;
  useEffect(() => keep(unwritten && draft ? { kind: 'progress', where, draft } : undefined), [keep, unwritten, where, draft]);
  const save = () => {
    if (tooLong) return; // kept here until shortened (several versions side by side may start out longer)
    const text = typing.end();
    if (text !== undefined) onProgress(item, text);
  };
  return (
    <>
      <LimitedInput
        className="progress-field"
        aria-label={`${item.what}の${column.progress}`}
        placeholder={column.progress}
        maxLength={PROGRESS_MAX_LENGTH}
        value={typing.shown}
        onChange={(e) => typing.type(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (pressed(e, 'Escape')) typing.giveUp();
          leaveOnEnter(e);
        }}
      />
      {tooLong && (
        <p role="alert" className="progress-conflict">
          {column.progress}は{PROGRESS_MAX_LENGTH}文字までです（いま{draft!.text.trim().length}文字）。短くすると書き込めます。
        </p>
      )}
      <ChangedWhileTyping label={column.progress} changedTo={typing.changedTo} />
    </>
  );
}
