import { conferenceName, onConferencesReaching, readConferences } from '@care/case-doc';
import type { AuditAction, ConferenceStatus } from '@care/schema';
import type { CaseRoom } from '../sync/case-room.ts';
import type { AuditLog } from './audit-log.ts';

/** The trail's action for a conference reaching each status. */
const ACTION_ON_REACHING: [ConferenceStatus, AuditAction][] = [
  ['live', 'start-conference'],
  ['closed', 'close-conference'],
  ['cancelled', 'cancel-conference'],
];

/**
 * Records in the case trail who started, closed (its record taken from then) or called off each
 * conference of the case, when and from where, naming it: the edit rows, at most one per window,
 * cannot say so. Only a change a peer of this process made is recorded here (a change heard from
 * another process is that one's to record; one read from storage was recorded when it was made).
 */
export function auditConferencesOf(room: CaseRoom, audit: Pick<AuditLog, 'record'>, onError: (error: unknown, context: string) => void): void {
  for (const [status, action] of ACTION_ON_REACHING) {
    onConferencesReaching(room.doc, [status], (conferenceIds, transaction) => {
      const peer = room.peerBehind(transaction.origin);
      if (!peer) return;
      const conferences = readConferences(room.doc).value;
      for (const id of conferenceIds) {
        const conference = conferences.find((c) => c.id === id);
        const subject = { kind: 'conference', id, name: conference ? conferenceName(conference, conferences) : id } as const;
        audit
          .record({ actor: peer.principal, caseId: room.caseId, action, subject, address: peer.address })
          .catch((error) => onError(error, `recording a conference's ${action} in the audit trail of case ${room.caseId}`));
      }
    });
  }
}
