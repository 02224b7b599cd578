import * as Y from 'yjs';

/**
 * Refuses updates that would damage a case doc, found by fuzzing:
 * - some decode cleanly but throw half-way through being applied; applied to the live doc they
 *   would leave it half-changed, and once stored the case would fail to load forever;
 * - some refer to content the doc does not have. Yjs keeps those pending, and a doc with pending
 *   parts no longer encodes to itself: a client syncing from it, or the compacted snapshot, can
 *   end up with different content than the server holds. Our clients never send such updates
 *   (they only build on what they made or got from this server), so refusing them loses nothing.
 * Every incoming update is therefore first applied to a shadow copy of the doc, and only if that
 * is clean is it stored and applied for real. The shadow is made at the first check (a case only
 * read costs nothing) and is then told every change applied to the live doc (`follow`); no doc
 * 'update' listener, which would make Yjs encode every transaction once more.
 */
export class ApplicableCheck {
  private shadow?: Y.Doc;
  /** The last update that passed `problem`: already in the shadow, so following it costs nothing. */
  private passed?: Uint8Array;

  constructor(private readonly live: () => Y.Doc) {}

  /** Why the update cannot be taken, or undefined when it applies cleanly (it is then in the shadow). */
  problem(update: Uint8Array): string | undefined {
    let problem: string | undefined;
    const shadow = (this.shadow ??= copyOf(this.live()));
    // (Another process's updates can leave the doc briefly pending until catch-up; judge only what this one adds.)
    const pendingBefore = hasPending(shadow);
    try {
      Y.applyUpdate(shadow, update);
      if (!pendingBefore && hasPending(shadow)) problem = 'update refers to content this case does not have';
    } catch {
      problem = 'update cannot be applied to this case';
    }
    if (problem) {
      // The shadow holds part of the refused update now: make it again from the live doc.
      this.reset();
    } else {
      this.passed = update;
    }
    return problem;
  }

  /** An update applied to the live doc (already in the shadow if it passed `problem`: a no-op then). */
  follow(update: Uint8Array): void {
    if (update === this.passed) this.passed = undefined;
    else if (this.shadow) Y.applyUpdate(this.shadow, update);
  }

  /** Drops the shadow (it is made again from the live doc at the next check), e.g. when an update it took was not stored. */
  reset(): void {
    this.shadow?.destroy();
    this.shadow = undefined;
    this.passed = undefined;
  }

  destroy(): void {
    this.shadow?.destroy();
  }
}

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
