import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Principal } from '../access/principal.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { type ClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts';

/** One connected client, whatever carries it (a websocket in production, a stub in tests). */
export interface Peer {
  readonly principal: Principal;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export type RoomOptions = { compactEvery: number; onError: (error: unknown, context: string) => void };

/**
 * The live state of one case: its Yjs doc and awareness, and the peers editing it. An update is
 * stored durably before it is applied and relayed, so no peer ever sees an edit the server could
 * still lose.
 */
export class CaseRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each peer with the awareness client ids it announced, removed when it leaves. */
  private readonly peers = new Map<Peer, Set<number>>();
  private updatesSinceCompaction = 0;

  private constructor(
    readonly caseId: string,
    private readonly store: CaseStore,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null); // the server itself is not a participant
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.broadcast(encodeUpdate(update), origin);
    });
    this.awareness.on('update', this.onAwarenessChange);
  }

  static async load(caseId: string, store: CaseStore, options: RoomOptions): Promise<CaseRoom> {
    const room = new CaseRoom(caseId, store, options);
    const updates = await store.loadUpdates(caseId);
    room.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(room.doc, update);
    });
    return room;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    peer.send(encodeSyncStep1(this.doc));
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) {
      peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, others)));
    }
  }

  leave(peer: Peer): void {
    const clientIds = this.peers.get(peer);
    this.peers.delete(peer);
    if (clientIds && clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], null);
    }
  }

  async receive(peer: Peer, message: ClientMessage): Promise<void> {
    switch (message.kind) {
      case 'sync-step1':
        peer.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'update':
        await this.store.appendUpdate(this.caseId, message.update);
        Y.applyUpdate(this.doc, message.update, peer);
        this.countUpdateForCompaction();
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, peer);
        return;
      case 'query-awareness':
        peer.send(
          encodeAwareness(
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
          ),
        );
        return;
    }
  }

  /** Folds the update log into a snapshot; safe to call at any time. */
  async compact(): Promise<void> {
    this.updatesSinceCompaction = 0;
    await this.store.compact(this.caseId);
  }

  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private countUpdateForCompaction(): void {
    if (++this.updatesSinceCompaction < this.options.compactEvery) return;
    this.compact().catch((error) => this.options.onError(error, `compacting case ${this.caseId}`));
  }

  private readonly onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const owned = this.peers.get(origin as Peer);
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)), origin);
  };

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const peer of this.peers.keys()) {
      if (peer !== except) peer.send(message);
    }
  }
}
