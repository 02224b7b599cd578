import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, SyncType } from './frames.ts';

/**
 * Lets the page keep the server's document changes out of its doc for a while: as long as `wait()`
 * says so, each change that arrives is set aside, and the next change after that (or `applyWaiting()`)
 * applies them all in one go. Only changes wait. The server's sync questions are answered as usual,
 * this browser's own edits go out as typed, and the save tracker, which reads acknowledgements off
 * the socket itself, hears them at once. The first sync after a (re)connect never waits, since the
 * provider counts as synced only once it is applied.
 *
 * Attach right after creating the provider.
 */
export class IncomingChanges {
  private waiting: Received[] = [];

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly wait: () => boolean,
  ) {
    const readSync = provider.messageHandlers[MessageType.sync];
    if (!readSync) throw new Error('IncomingChanges: the provider has no sync message handler');
    provider.messageHandlers[MessageType.sync] = (encoder, decoder, from, emitSynced, messageType) => {
      const change = provider.synced && this.wait() ? changeIn(decoder) : undefined;
      if (change) {
        // What this doc has deleted by now is no news in the server's whole delete set, however late it is applied.
        if (change.whole) change.deletedHere = Y.createDeleteSetFromStructStore(provider.doc.store);
        this.waiting.push(change);
        return;
      }
      this.applyWaiting(); // before this frame, so changes keep their order
      const arriving = changeIn(decoder);
      if (!arriving) return readSync(encoder, decoder, from, emitSynced, messageType);
      applyingChanges(provider, [arriving], () => readSync(encoder, decoder, from, false, messageType));
      // Synced once the first step 2 is applied, as the provider itself says it: after the
      // transaction, not within it, so what observes that transaction sees it as the first load
      // (which the screen shows), not as news from a synced server (the page told a screen reader
      // of every action item of the case as just added).
      if (emitSynced && arriving.whole && !provider.synced) provider.synced = true;
    };
  }

  /** Applies the changes set aside (as the provider would have, so they are not sent back). */
  applyWaiting(): void {
    if (this.waiting.length === 0) return;
    const changes = this.waiting.splice(0);
    const update = Y.mergeUpdates(changes.map(({ update }) => update));
    applyingChanges(this.provider, changes, () => Y.applyUpdate(this.provider.doc, update, this.provider));
  }
}

/**
 * A document change as a sync frame brought it: an update carries the deletions of the browser that
 * made it; a sync step 2 (the server's answer to the save tracker's question, or the catch-up after a
 * reconnect) carries every deletion the server's copy has (`whole`), this browser's own included.
 * `deletedHere`: what this doc had deleted when it arrived, if it was set aside.
 */
type Received = { update: Uint8Array; whole: boolean; deletedHere?: DeleteSet };
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

const incomingChangesKey = Symbol('incoming changes');

/**
 * For a transaction that applied changes from the server (other browsers' edits, as they were
 * sent): whether those browsers deleted the character `id` themselves, as opposed to it going with
 * a block they deleted, or being deleted here before the change arrived (which they saw deleted).
 */
export function deletedByOthers(transaction: Y.Transaction): ((id: Y.ID) => boolean) | undefined {
  const changes = transaction.meta.get(incomingChangesKey) as Received[] | undefined;
  if (!changes) return undefined;
  let read: { deletions: DeleteSet; whole: boolean; deletedHere?: DeleteSet }[] | undefined; // decoded when first asked: most changes delete nothing
  const deletedBefore = (id: Y.ID) => {
    const existed = id.clock < (transaction.beforeState.get(id.client) ?? 0);
    return existed && Y.getItem(transaction.doc.store, id).deleted && !Y.isDeleted(transaction.deleteSet, id);
  };
  return (id) => {
    read ??= changes.map(({ update, ...rest }) => ({ deletions: Y.decodeUpdate(update).ds, ...rest }));
    return read.some(({ deletions, whole, deletedHere }) => Y.isDeleted(deletions, id) && !(whole && (deletedHere ? Y.isDeleted(deletedHere, id) : deletedBefore(id))));
  };
}

/** Runs `apply` (which applies `changes`) in a transaction that deletedByOthers() answers for. */
function applyingChanges(provider: WebsocketProvider, changes: Received[], apply: () => void): void {
  Y.transact(
    provider.doc,
    (transaction) => {
      transaction.meta.set(incomingChangesKey, changes);
      apply();
    },
    provider,
    false, // not this browser's edit, as Y.applyUpdate would mark it
  );
}

/** The document change a sync frame carries (step 2 or update), read without consuming the frame. */
function changeIn(decoder: decoding.Decoder): Received | undefined {
  const frame = decoding.clone(decoder);
  const type = decoding.readVarUint(frame);
  return type === SyncType.step2 || type === SyncType.update ? { update: decoding.readVarUint8Array(frame), whole: type === SyncType.step2 } : undefined;
}
