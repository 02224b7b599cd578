import { judgeGuestWrite } from '@care/case-doc';
import { allowed, type WriteGuard } from '../sync/write-guard.ts';
import type { ClosingGrace } from './closing-grace.ts';

/**
 * Guests (invited by link to one conference) change only what that conference is about, and only
 * while it is live (and its 検討内容 for the closing grace after); the rules are in @care/case-doc
 * (judgeGuestWrite). Accounts pass untouched.
 */
export const guestScopeGuard =
  (grace: ClosingGrace): WriteGuard =>
  ({ principal, caseId, doc, touches }) =>
    principal.invitation
      ? judgeGuestWrite(doc, { userId: principal.userId, conferenceId: principal.invitation.conferenceId }, touches, (conferenceId) =>
          grace.isClosing(caseId, conferenceId),
        )
      : allowed;
