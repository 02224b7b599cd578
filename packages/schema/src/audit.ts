import { z } from 'zod';
import { CaseId, Instant } from './case.ts';

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

/**
 * GET /api/audit (coordinators): the trail across cases, newest first, e.g. every case one person
 * opened in a period (a suspected leak of 要配慮個人情報). `from` inclusive, `before` exclusive.
 */
export const AuditQuery = z.strictObject({
  actorId: z.string().min(1).max(80).optional(),
  action: AuditAction.optional(),
  from: Instant.optional(),
  before: Instant.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditSearchEntry = AuditEntry.extend({ caseTitle: z.string() });
export type AuditSearchEntry = z.infer<typeof AuditSearchEntry>;

export const AuditSearch = z.object({
  entries: z.array(AuditSearchEntry),
  /** More entries matched than the newest ones listed: narrow the search to see the rest. */
  truncated: z.boolean(),
});
export type AuditSearch = z.infer<typeof AuditSearch>;
