import { mayWriteRecords } from '@care/schema';
import type { FastifyRequest } from 'fastify';
import type { AccessServices } from '../access/access-services.ts';
import type { Principal } from '../access/principal.ts';
import { ForbiddenError } from '../http/errors.ts';
import { account, caseAccess } from '../http/guards.ts';
import type { CaseStore } from '../storage/case-store.ts';

/**
 * Who may do what with a case's records, asked by every record route. Each method throws the
 * HTTP error to answer with (401, 403, 404) or returns the checked case id and the caller.
 */
export type RecordAccess = {
  /** List, read, compare and export the case's records. */
  read(request: FastifyRequest, caseIdParam: string): Promise<{ caseId: string; principal: Principal }>;
  /** Export minutes (every export is audited). */
  export(request: FastifyRequest, caseIdParam: string): Promise<{ caseId: string; principal: Principal }>;
  /** Save a version or restore one into the live doc. */
  write(request: FastifyRequest, caseIdParam: string): Promise<{ caseId: string; principal: Principal }>;
  /** The cases whose records the caller may see on the timeline. */
  visibleCases(request: FastifyRequest): Promise<'all' | ReadonlySet<string>>;
};

/**
 * Records follow case membership: members read and export them, members with edit access write.
 * Guests (invited to one conference) see none: records hold the whole case across conferences.
 */
export function memberRecordAccess(store: CaseStore, access: AccessServices): RecordAccess {
  const member = async (request: FastifyRequest, caseIdParam: string) => {
    account(request);
    const admitted = await caseAccess(request, caseIdParam, { store, access });
    // The access level travels with the principal, so the write guard judges a restore as it would a live edit.
    return { caseId: admitted.caseId, principal: { ...admitted.principal, caseAccess: admitted.access } };
  };
  return {
    read: member,
    export: member,
    write: async (request, caseIdParam) => {
      const admitted = await member(request, caseIdParam);
      if (!mayWriteRecords(admitted.principal.caseAccess)) throw new ForbiddenError('このケースは閲覧のみです');
      return admitted;
    },
    visibleCases: (request) => access.memberships.visibleCaseIds(account(request)),
  };
}
