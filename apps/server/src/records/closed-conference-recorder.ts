import { onConferencesClosed, participantAgencies, readConferences } from '@care/case-doc';
import type { ConferenceRecordMeta } from '@care/schema';
import * as Y from 'yjs';
import type { CaseRoom } from '../sync/case-room.ts';
import type { RecordStore } from './record-store.ts';

/**
 * Watches a room's doc and stores a record of the case the moment a conference is closed by a
 * peer of this process: the doc exactly as the closing update left it, taken by whoever closed
 * it. Another process's peer closing it is that process's to record; the store keeps one record
 * per conference in any case, so a race between processes still leaves exactly one.
 */
export function recordClosedConferences(
  room: CaseRoom,
  records: RecordStore,
  onRecorded: (record: ConferenceRecordMeta) => void,
  onError: (error: unknown, context: string) => void,
): void {
  const doc = room.doc;
  onConferencesClosed(doc, (newlyClosed, transaction) => {
    const closer = room.peerBehind(transaction.origin)?.principal;
    if (!closer) return;

    const state = Y.encodeStateAsUpdate(doc);
    const conferences = readConferences(doc).value;
    for (const conferenceId of newlyClosed) {
      const conference = conferences.find((c) => c.id === conferenceId);
      const takenBy = { userId: closer.userId, name: closer.name, agency: closer.agency };
      records
        .add({
          caseId: room.caseId,
          conferenceId,
          kind: 'closed-conference',
          label: conference ? `${conference.date} ${conference.kind}` : '会議',
          takenBy,
          agencies: [...participantAgencies(conference), closer.agency],
          state,
        })
        .then((record) => record && onRecorded(record))
        .catch((error) => onError(error, `recording closed conference ${conferenceId} of case ${room.caseId}`));
    }
  });
}
