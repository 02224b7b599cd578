import { writesNothing } from '@care/case-doc';
import { allowed, type WriteGuard } from '../sync/write-guard.ts';

/**
 * Members with read access (observers, coordinators reviewing) receive every edit but may make
 * none. An update that changes nothing (what a reconnecting reader's browser re-sends of its
 * copy) writes nothing, so it is not refused.
 */
export const membershipWriteGuard: WriteGuard = ({ principal, touches }) =>
  principal.caseAccess === 'edit' || writesNothing(touches)
    ? allowed
    : { allowed: false, reason: 'read-only access: this case is open for reading only' };
