import { z } from 'zod';
import { CaseId } from './case.ts';

/** What happened to a case; the audit trail never records content. */
export const AuditAction = z.enum([
  'open',
  'edit',
  'export',
  /** a past conference record's content read (one record, or two compared) */
  'view-record',
  /** its open action items read in the list across cases (対応事項の一覧) */
  'view-action-items',
  /** membership granted or changed, invitation created */
  'grant',
  /** membership removed, invitation revoked */
  'revoke',
  /** the case closed (ケース終結): read-only for everyone */
  'close',
  /** a closed case reopened */
  'reopen',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  caseId: CaseId,
  actorId: z.string(),
  /** Name and agency as they were at the time. */
  actorName: z.string(),
  actorAgency: z.string(),
  action: AuditAction,
  at: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ entries: z.array(AuditEntry) });
export type AuditList = z.infer<typeof AuditList>;
