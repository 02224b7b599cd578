import type { CaseStore } from '../storage/case-store.ts';
import { CaseRoom, type Peer, type RoomOptions } from './case-room.ts';

/** `holds`: connected peers plus server tasks using the room; it unloads only when none is left. */
type Entry = { room: Promise<CaseRoom>; holds: number; unloadTimer?: NodeJS.Timeout };

/**
 * Keeps one CaseRoom per case while anyone is connected (or the server itself is using it). A
 * case nobody has open for `idleUnloadMs` is compacted and dropped from memory.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: CaseStore,
    private readonly options: RoomOptions & { idleUnloadMs: number },
  ) {}

  async join(caseId: string, peer: Peer): Promise<CaseRoom> {
    const room = await this.acquire(caseId);
    room.join(peer);
    return room;
  }

  leave(room: CaseRoom, peer: Peer): void {
    room.leave(peer);
    this.release(room);
  }

  /**
   * Runs a server task on the case's live room, loading it if nobody has the case open, so that
   * what the task changes is stored, relayed to every peer and process, and seen by later tasks.
   */
  async withRoom<T>(caseId: string, task: (room: CaseRoom) => Promise<T>): Promise<T> {
    const room = await this.acquire(caseId);
    try {
      return await task(room);
    } finally {
      this.release(room);
    }
  }

  private async acquire(caseId: string): Promise<CaseRoom> {
    let entry = this.entries.get(caseId);
    if (!entry) {
      const created: Entry = { room: CaseRoom.load(caseId, this.store, this.options), holds: 0 };
      created.room.catch(() => this.entries.get(caseId) === created && this.entries.delete(caseId));
      this.entries.set(caseId, created);
      entry = created;
    }
    entry.holds++;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = undefined;
    return entry.room;
  }

  private release(room: CaseRoom): void {
    const entry = this.entries.get(room.caseId);
    if (!entry || --entry.holds > 0) return;
    entry.unloadTimer = setTimeout(() => {
      if (entry.holds > 0 || this.entries.get(room.caseId) !== entry) return;
      this.entries.delete(room.caseId);
      room
        .compact()
        .catch((error) => this.options.onError(error, `compacting case ${room.caseId} on unload`))
        .finally(() => room.destroy());
    }, this.options.idleUnloadMs);
  }

  /** Number of case docs in memory (for health checks and leak tests). */
  get loadedCount(): number {
    return this.entries.size;
  }

  /** On shutdown: tell every peer why, then compact and release every room. */
  async closeAll(code: number, reason: string): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        clearTimeout(entry.unloadTimer);
        const room = await entry.room.catch(() => undefined);
        if (!room) return;
        room.closeAll(code, reason);
        await room.compact().catch((error) => this.options.onError(error, `compacting case ${room.caseId}`));
        room.destroy();
      }),
    );
  }
}
