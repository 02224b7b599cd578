import type { CaseStore } from '../storage/case-store.ts';
import { CaseRoom, type Peer, type RoomOptions } from './case-room.ts';

type Entry = { room: Promise<CaseRoom>; unloadTimer?: NodeJS.Timeout };

/**
 * Keeps one CaseRoom per case while anyone is connected. A case nobody has open for
 * `idleUnloadMs` is compacted and dropped from memory.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: CaseStore,
    private readonly options: RoomOptions & { idleUnloadMs: number },
  ) {}

  async join(caseId: string, peer: Peer): Promise<CaseRoom> {
    let entry = this.entries.get(caseId);
    if (!entry) {
      entry = { room: CaseRoom.load(caseId, this.store, this.options) };
      this.entries.set(caseId, entry);
      entry.room.catch(() => this.entries.delete(caseId));
    }
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = undefined;
    const room = await entry.room;
    room.join(peer);
    return room;
  }

  leave(room: CaseRoom, peer: Peer): void {
    room.leave(peer);
    const entry = this.entries.get(room.caseId);
    if (room.peerCount > 0 || !entry) return;
    entry.unloadTimer = setTimeout(() => {
      if (room.peerCount > 0 || this.entries.get(room.caseId) !== entry) return;
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
