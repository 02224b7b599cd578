import { onConferencesClosed } from '@care/case-doc';
import type { CaseRoom } from '../sync/case-room.ts';

/**
 * The moment after a conference closes. Its 検討内容 is refused once it has ended, yet the last
 * words its 記録 typed before the close reached their browser are already on their way; for
 * `graceMs` after this process saw the close, they are still taken (judgeConferenceWrite's
 * closingNotes), and the record waits for them (ClosedConferenceRecorder).
 */
export class ClosingGrace {
  /** Conference ids by case id, while their close is fresh. */
  private readonly closing = new Map<string, Set<string>>();

  constructor(readonly graceMs: number) {}

  /** Opens the moment for each conference the room's doc sees closed, whoever closed it (this process or another). */
  follow(room: CaseRoom): void {
    onConferencesClosed(room.doc, (conferenceIds) => this.open(room.caseId, conferenceIds));
  }

  isClosing(caseId: string, conferenceId: string): boolean {
    return this.closing.get(caseId)?.has(conferenceId) ?? false;
  }

  private open(caseId: string, conferenceIds: string[]): void {
    if (this.graceMs === 0) return;
    const ids = this.closing.get(caseId) ?? new Set<string>();
    this.closing.set(caseId, ids);
    for (const id of conferenceIds) ids.add(id);
    setTimeout(() => {
      for (const id of conferenceIds) ids.delete(id);
      if (ids.size === 0 && this.closing.get(caseId) === ids) this.closing.delete(caseId);
    }, this.graceMs).unref();
  }
}
