import type { Principal } from '../access/principal.ts';
import type { AuditLog } from './audit-log.ts';
import { OPEN_AUDIT_WINDOW_MS, openingKey } from './connection-audit.ts';
import { OncePerWindow } from './once-per-window.ts';

/**
 * Records someone signed in being refused a case they may not see (access revoked, a link passed
 * on, a guest's other case): in that case's trail, so whoever reviews who tried to read a person's
 * case sees them, by whom and from where. As openings are, once per person, case and address
 * within OPEN_AUDIT_WINDOW_MS: a page retrying, or a refused websocket reconnecting, adds none.
 */
export class RefusedAccessAudit {
  private readonly refusals = new OncePerWindow(OPEN_AUDIT_WINDOW_MS);

  constructor(
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /** Does not wait for the row: the refusal is answered as fast either way. */
  refused(actor: Principal, caseId: string, address: string): void {
    const key = openingKey(actor, caseId, address);
    if (!this.refusals.due(key)) return;
    this.audit.record({ actor, caseId, action: 'access-refused', address }).catch((error) => {
      this.refusals.forget(key);
      this.onError(error, `recording a refused access in the audit trail of case ${caseId}`);
    });
  }
}
