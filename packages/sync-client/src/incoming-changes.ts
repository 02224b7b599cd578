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
  private waiting: Uint8Array[] = [];

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly wait: () => boolean,
  ) {
    const readSync = provider.messageHandlers[MessageType.sync];
    if (!readSync) throw new Error('IncomingChanges: the provider has no sync message handler');
    provider.messageHandlers[MessageType.sync] = (encoder, decoder, ...rest) => {
      const change = provider.synced && this.wait() ? changeIn(decoder) : undefined;
      if (change) {
        this.waiting.push(change);
        return;
      }
      this.applyWaiting(); // before this frame, so changes keep their order
      const arriving = changeIn(decoder);
      if (arriving) applyingChange(provider, arriving, () => readSync(encoder, decoder, ...rest));
      else readSync(encoder, decoder, ...rest);
    };
  }

  /** Applies the changes set aside (as the provider would have, so they are not sent back). */
  applyWaiting(): void {
    if (this.waiting.length === 0) return;
    const change = Y.mergeUpdates(this.waiting.splice(0));
    applyingChange(this.provider, change, () => Y.applyUpdate(this.provider.doc, change, this.provider));
  }
}

const incomingChangeKey = Symbol('incoming change');

/**
 * The change from the server (another browser's edits, as they were sent) that `transaction`
 * applied, if it applied one: its delete set says what that browser deleted itself, as opposed to
 * what went with a block it deleted.
 */
export function incomingChange(transaction: Y.Transaction): Uint8Array | undefined {
  return transaction.meta.get(incomingChangeKey) as Uint8Array | undefined;
}

/** Runs `apply` (which applies `change`) in a transaction that incomingChange() answers for. */
function applyingChange(provider: WebsocketProvider, change: Uint8Array, apply: () => void): void {
  Y.transact(
    provider.doc,
    (transaction) => {
      transaction.meta.set(incomingChangeKey, change);
      apply();
    },
    provider,
    false, // not this browser's edit, as Y.applyUpdate would mark it
  );
}

/** The document change a sync frame carries (step 2 or update), read without consuming the frame. */
function changeIn(decoder: decoding.Decoder): Uint8Array | undefined {
  const frame = decoding.clone(decoder);
  const type = decoding.readVarUint(frame);
  return type === SyncType.step2 || type === SyncType.update ? decoding.readVarUint8Array(frame) : undefined;
}
