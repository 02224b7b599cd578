type Entry<T> = {
  item: T;
  onWritten?: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
  /** What its onWritten threw: the entry fails, the rest of its batch does not. */
  failed?: unknown;
};

/**
 * A commit of a batch in two stages. `written()` is called once the batch survives a crash of
 * this process (the OS has it); the returned promise resolves once it is durable (fsynced), or
 * rejects. A backend without the distinction just resolves (written is then implied).
 */
export type BatchCommit<T> = (items: T[], written: () => void) => Promise<void> | void;

/**
 * Batches writes into shared commits, in arrival order. A write starts a commit as soon as the
 * event loop has handled what it read along with it (every socket's frames of that turn join)
 * unless one is being written; everything that arrives meanwhile forms the next. Each caller
 * hears twice: `onWritten` when its batch is written, the promise when it is durable. The next
 * batch is written while the previous one's fsync still runs, so a slow disk delays
 * acknowledgements, not what is written (and relayed) next.
 */
export class GroupCommit<T> {
  private pending: Entry<T>[] = [];
  private scheduled = false;
  /** Resolves when the last batch started is written: batches are written one after another. */
  private writing: Promise<void> = Promise.resolve();
  /** Resolves when every batch started so far is settled (durable or failed). */
  private settled: Promise<void> = Promise.resolve();

  constructor(private readonly commit: BatchCommit<T>) {}

  add(item: T, onWritten?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, onWritten, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the event loop's current poll phase: every frame read from the sockets in it joins
        // this commit (a microtask would commit each socket's frames alone).
        setImmediate(() => {
          this.writing = this.writing.then(() => this.flush());
        });
      }
    });
  }

  /** Resolves when everything added so far is durable (used before shutdown and compaction). */
  async drain(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.writing;
    }
    await this.writing;
    await this.settled;
  }

  /** Commits the pending batch; resolves once it is written (or has failed). */
  private flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let announced = false;
    let markWritten!: () => void;
    const written = new Promise<void>((resolve) => (markWritten = resolve));
    const announce = () => {
      if (announced) return;
      announced = true;
      for (const entry of batch) {
        try {
          entry.onWritten?.();
        } catch (error) {
          entry.failed = error;
        }
      }
      markWritten();
    };
    const done = (async () => {
      try {
        await this.commit(
          batch.map((entry) => entry.item),
          announce,
        );
        announce();
        for (const entry of batch) {
          if ('failed' in entry) entry.reject(entry.failed);
          else entry.resolve();
        }
      } catch (error) {
        markWritten(); // not announced: nobody hears "written" of a batch that was not
        for (const entry of batch) entry.reject(error);
      }
    })();
    this.settled = Promise.all([this.settled, done]).then(() => {});
    return written;
  }
}
