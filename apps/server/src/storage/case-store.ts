import type { CaseSummary } from '@care/schema';

/**
 * Everything the server keeps about cases. Implementations: the embedded SQLite store (default)
 * and, for several processes, PostgreSQL. Each case's Yjs state is a log of updates that is
 * periodically folded into a snapshot, so loading never replays an unbounded history.
 */
export interface CaseStore {
  createCase(input: { id: string; title: string; area?: string }): Promise<CaseSummary>;
  listCases(): Promise<CaseSummary[]>;
  getCase(id: string): Promise<CaseSummary | undefined>;
  /** Closes a case (ケース終結) at `closedAt`, or reopens it with null; the case as it is now. */
  setClosed(id: string, closedAt: string | null): Promise<CaseSummary | undefined>;

  /**
   * Resolves once the update is durable: it survives a crash of the machine (as far as the
   * engine's settings promise). `onWritten` is called before that, in append order, once it
   * survives a crash of this process (at the latest just before resolving).
   */
  appendUpdate(caseId: string, update: Uint8Array, onWritten?: () => void): Promise<void>;
  /**
   * For each of these cases, a value that changes whenever what is stored of its document does
   * (an update appended, on any process, or a compaction): to tell whether something read from
   * it before is still current.
   */
  storedVersions(caseIds: readonly string[]): Promise<Map<string, string>>;
  /** The case's snapshot (if any) followed by every update logged after it, oldest first. */
  loadUpdates(caseId: string): Promise<Uint8Array[]>;
  /** Folds the snapshot and logged updates into one snapshot. Returns how many log rows it folded. */
  compact(caseId: string): Promise<number>;

  close(): Promise<void>;
}
