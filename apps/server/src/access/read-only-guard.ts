import { allowed, type WriteGuard } from '../sync/write-guard.ts';

/** Members with read access (observers, coordinators reviewing) receive every edit but may make none. */
export const membershipWriteGuard: WriteGuard = ({ principal }) =>
  principal.caseAccess === 'edit' ? allowed : { allowed: false, reason: 'read-only access: this case is open for reading only' };
