/**
 * Batches writes into durable commits (one fsync each), then resolves each caller in arrival
 * order. A write starts a commit at once (after the current task's other writes join it) unless
 * one is in flight; everything that arrives meanwhile forms the next. Commits never overlap, so
 * order is preserved across batches too.
 */
export class GroupCommit<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly commit: (items: T[]) => Promise<void> | void) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // A microtask, not setImmediate: no event-loop turn is spent before an idle store commits.
        queueMicrotask(() => {
          this.flushing = this.flushing.then(() => this.flush());
        });
      }
    });
  }

  /** Resolves when everything added so far is committed (used before shutdown and compaction). */
  async drain(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.flushing;
    }
    await this.flushing;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      await this.commit(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
