import * as Y from 'yjs';
import { conferenceNotesFragment } from '../summary.ts';
import { fieldOf } from './action-item-versions.ts';
import { itemsAgreedAt, itemsForReview } from './carry-over.ts';
import { actionItemsMap, readActionItems, readConferences } from './read.ts';

/**
 * Whether a transaction writes what belongs to one of these conferences, as the doc holds them now
 * (at their close, for their record): their 検討内容, and the action items they list, those agreed
 * there (adding one, editing its 内容, 担当者, 期限, 状況 or 経過) and those they reviewed (an
 * earlier one still open, or whose status was changed there). A status says where it was changed:
 * one changed between conferences, after the close, is for the next conference to review, so it
 * is not theirs. Another conference's items, and the rest of the doc, are not theirs either.
 */
export function writesOfConferences(doc: Y.Doc, conferenceIds: readonly string[]): (transaction: Y.Transaction) => boolean {
  const ours = (conferenceId: unknown) => conferenceIds.includes(conferenceId as string);
  const notes: Y.AbstractType<any>[] = conferenceIds.map((conferenceId) => conferenceNotesFragment(doc, conferenceId));
  const items = actionItemsMap(doc);
  const conferences = readConferences(doc).value;
  const all = readActionItems(doc).value;
  const listed = new Set(conferenceIds.flatMap((id) => [...itemsAgreedAt(all, id), ...itemsForReview(conferences, all, id)]).map((item) => items.get(item.id)));
  // An item added since is listed where it was agreed; one changed at these conferences is reviewed there.
  const isOurs = (entry: unknown) => listed.has(entry) || ours(fieldOfEntry(entry, 'conferenceId')) || ours(fieldOfEntry(entry, 'statusConferenceId'));
  const writesItem = ([type, keys]: [Y.AbstractType<any>, Set<string | null>]) => {
    if (type === items) return [...keys].some((itemId) => itemId !== null && isOurs(items.get(itemId)));
    if (type.parent !== items || !isOurs(type)) return false;
    // A status written says where: only one written at these conferences is theirs.
    return ![...keys].some((key) => key !== null && fieldOf(key) === 'status') || ours(fieldOfEntry(type, 'statusConferenceId'));
  };
  return (transaction) => notes.some((fragment) => transaction.changedParentTypes.has(fragment)) || [...transaction.changed].some(writesItem);
}

/** A field of an action item entry: a shared map's, or a plain value's (as items were first stored). */
const fieldOfEntry = (entry: unknown, key: string): unknown => (entry instanceof Y.Map ? entry.get(key) : (entry as Record<string, unknown> | undefined)?.[key]);
