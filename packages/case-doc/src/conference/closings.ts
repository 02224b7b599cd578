import { ConferenceStatus } from '@care/schema';
import * as Y from 'yjs';
import { ConferenceKey } from '../fields.ts';
import { conferenceEntry, conferenceMapPart, conferencesMap } from './read.ts';
import { ENDED_STATUSES } from './rules.ts';

/** A conference's status as the doc holds it now (undefined: no such conference, or an invalid status). */
export function conferenceStatus(doc: Y.Doc, conferenceId: string): ConferenceStatus | undefined {
  return ConferenceStatus.safeParse(conferenceEntry(doc, conferenceId)?.get(ConferenceKey.status)).data;
}

/** Ids of the conferences the doc holds with one of these statuses now (e.g. the closed ones, the live one). */
export function conferenceIdsWith(doc: Y.Doc, ...statuses: ConferenceStatus[]): Set<string> {
  const found = new Set<string>();
  conferencesMap(doc).forEach((entry, id) => {
    if (entry instanceof Y.Map && statuses.includes(entry.get(ConferenceKey.status) as ConferenceStatus)) found.add(id);
  });
  return found;
}

/** Whether `userId` has joined a conference of the case that is live now (is at the table, if only listening). */
export function attendsLiveConference(doc: Y.Doc, userId: string): boolean {
  return [...conferenceIdsWith(doc, 'live')].some((id) => conferenceMapPart(doc, id, 'participants')?.has(userId));
}

type Listener = (conferenceIds: string[], transaction: Y.Transaction) => void;

/**
 * Calls `listener` after each transaction that closes conferences, whatever its origin (a peer,
 * another server process, storage), with their ids. Returns a function that stops listening.
 */
export function onConferencesClosed(doc: Y.Doc, listener: Listener): () => void {
  return onConferencesReaching(doc, ['closed'], listener);
}

/** onConferencesClosed for conferences that end either way: closed, or cancelled (中止). */
export function onConferencesEnded(doc: Y.Doc, listener: Listener): () => void {
  return onConferencesReaching(doc, ENDED_STATUSES, listener);
}

/**
 * Calls `listener` after each transaction that changes the date of conferences (a planned
 * conference moved), whatever its origin, with their ids. Returns a function that stops listening.
 */
export function onConferencesMoved(doc: Y.Doc, listener: Listener): () => void {
  let dates = conferenceDates(doc);
  return afterConferencesChange(doc, (transaction) => {
    const now = conferenceDates(doc);
    const moved = [...now].filter(([id, date]) => dates.has(id) && dates.get(id) !== date).map(([id]) => id);
    dates = now;
    if (moved.length > 0) listener(moved, transaction);
  });
}

/** Each conference's date as the doc holds it now (whatever its status). */
function conferenceDates(doc: Y.Doc): Map<string, unknown> {
  const dates = new Map<string, unknown>();
  conferencesMap(doc).forEach((entry, id) => {
    if (entry instanceof Y.Map) dates.set(id, entry.get(ConferenceKey.date));
  });
  return dates;
}

/**
 * Calls `listener` after each transaction that brings conferences to one of `statuses` (started:
 * live; closed; cancelled), whatever its origin, with their ids. Returns a function that stops listening.
 */
export function onConferencesReaching(doc: Y.Doc, statuses: readonly ConferenceStatus[], listener: Listener): () => void {
  let reached = conferenceIdsWith(doc, ...statuses);
  return afterConferencesChange(doc, (transaction) => {
    const now = conferenceIdsWith(doc, ...statuses);
    const newly = [...now].filter((id) => !reached.has(id));
    reached = now;
    if (newly.length > 0) listener(newly, transaction);
  });
}

/** Calls `check` after each transaction that changed the conferences map or anything in it. */
function afterConferencesChange(doc: Y.Doc, check: (transaction: Y.Transaction) => void): () => void {
  const conferences = conferencesMap(doc) as Y.AbstractType<any>;
  const after = (transaction: Y.Transaction) => {
    if (transaction.changedParentTypes.has(conferences)) check(transaction);
  };
  doc.on('afterTransaction', after);
  return () => doc.off('afterTransaction', after);
}
