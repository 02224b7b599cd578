import type { FastifyRequest } from 'fastify';
import type { AccessLevel, AgencyKind, PrincipalRole } from '@care/schema';

/** Who is on the other end of a request or websocket, as established by authentication. */
export type Principal = {
  /** Stable id of the person (an account id, or `guest_<invitation id>` for an invited external participant). */
  userId: string;
  name: string;
  agency: string;
  /** The kind of that agency (a guest's: as agencyOf files the agency they were invited as). */
  agencyKind: AgencyKind;
  /** The account's agency (guests have none). */
  agencyId?: string;
  role: PrincipalRole;
  /** The account's login name (guests have none). */
  login?: string;
  /** Coordinators (and admins) run conferences, manage membership and may read every case. */
  isCoordinator: boolean;
  /** Identifies the sign-in (the hash of its token), so signing out can close its connections. */
  sessionId: string;
  /** Guests only: the invitation and the single case and conference it opens. */
  invitation?: { id: string; caseId: string; conferenceId: string; access: AccessLevel };
  /** On a case connection: the access it was admitted with ('read' means every write is refused). */
  caseAccess?: AccessLevel;
};

/**
 * Who a principal is, for counting them apart: the account, or for a guest the sign-in (each
 * guest session is one person at one device, though they share their invitation's id).
 */
export const personOf = (principal: Principal) => (principal.invitation ? `session ${principal.sessionId}` : `user ${principal.userId}`);

/** Establishes the principal of a request; undefined means "not authenticated" (401). */
export type Authenticate = (request: FastifyRequest) => Promise<Principal | undefined>;
