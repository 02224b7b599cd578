import { judgeConferenceWrite } from '@care/case-doc';
import type { WriteGuard } from '../sync/write-guard.ts';
import type { ClosingGrace } from './closing-grace.ts';

/**
 * Enforces the live conference's roles on the server, whatever a client's UI shows: observers
 * write nothing, and only the 司会 (or a coordinator) changes roles, status, agenda and timer.
 * The rules themselves are in @care/case-doc (judgeConferenceWrite); `grace` says which
 * conferences closed a moment ago.
 */
export const conferenceRoleGuard =
  (grace: ClosingGrace): WriteGuard =>
  ({ principal, caseId, doc, touches }) =>
    judgeConferenceWrite(doc, { userId: principal.userId, isCoordinator: principal.isCoordinator }, touches, (conferenceId) =>
      grace.isClosing(caseId, conferenceId),
    );
