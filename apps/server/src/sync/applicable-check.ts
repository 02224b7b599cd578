import type { DecodedUpdate } from '@care/case-doc';
import * as Y from 'yjs';

/**
 * Why an update cannot be taken into a case doc, or undefined when it applies cleanly. Refused,
 * found by fuzzing:
 * - updates that decode cleanly but throw half-way through being applied; applied to the live doc
 *   they would leave it half-changed, and once stored the case would fail to load forever;
 * - updates that refer to content the doc does not have. Yjs keeps those pending, and a doc with
 *   pending parts no longer encodes to itself: a client syncing from it, or the compacted snapshot,
 *   can end up with different content than the server holds. Our clients never send such updates
 *   (they only build on what they made or got from this server), so refusing them loses nothing.
 *
 * What clients send while connected (typing, new paragraphs and entries, deletions, offline edits
 * sent on reconnecting) is judged from its decoded structs alone: each part builds on what the
 * doc or the update itself already holds, in order, with content Yjs integrates without surprises.
 * Anything else is applied first to a throwaway copy of the doc: exact, but it copies the doc.
 */
export function applicationProblem(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate): string | undefined {
  return buildsOnWhatIsThere(doc, decoded) ? undefined : problemOnACopy(doc, update);
}

/**
 * True only when applying the update integrates every struct and deletion at once: per client its
 * structs continue exactly where the doc stops, every reference (origin, right origin, parent) is
 * to the doc or to an earlier struct of the same client in the update, and the deletions stay
 * within what the doc then holds. False means "not shown", not "refused".
 */
export function buildsOnWhatIsThere(doc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
  const store = doc.store;
  const reach = new Map<number, number>(); // each client's next clock, with the update's structs so far
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const next = reachOf(reach, store, client);
    if (struct instanceof Y.Skip || struct.length < 1 || clock !== next) return false;
    if (struct instanceof Y.Item) {
      if (!integratesPlainly(doc, struct)) return false;
      const parent = struct.parent instanceof Y.ID ? struct.parent : null;
      for (const id of [struct.origin, struct.rightOrigin, parent]) {
        if (id && !(id.client === client ? id.clock < clock : id.clock < Y.getState(store, id.client))) return false;
      }
    }
    reach.set(client, clock + struct.length);
  }
  for (const [client, ranges] of ds.clients) {
    const next = reachOf(reach, store, client);
    for (const { clock, len } of ranges) if (len < 1 || clock + len > next) return false;
  }
  return true;
}

// (Module functions rather than closures made per call: tsx, which runs the server, names every
// closure it makes with Object.defineProperty, a cost per update on this path.)

/** A client's next clock: after the update's structs so far (`reach`), else after the doc's. */
function reachOf(reach: Map<number, number>, store: Y.Doc['store'], client: number): number {
  return reach.get(client) ?? Y.getState(store, client);
}

/** Content whose integration cannot throw (formatting only inside text, where Yjs cleans it up). */
function integratesPlainly(doc: Y.Doc, item: Y.Item): boolean {
  const { content } = item;
  if (content instanceof Y.ContentFormat) return parentInDoc(doc, item) instanceof Y.Text;
  return (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentType ||
    content instanceof Y.ContentAny ||
    content instanceof Y.ContentDeleted
  );
}

/** The type an item of the update goes into, when the doc alone says which (its parent, or its neighbour's). */
function parentInDoc(doc: Y.Doc, item: Y.Item): unknown {
  const { parent } = item;
  if (typeof parent === 'string') return doc.share.get(parent);
  const id = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin);
  if (!id || id.clock >= Y.getState(doc.store, id.client)) return undefined;
  const found = Y.getItem(doc.store, id);
  if (!(found instanceof Y.Item)) return undefined;
  return parent instanceof Y.ID ? (found.content as Partial<Y.ContentType>).type : found.parent;
}

/** Applies the update to a copy of the doc and sees what happens. */
function problemOnACopy(doc: Y.Doc, update: Uint8Array): string | undefined {
  const copy = new Y.Doc({ gc: doc.gc });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    // (Another process's updates can leave the doc briefly pending until catch-up; judge only what this one adds.)
    const pendingBefore = hasPending(copy);
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return 'update cannot be applied to this case';
    }
    if (!pendingBefore && hasPending(copy)) return 'update refers to content this case does not have';
    return undefined;
  } finally {
    copy.destroy();
  }
}

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
