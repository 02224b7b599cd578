/**
 * Says whether something (one person's opening of one case, say) is due a row in the trail: the
 * first time for its key, then again only once `windowMs` has passed since the row it last got.
 * Kept in this process's memory: each process of the scale-out tier decides on its own, so a
 * person whose reconnects land on several processes gets at most one row per window from each
 * (a duplicate row, never a missing one).
 */
export class OncePerWindow {
  /** When each key last got a row, in that order (a key is moved to the end when it gets one). */
  private readonly recorded = new Map<string, number>();

  /**
   * `maxKeys` bounds the memory (keys live across connections, not per connection): the oldest are
   * forgotten first, at worst giving a key a row again within its window.
   */
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** True when `key` is due a row now (and its window starts now); false within its window. */
  due(key: string, now = Date.now()): boolean {
    const last = this.recorded.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.recorded.delete(key);
    // The oldest first: those whose window has ended (all windows being as long), or too many.
    for (const [old, at] of this.recorded) {
      if (now - at < this.windowMs && this.recorded.size < this.maxKeys) break;
      this.recorded.delete(old);
    }
    this.recorded.set(key, now);
    return true;
  }

  /** The row `due` allowed was not written after all: the key is due one again at once. */
  forget(key: string): void {
    this.recorded.delete(key);
  }
}
