import type { Principal } from '../access/principal.ts';
import type { AuditLog } from './audit-log.ts';

/**
 * Turns a stream of edits into audit rows: the first edit of each connection, then at most one
 * per window, so the trail says who edited when without a row per keystroke.
 */
export class EditAudit {
  private readonly lastRecorded = new WeakMap<object, number>();

  constructor(
    private readonly audit: AuditLog,
    private readonly windowMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  edited(connection: object, actor: Principal, caseId: string, address: string): void {
    const now = Date.now();
    const last = this.lastRecorded.get(connection);
    if (last !== undefined && now - last < this.windowMs) return;
    this.lastRecorded.set(connection, now);
    this.audit.record({ actor, caseId, action: 'edit', at: new Date(now), address }).catch(this.onError);
  }
}
