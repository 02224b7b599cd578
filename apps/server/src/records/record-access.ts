import type { FastifyRequest } from 'fastify';
import { CaseId } from '@care/schema';
import type { Authenticate, Principal } from '../access/principal.ts';
import { NotFoundError, UnauthorizedError } from '../http/errors.ts';
import type { CaseStore } from '../storage/case-store.ts';

/**
 * Who may do what with a case's records, asked by every record route. Each method throws the
 * HTTP error to answer with (401, 403, 404) or returns the checked case id and the caller.
 * Accounts and membership replace the default below with their own rules.
 */
export type RecordAccess = {
  /** List, read, compare and export the case's records. */
  read(request: FastifyRequest, caseIdParam: string): Promise<{ caseId: string; principal?: Principal }>;
  /** Export minutes: a reader who must be known, since every export is audited. */
  export(request: FastifyRequest, caseIdParam: string): Promise<{ caseId: string; principal: Principal }>;
  /** Save a version or restore one into the live doc. */
  write(request: FastifyRequest, caseIdParam: string): Promise<{ caseId: string; principal: Principal }>;
  /** The cases whose records the caller may see on the timeline. */
  visibleCases(request: FastifyRequest): Promise<'all' | ReadonlySet<string>>;
};

/**
 * Until accounts exist: anyone may read, and those who write or export say who they are
 * (self-declared identity), which is only acceptable on a closed network.
 */
export function openRecordAccess(store: CaseStore, authenticate: Authenticate): RecordAccess {
  const existing = async (caseIdParam: string) => {
    const caseId = CaseId.parse(caseIdParam);
    if (!(await store.getCase(caseId))) throw new NotFoundError('No such case');
    return caseId;
  };
  const known = async (request: FastifyRequest, caseIdParam: string) => {
    const caseId = await existing(caseIdParam);
    const principal = await authenticate(request);
    if (!principal) throw new UnauthorizedError('Sign in first');
    return { caseId, principal };
  };
  return {
    read: async (_request, caseIdParam) => ({ caseId: await existing(caseIdParam) }),
    export: known,
    write: known,
    visibleCases: async () => 'all',
  };
}
