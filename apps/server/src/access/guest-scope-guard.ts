import { judgeGuestWrite } from '@care/case-doc';
import { allowed, type WriteGuard } from '../sync/write-guard.ts';

/**
 * Guests (invited by link to one conference) change only what that conference is about, and only
 * while it is live; the rules are in @care/case-doc (judgeGuestWrite). Accounts pass untouched.
 */
export const guestScopeGuard: WriteGuard = ({ principal, doc, touches }) =>
  principal.invitation
    ? judgeGuestWrite(doc, { userId: principal.userId, conferenceId: principal.invitation.conferenceId }, touches)
    : allowed;
