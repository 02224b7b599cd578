import { ConferenceStatus } from '@care/schema';
import * as Y from 'yjs';
import { ConferenceKey } from '../fields.ts';
import { conferenceEntry, conferencesMap } from './read.ts';

/** A conference's status as the doc holds it now (undefined: no such conference, or an invalid status). */
export function conferenceStatus(doc: Y.Doc, conferenceId: string): ConferenceStatus | undefined {
  return ConferenceStatus.safeParse(conferenceEntry(doc, conferenceId)?.get(ConferenceKey.status)).data;
}

/** Ids of the conferences the doc holds with this status now (e.g. the closed ones, the live one). */
export function conferenceIdsWith(doc: Y.Doc, status: ConferenceStatus): Set<string> {
  const found = new Set<string>();
  conferencesMap(doc).forEach((entry, id) => {
    if (entry instanceof Y.Map && entry.get(ConferenceKey.status) === status) found.add(id);
  });
  return found;
}

/**
 * Calls `listener` after each transaction that closes conferences, whatever its origin (a peer,
 * another server process, storage), with their ids. Returns a function that stops listening.
 */
export function onConferencesClosed(doc: Y.Doc, listener: (closedIds: string[], transaction: Y.Transaction) => void): () => void {
  let closed = conferenceIdsWith(doc, 'closed');
  const conferences = conferencesMap(doc) as Y.AbstractType<any>;
  const check = (transaction: Y.Transaction) => {
    if (!transaction.changedParentTypes.has(conferences)) return;
    const now = conferenceIdsWith(doc, 'closed');
    const newlyClosed = [...now].filter((id) => !closed.has(id));
    closed = now;
    if (newlyClosed.length > 0) listener(newlyClosed, transaction);
  };
  doc.on('afterTransaction', check);
  return () => doc.off('afterTransaction', check);
}
