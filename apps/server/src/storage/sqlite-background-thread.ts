import { Worker } from 'node:worker_threads';

/**
 * How far a resolved append has reached. `full`: the WAL is fsync'ed after the commit, so a write
 * survives a crash of the process or of the machine (power loss). `normal`: written to the WAL in
 * the OS's cache and fsync'ed only at checkpoints, so a write survives a crash of the process
 * (SIGKILL, OOM) but the last commits may be lost if the machine goes down. Either way an append
 * is reported written (survives the process) before that.
 */
export type SqliteSynchronous = 'full' | 'normal';


/** A case's snapshot and logged updates folded into one (see sqlite-background-thread.worker.js). */
export type Fold = { data: Uint8Array; throughSeq: number; count: number };

type Reply = { id: number; result?: Fold; error?: string } | { ready: true };

type Waiter = { resolve: (result?: Fold) => void; reject: (error: Error) => void };

/**
 * The SQLite store's background thread (sqlite-background-thread.worker.js), seen from the event
 * loop: each call resolves once its work is done, in the order made. While an fsync or a fold runs
 * there, the event loop keeps relaying and writing the next batches.
 */
export class SqliteBackgroundThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private broken?: Error;
  /** The fsync under way, until it is done. */
  private syncing?: Promise<void>;
  /** The next fsync, not started yet: shared by everyone who asks for one before it starts. */
  private nextSync?: Promise<void>;
  /** When the next fsync is due (performance.now()), and how to wake its wait when brought forward. */
  private nextSyncDue = 0;
  private wakeNextSync?: () => void;
  /** Resolves once the thread has opened the database (so its start-up is not paid by a first edit). */
  readonly ready: Promise<void>;

  /** `checkpointEveryMs`: how often this thread checkpoints the WAL (the event loop's connection never does). */
  constructor(file: string, checkpointEveryMs: number) {
    this.worker = new Worker(new URL('./sqlite-background-thread.worker.js', import.meta.url), {
      workerData: { file, checkpointEveryMs },
    });
    this.worker.unref(); // only pending requests keep the process alive
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: Reply) => {
      if ('ready' in reply) return;
      const { id, result, error } = reply;
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) this.worker.unref();
      if (error === undefined) waiter?.resolve(result);
      else waiter?.reject(new Error(error));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`SQLite background thread exited (${code})`)));
  }

  /**
   * Resolves once every commit written to the database file before the call is on disk. The fsync
   * starts once the one under way is done (that one may have started before the caller's commit),
   * and no sooner than `delayMs` after the call, unless someone asks for it sooner; everyone asking
   * before it starts shares it.
   */
  sync(delayMs = 0): Promise<void> {
    const due = performance.now() + delayMs;
    if (!this.nextSync) {
      this.nextSyncDue = due;
      this.nextSync = (this.syncing ?? Promise.resolve()).catch(() => {}).then(this.untilDue).then(this.startSync);
    } else if (due < this.nextSyncDue) {
      this.nextSyncDue = due;
      this.wakeNextSync?.();
    }
    return this.nextSync;
  }

  private readonly untilDue = async (): Promise<void> => {
    for (let wait; (wait = this.nextSyncDue - performance.now()) > 0; ) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeNextSync = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.wakeNextSync = undefined;
  };

  private readonly startSync = (): Promise<void> => {
    this.nextSync = undefined;
    const run = this.request({ op: 'sync' }).then(() => {});
    this.syncing = run;
    const done = () => {
      if (this.syncing === run) this.syncing = undefined;
    };
    run.then(done, done);
    return run;
  };

  /** The case's log folded (read and folded here, off the event loop), or undefined when nothing is logged. */
  fold(caseId: string): Promise<Fold | undefined> {
    return this.request({ op: 'fold', caseId });
  }

  async close(): Promise<void> {
    if (this.broken) return;
    await this.nextSync?.catch(() => {}); // not yet sent: it must reach the thread before close
    await this.request({ op: 'close' });
    await this.worker.terminate();
  }

  private request(message: { op: string; caseId?: string }): Promise<Fold | undefined> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
