import { type Principal, personOf } from '../access/principal.ts';
import type { AuditLog, AuditRecord } from './audit-log.ts';
import { OncePerWindow } from './once-per-window.ts';

/**
 * A connection from the same person to the same case from the same address this soon after their
 * last 'open' row writes none: a flapping Wi-Fi in a conference room reconnects dozens of times
 * within minutes, while a return after a break or a later visit still shows as an opening of its own.
 */
export const OPEN_AUDIT_WINDOW_MS = 10 * 60_000;

/** What a row is due for: one person's use of one case from one address. */
export const openingKey = (actor: Principal, caseId: string, address: string) => `${personOf(actor)}\n${caseId}\n${address}`;

/**
 * Turns sync connections and their edits into audit rows, so the trail says who opened and edited
 * which case, when and from where, without a row per reconnect or per keystroke: an 'open' once per
 * OPEN_AUDIT_WINDOW_MS for each person, case and address; an 'edit' for a person's first edit of a
 * case from an address, then at most one per edit window (whichever of their connections from there
 * it came over): the trail shows every device or network a case was changed from.
 */
export class ConnectionAudit {
  private readonly opens = new OncePerWindow(OPEN_AUDIT_WINDOW_MS);
  private readonly edits: OncePerWindow;

  constructor(
    private readonly audit: AuditLog,
    editWindowMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.edits = new OncePerWindow(editWindowMs);
  }

  /** Resolves once the row is durable (or at once when none is due); rejects when it could not be written. */
  opened(actor: Principal, caseId: string, address: string): Promise<void> {
    return this.recordIfDue(this.opens, openingKey(actor, caseId, address), { actor, caseId, action: 'open', address });
  }

  edited(actor: Principal, caseId: string, address: string): void {
    this.recordIfDue(this.edits, openingKey(actor, caseId, address), { actor, caseId, action: 'edit', address }).catch(this.onError);
  }

  /** A row that could not be written is due again at the next connection or edit, not a window later. */
  private async recordIfDue(windows: OncePerWindow, key: string, row: AuditRecord): Promise<void> {
    if (!windows.due(key)) return;
    try {
      await this.audit.record(row);
    } catch (error) {
      windows.forget(key);
      throw error;
    }
  }
}
