import { hidesReadingInOwnEntry, misnamesOwnEntry, RefusalReason } from '@care/case-doc';
import { agencyOf } from '@care/schema';
import { allowed, type WriteGuard } from '../sync/write-guard.ts';

/**
 * A person's own participant entry names them as they are signed in (an account's name and agency,
 * a guest's as invited): nobody is listed present, 守秘義務 confirmed, under another's name. Every
 * writer, guests, readers and coordinators too; the rule is in @care/case-doc (misnamesOwnEntry).
 * One who only reads the case says so in it (hidesReadingInOwnEntry), so that they are not counted
 * as a 司会 who could run the conference.
 */
export const participantIdentityGuard: WriteGuard = ({ principal, doc, touches }) => {
  if (misnamesOwnEntry(doc, { userId: principal.userId, name: principal.name, agency: agencyOf(principal.agency, principal.agencyKind) }, touches.touches)) {
    return { allowed: false, reason: RefusalReason.notOwnName };
  }
  if (principal.caseAccess === 'read' && hidesReadingInOwnEntry(principal.userId, touches.touches)) return { allowed: false, reason: RefusalReason.readerUnmarked };
  return allowed;
};
