import { AgendaItem, AgendaTimer, Attendee, Participant, RegionalIssue, RoleAssignment, UserId } from '@care/schema';
import * as Y from 'yjs';
import { CaseDocField, ConferenceKey, notesConferenceId } from '../fields.ts';
import type { Touch } from '../update-touches.ts';
import { actionItemsMap, conferencesMap, parseConferenceFields, readActionItem } from './read.ts';

const isUserId = (key: string | undefined) => UserId.safeParse(key).success;

/**
 * How readers (read.ts) take each entry of a conference's parts: a person's entry in a map, filed
 * under their userId; an entry of a list; the timer. The maps themselves are shared types.
 */
const readableEntry: Record<string, (value: unknown, userId: string | undefined) => boolean> = {
  [ConferenceKey.participants]: (value, userId) => isUserId(userId) && Participant.safeParse(value).data?.userId === userId,
  [ConferenceKey.roles]: (value, userId) => isUserId(userId) && RoleAssignment.safeParse(value).success,
  [ConferenceKey.agenda]: (value) => AgendaItem.safeParse(value).success,
  [ConferenceKey.attendees]: (value) => Attendee.safeParse(value).success,
  [ConferenceKey.issues]: (value) => RegionalIssue.safeParse(value).success,
  [ConferenceKey.timer]: (value) => AgendaTimer.safeParse(value).success,
};
const MAP_PARTS: string[] = [ConferenceKey.participants, ConferenceKey.roles];

/**
 * Whether a write leaves in the conference model something readers would leave out, taking it off
 * every screen with no more than a reported problem: a participant off the attendance list and the
 * minutes, a role, an agenda item, a whole conference or action item. Only what the update touches
 * is read (every keystroke is judged): each entry it writes as readers take it, and the fields of a
 * conference or an action item it writes as they are once it is applied. A conference or item
 * removed whole leaves nothing to read.
 */
export function leavesUnreadable(doc: Y.Doc, touches: Touch[]): boolean {
  if (touches.some(writesOutsideBlocks)) return true;
  const byEntry = new Map<string, Touch[]>(); // the touches of a conference's or an item's fields, by `${root} ${id}`
  for (const touch of touches) {
    const [root, id, key, userId] = touch.path;
    if (id === undefined || (root !== CaseDocField.conferences && root !== CaseDocField.actionItems)) continue;
    const readEntry = root === CaseDocField.conferences && key !== undefined ? readableEntry[key] : undefined;
    if (!readEntry) {
      const entryTouches = byEntry.get(`${root} ${id}`);
      if (entryTouches) entryTouches.push(touch);
      else byEntry.set(`${root} ${id}`, [touch]);
    }
    else if (touch.value !== undefined && ((MAP_PARTS.includes(key!) && userId === undefined) || !readEntry(touch.value, userId))) return true;
  }
  for (const entryTouches of byEntry.values()) {
    const [root, id] = entryTouches[0]!.path as [string, string];
    if (!readableAfter(root === CaseDocField.conferences ? conferencesMap(doc) : actionItemsMap(doc), root, id, entryTouches)) return true;
  }
  return false;
}

/** Whether the conference or action item `id` of `parent` reads once these touches of it are applied. */
function readableAfter(parent: Y.Map<unknown>, root: string, id: string, touches: Touch[]): boolean {
  const itself = touches.filter(({ path }) => path.length === 2);
  const setAnew = itself.some(({ deleted }) => !deleted);
  if (!setAnew && itself.length > 0) return true; // removed whole
  const plain = itself.find(({ deleted, value }) => !deleted && value !== undefined);
  // A plain value is what readers get: only an action item may be one (as items were first stored).
  if (plain) return root === CaseDocField.actionItems && readActionItem(id, plain.value, false) !== undefined;
  const before = parent.get(id);
  if (!setAnew && !(before instanceof Y.Map)) return true; // nothing here for these touches to change (they cannot be placed)
  const fields: Record<string, unknown> = setAnew ? {} : (before as Y.Map<unknown>).toJSON();
  for (const { path, deleted } of touches) if (path.length === 3 && deleted) delete fields[path[2]!];
  for (const { path, deleted, value } of touches) if (path.length === 3 && !deleted && value !== undefined) fields[path[2]!] = value;
  return root === CaseDocField.conferences ? parseConferenceFields(id, fields).success : readActionItem(id, fields, true) !== undefined;
}

/**
 * Text or a value put straight into the summary or a 検討内容, outside any paragraph (only a crafted
 * client writes it): no editor can show it, and each page showing the case threw at every change
 * after it, and one opened later never finished loading it.
 */
function writesOutsideBlocks({ path: [root], loose }: Touch): boolean {
  return loose === true && (root === CaseDocField.summary || notesConferenceId(root!) !== undefined);
}
