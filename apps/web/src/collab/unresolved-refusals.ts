import type { SaveTracker } from '@care/sync-client';

/**
 * The server refuses as unresolved an edit it cannot place. Mostly one typed while reconnecting
 * reached it before the sync that carries what the edit builds on, and that sync heals it. To know
 * rather than assume: once the server has answered everything sent so far (so every such refusal
 * has come), what it may lack is sent once more (`resend`); refused again, the edits cannot reach
 * it, and `persistent` is told (the page then keeps them as refused), else `cleared`. Until then
 * the edits are `doubtful`: not level with the server.
 */
export class UnresolvedRefusals {
  /** An unresolved refusal came and was not yet found to heal. */
  doubtful = false;
  private checking = false;
  /** The re-sent changes are on their way: a refusal now is theirs. */
  private resent = false;
  private persisted = false;

  constructor(
    private readonly saves: SaveTracker,
    /** Sends again what the server may lack; false when no socket is open to send it on. */
    private readonly resend: () => boolean,
    private readonly persistent: (reason: string) => void,
    private readonly cleared: () => void,
  ) {}

  refused(reason: string): void {
    if (this.resent) {
      this.persisted = true;
      this.persistent(reason);
      return;
    }
    this.doubtful = true;
    this.check();
  }

  /** After a reconnect's sync (which re-sends everything), checks again whatever is still doubtful. */
  synced(): void {
    if (this.doubtful && !this.persisted) this.check();
  }

  private check(): void {
    if (this.checking) return;
    this.checking = true;
    void this.heals().finally(() => {
      this.checking = false;
      this.resent = false;
    });
  }

  private async heals(): Promise<void> {
    if (!(await this.saves.answered()) || !this.resend()) return;
    this.resent = true;
    if (!(await this.saves.answered()) || this.persisted) return;
    this.doubtful = false;
    this.cleared();
  }
}
