import * as Y from 'yjs';
import { CaseDocField, ConferenceKey, notesConferenceId } from '../fields.ts';
import type { Touch, Touches } from '../update-touches.ts';
import { conferenceStatus } from './closings.ts';
import { actionItemsMap } from './read.ts';
import { ALLOWED, type ClosingNotes, RefusalReason, refuse, type WriteVerdict } from './permissions.ts';

/** An external participant invited to one conference of the case (no account, no membership). */
export type Guest = { userId: string; conferenceId: string };

export const GuestRefusal = {
  notLive: '招待された会議の開催中だけ編集できます',
  outside: '招待された会議の外の内容は変更できません（変更できるのはケース概要、この会議の検討内容と対応事項、自分の参加者情報です）',
} as const;


/**
 * What a guest may change, on top of the conference rules everyone follows: while the conference
 * they were invited to is live, the case summary (the conference works on it), that conference's
 * 検討内容, their own participant entry in it, and the action items agreed at it. Nothing of other
 * conferences or their action items, never a conference's roles, status, agenda or timer, and
 * nothing before the conference starts or after it closes, but for the last words of its 検討内容
 * (`closingNotes`, as judgeConferenceWrite). An update that changes nothing is let through (sync
 * re-sends delete sets the server already has).
 */
export function judgeGuestWrite(doc: Y.Doc, guest: Guest, { touches, unresolved }: Touches, closingNotes: ClosingNotes = () => false): WriteVerdict {
  if (unresolved) return refuse(RefusalReason.unresolved);
  if (touches.length === 0) return ALLOWED;
  const status = conferenceStatus(doc, guest.conferenceId);
  const lastWords = status === 'closed' && closingNotes(guest.conferenceId) && touches.every((touch) => notesConferenceId(touch.path[0]!) === guest.conferenceId);
  if (lastWords) return ALLOWED;
  if (status !== 'live') return refuse(GuestRefusal.notLive);
  const newItems = actionItemsCreatedFor(touches, guest.conferenceId);
  const inScope = (touch: Touch) => {
    const [root, id, key, entryKey] = touch.path;
    if (root === CaseDocField.summary) return true;
    const notesOf = notesConferenceId(root!);
    if (notesOf !== undefined) return notesOf === guest.conferenceId;
    if (root === CaseDocField.conferences) return id === guest.conferenceId && key === ConferenceKey.participants && entryKey === guest.userId;
    if (root === CaseDocField.actionItems && id !== undefined) {
      if (key === 'conferenceId' && touch.value !== guest.conferenceId) return false;
      const agreedAt = actionItemConference(doc, id);
      return agreedAt === undefined ? newItems.has(id) : agreedAt === guest.conferenceId;
    }
    return false;
  };
  return touches.every(inScope) ? ALLOWED : refuse(GuestRefusal.outside);
}

/** Action items this update gives the guest's conference as theirs (those not in the doc yet are new ones). */
function actionItemsCreatedFor(touches: Touch[], conferenceId: string): Set<string> {
  const created = new Set<string>();
  for (const { path, value, deleted } of touches) {
    const [root, id, key] = path;
    if (root === CaseDocField.actionItems && id !== undefined && key === 'conferenceId' && !deleted && value === conferenceId) created.add(id);
  }
  return created;
}

function actionItemConference(doc: Y.Doc, itemId: string): unknown {
  const item = actionItemsMap(doc).get(itemId);
  return item instanceof Y.Map ? item.get('conferenceId') : undefined;
}
