import * as Y from 'yjs';
import { type TextSection, textOnlyIn, writtenText } from './discarded-text.ts';

/**
 * Follows a case doc as the server has it, so that what never reached the server is known without
 * asking it (access revoked: it can no longer be asked). A second doc takes every change that came
 * from the server at once, and the changes made here only when the server has acknowledged all of
 * them (`acknowledged`, told by the save tracker): keeping them until then costs no more a keystroke
 * than keeping its update.
 */
export function followServerCopy(doc: Y.Doc, fromServer: unknown) {
  const copy = new Y.Doc();
  let unacknowledged: Uint8Array[] = [];
  /** Whether the copy was ever level with the server: before, the doc's own part of it is unknown. */
  let known = false;
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === fromServer) Y.applyUpdate(copy, update);
    else unacknowledged.push(update);
  };
  doc.on('update', onUpdate);
  return {
    /** Everything changed here so far is stored on the server (none of it refused). */
    acknowledged(): void {
      if (unacknowledged.length > 0) Y.applyUpdate(copy, Y.mergeUpdates(unacknowledged));
      unacknowledged = [];
      known = true;
    },
    /** What the doc holds beyond the server's copy (all of it before the copy was ever level), as one update. */
    lacking(): Uint8Array {
      return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(copy));
    },
    /** The doc's text the server's copy lacks; unknown before the copy was ever level. */
    unsentText(): TextSection[] | undefined {
      return known ? textOnlyIn(writtenText(doc), writtenText(copy)) : undefined;
    },
    destroy(): void {
      doc.off('update', onUpdate);
      copy.destroy();
    },
  };
}
