import { writesNothing, writesOnlyOwnEntry } from '@care/case-doc';
import { allowed, type WriteGuard } from '../sync/write-guard.ts';

/** Why a member with read access is refused (shown to them as it is). */
export const READ_ONLY_REFUSAL = 'このケースは閲覧のみのため、変更できません';

/**
 * Members with read access (observers, coordinators reviewing) receive every edit but make none,
 * except joining a live conference they attend (their own participant entry, writesOnlyOwnEntry).
 * An update that changes nothing (what a reconnecting reader's browser re-sends of its copy)
 * writes nothing, so it is not refused.
 */
export const membershipWriteGuard: WriteGuard = ({ principal, doc, touches }) =>
  principal.caseAccess === 'edit' || writesNothing(touches) || writesOnlyOwnEntry(doc, principal.userId, touches)
    ? allowed
    : { allowed: false, reason: READ_ONLY_REFUSAL };
