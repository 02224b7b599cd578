// y-leveldb ships types its package.json "exports" does not expose; the part the bench uses.
declare module 'y-leveldb' {
  export class LeveldbPersistence {
    constructor(location: string);
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    destroy(): Promise<void>;
    /** Runs `f` on the raw level db, queued behind the persistence's other writes. */
    _transact<T>(f: (db: { batch(ops: unknown[]): Promise<void> }) => Promise<T>): Promise<T>;
  }
}
