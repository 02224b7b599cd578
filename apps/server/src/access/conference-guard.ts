import { judgeConferenceWrite } from '@care/case-doc';
import type { WriteGuard } from '../sync/write-guard.ts';

/**
 * Enforces the live conference's roles on the server, whatever a client's UI shows: observers
 * write nothing, and only the 司会 (or a coordinator) changes roles, status, agenda and timer.
 * The rules themselves are in @care/case-doc (judgeConferenceWrite).
 */
export const conferenceRoleGuard: WriteGuard = ({ principal, doc, touches }) =>
  judgeConferenceWrite(doc, { userId: principal.userId, isCoordinator: principal.isCoordinator }, touches);
