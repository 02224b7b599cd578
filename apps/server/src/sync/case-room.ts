import { type Touches, updateTouches, writesNothing } from '@care/case-doc';
import { CloseCode } from '@care/schema';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Principal } from '../access/principal.ts';
import type { Fanout, FanoutListener, Subscription } from '../fanout/fanout.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { applicationProblem } from './applicable-check.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Update,
  encodeUpdate,
  isEmptyStateVector,
  ProtocolError,
} from './protocol.ts';
import { stampPresence } from './presence-stamp.ts';
import type { WriteDecision, WriteGuard } from './write-guard.ts';

/** One connected client, whatever carries it (a websocket in production, a stub in tests). */
export interface Peer {
  readonly principal: Principal;
  /** Where the connection came from (its upgrade request's client address), for the audit trail. */
  readonly address: string;
  send(message: Uint8Array): void;
  /** Bytes sent to it that its connection has not taken yet (held in this process's memory meanwhile). */
  readonly unread: number;
  close(code: number, reason: string): void;
}

/**
 * Past this many bytes not yet taken, a peer is sent no presence changes, and its asking for what
 * it lacks (sync step 1) or for everyone's presence closes its connection (1008). A connection
 * that stops reading, while another moves its caret as fast as the server takes it or while it
 * asks for the whole case again and again (four bytes each), would have the server hold all of it,
 * without bound (any reader or guest can). A presence change skipped is only a caret's move, and
 * every page renews its presence every 15 s; a page asks once a connection, and reconnects.
 */
const UNREAD_MAX = 1024 * 1024;

export type RoomOptions = {
  compactEvery: number;
  /**
   * Past this many bytes of others' edits not yet taken (beyond its answer to its own sync step 1,
   * the whole case for a newcomer), a peer is let go (1008) rather than sent more: a connection
   * that stops reading in a busy case would have the server hold every edit for it. Not skipped:
   * a peer that missed an edit would build on a doc the others do not have. Its page reconnects,
   * and the sync then sends it what it lacks (and takes what it typed meanwhile) in one go.
   */
  unreadEditsMax: number;
  /** Other server processes editing the same cases (a no-op with one process). */
  fanout: Fanout;
  /** Who may change what; asked before an update is stored. */
  writeGuard: WriteGuard;
  /** A peer's update was refused (for the log; the peer itself is told by the room). */
  onRefusedWrite: (peer: Peer, caseId: string, reason: string) => void;
  /** A room has opened (to watch its peers and awareness; its doc may be built later, see onLoad). */
  onOpen?: (room: CaseRoom) => void;
  /** A room has built its doc from storage (to watch the doc, e.g. for conferences closing). */
  onLoad?: (room: CaseRoom) => void;
  /** A peer's update was stored (for the audit trail). */
  onWrite?: (peer: Peer, caseId: string) => void;
  onError: (error: unknown, context: string) => void;
};

/** Presence ids one connection may hold (see presenceIdsAllowed): a page needs one; a few spare. */
const PRESENCE_IDS_PER_CONNECTION = 4;

/** Origin of changes that came from another server process: relayed to local peers, not published again. */
const remote = Symbol('another server process');
/** Origin of changes the server makes itself (e.g. restoring a record). */
const serverChange = Symbol('this server');

/**
 * The live state of one case: its Yjs doc and awareness, and the peers editing it. An update is
 * written to storage before it is applied and relayed, so no peer ever sees an edit that a crash
 * of the server process could lose, and acknowledged to its sender once durable.
 */
export class CaseRoom implements FanoutListener {
  private readonly live = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.live);
  /** Each peer with the awareness client ids it announced, removed when it leaves. */
  private readonly peers = new Map<Peer, Set<number>>();
  /** The size of each peer's last sync answer: it may still hold all of it unread, as well as unreadEditsMax of edits. */
  private readonly answerBytes = new WeakMap<Peer, number>();
  private updatesSinceCompaction = 0;
  private subscription?: Subscription;
  private catchUps: Promise<void> = Promise.resolve();
  private catchUpWaiting?: Promise<void>;
  /**
   * The one stored update (the compaction snapshot) the doc was loaded from, for as long as the
   * doc is still exactly that: a newcomer with an empty doc gets these bytes as they are, rather
   * than the whole doc encoded again (the costly part of opening a long case).
   */
  private loadedSnapshot?: Uint8Array;
  /**
   * That snapshot while it is not yet applied to the doc. Applying a long case's snapshot takes
   * a fresh process 100–200 ms (1M-update history), and a newcomer needs only its bytes: the doc
   * is built when something first needs it (an edit to check, a peer with some state of its own,
   * another process's update, a server task).
   */
  private unapplied?: Uint8Array;
  /**
   * Settles once the last update committed here is durable (commits become durable in order), or
   * rejects if it could not be. A sync step 2 waits for it: it answers for everything the doc holds,
   * and the client takes it as the acknowledgement of every edit it sent before its step 1.
   */
  private lastCommit: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly caseId: string,
    private readonly store: CaseStore,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null); // the server itself is not a participant
    this.awareness.on('update', this.onAwarenessChange);
  }

  static async load(caseId: string, store: CaseStore, options: RoomOptions): Promise<CaseRoom> {
    const room = new CaseRoom(caseId, store, options);
    // Subscribe before reading storage, so an update committed elsewhere meanwhile is not missed.
    room.subscription = await options.fanout.subscribe(caseId, room);
    try {
      const stored = await store.loadUpdates(caseId);
      // Still empty: nothing arrived from another process while reading.
      const untouched = room.live.store.clients.size === 0 && room.live.store.pendingStructs === null;
      if (stored.length === 1 && untouched) {
        room.loadedSnapshot = room.unapplied = stored[0];
      } else {
        room.applyStored(stored);
        options.onLoad?.(room);
      }
    } catch (error) {
      room.destroy();
      throw error;
    }
    options.onOpen?.(room);
    return room;
  }

  /** The case's Yjs doc, with everything stored so far applied. */
  get doc(): Y.Doc {
    if (this.unapplied) this.applyLoadedSnapshot();
    return this.live;
  }

  private applyLoadedSnapshot(): void {
    const snapshot = this.unapplied!;
    this.unapplied = undefined;
    this.applyStored([snapshot]);
    this.options.onLoad?.(this);
    // Whoever joined meanwhile may not have been asked for what it has yet (see join).
    const step1 = encodeSyncStep1(Y.encodeStateVector(this.live));
    for (const peer of this.peers.keys()) peer.send(step1);
  }

  /**
   * Sends an applied update to every peer but its origin. Every change to the doc goes through
   * here (commit, applyRemoteUpdate, catchUp): the doc has no 'update' listener, because Yjs
   * would encode each transaction once more for it, walking every client the doc has ever had
   * (measured: the largest cost per update at 200 clients), when the update's own bytes, already
   * decoded, checked and stored, say the same.
   */
  private readonly relay = (update: Uint8Array, origin: unknown) => {
    this.loadedSnapshot = undefined;
    const frame = encodeUpdate(update); // one Buffer for every peer: the websocket library would wrap other bytes per send
    for (const peer of this.peers.keys()) {
      if (peer !== origin) this.sendUnlessNotReading(peer, this.options.unreadEditsMax + (this.answerBytes.get(peer) ?? 0), frame);
    }
  };

  /** Stored updates most of which the doc has: only what is new to it (one transaction's worth) is relayed. */
  private applyStoredRelayingNews(updates: Uint8Array[]): void {
    this.doc.on('update', this.relay);
    try {
      this.applyStored(updates);
    } finally {
      this.doc.off('update', this.relay);
    }
  }

  private applyStored(updates: Uint8Array[]): void {
    this.live.transact(() => {
      for (const update of updates) Y.applyUpdate(this.live, update);
    }, remote);
  }

  /** The peer of this process whose update a transaction applied (not another process's, nor storage's). */
  peerBehind(origin: unknown): Peer | undefined {
    return this.peers.has(origin as Peer) ? (origin as Peer) : undefined;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    // A doc not built yet asks once built (applyLoadedSnapshot); a newcomer with nothing is not asked (answerSync).
    if (!this.unapplied) peer.send(encodeSyncStep1(Y.encodeStateVector(this.live)));
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
        // Answered once everything committed so far is durable (see lastCommit), in the order
        // asked (commits become durable in order); the connection's later frames go on meanwhile.
        this.lastCommit.then(
          () => this.answerSync(peer, message.stateVector),
          (error) => this.closeUnsaved(peer, error),
        );
        return;
      case 'update': {
        // What the doc already has (a reconnecting browser re-sending its local copy) writes
        // nothing: not judged, stored, relayed or audited as an edit.
        const touches = updateTouches(this.doc, message.decoded);
        if (writesNothing(touches)) return;
        const decision = this.guard(peer.principal, touches);
        if (!decision.allowed) {
          this.options.onRefusedWrite(peer, this.caseId, decision.reason);
          peer.send(encodePermissionDenied(decision.reason));
          return;
        }
        const problem = applicationProblem(this.doc, message.update, message.decoded);
        if (problem) throw new ProtocolError(problem);
        const { applied, durable } = this.commit(message.update, peer);
        durable.catch((error) => this.closeUnsaved(peer, error));
        await applied;
        this.options.onWrite?.(peer, this.caseId);
        return;
      }
      case 'empty-update':
        return;
      case 'awareness': {
        const stamped = stampPresence(message.update, peer.principal, this.presenceIdsAllowed(peer));
        awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, peer);
        return;
      }
      case 'query-awareness':
        this.answer(peer, () => encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
    }
  }

  /**
   * An update could not be made durable (it may have been relayed, but perhaps lost with the
   * disk): the peer must not take any answer as an acknowledgement. Closing makes it keep its
   * unacknowledged edits and send them again when it reconnects.
   */
  private closeUnsaved(peer: Peer, error: unknown): void {
    this.options.onError(error, `making the updates of case ${this.caseId} durable`);
    peer.close(CloseCode.serverError, 'server error');
  }

  private answerSync(peer: Peer, stateVector: Uint8Array): void {
    if (!this.peers.has(peer)) return; // gone meanwhile
    const loadedSnapshot = this.loadedSnapshot;
    if (loadedSnapshot && isEmptyStateVector(stateVector)) {
      // Not followed by a sync step 1 asking what the peer has: it had nothing when it asked, and
      // whatever it makes since reaches us as updates. (Reading the step 1's state vector off a
      // 1M-update snapshot took a fresh process tens of ms, just as the newcomer integrates it.)
      // Once the doc is built, applyLoadedSnapshot asks every peer.
      this.answerSyncWith(peer, () => encodeSyncStep2Update(loadedSnapshot));
    } else {
      this.answerSyncWith(peer, () => encodeSyncStep2(this.doc, stateVector));
    }
  }

  private answerSyncWith(peer: Peer, frame: () => Uint8Array): void {
    const sent = this.answer(peer, frame);
    if (sent) this.answerBytes.set(peer, sent.byteLength);
  }

  /** Sends `peer` what it asked for, unless it has not read more than UNREAD_MAX of what it was sent. */
  private answer(peer: Peer, frame: () => Uint8Array): Uint8Array | undefined {
    return this.sendUnlessNotReading(peer, UNREAD_MAX, frame);
  }

  /** Sends `frame` to `peer`, or lets the peer go (1008) when it holds more than `limit` bytes unread; returns what was sent. */
  private sendUnlessNotReading(peer: Peer, limit: number, frame: Uint8Array | (() => Uint8Array)): Uint8Array | undefined {
    if (peer.unread > limit) {
      peer.close(CloseCode.notReading, 'not reading');
      return undefined;
    }
    const bytes = typeof frame === 'function' ? frame() : frame;
    peer.send(bytes);
    return bytes;
  }

  /**
   * Which presence ids `peer` may announce in one message: those it already holds, and new ones up
   * to PRESENCE_IDS_PER_CONNECTION that no other peer holds. A page announces one (its doc's); one
   * connection announcing thousands would fill everyone's participant list and carets.
   */
  private presenceIdsAllowed(peer: Peer): (clientId: number) => boolean {
    const held = this.peers.get(peer) ?? new Set<number>();
    const fresh = new Set<number>();
    return (clientId) => {
      if (held.has(clientId) || fresh.has(clientId)) return true;
      if (held.size + fresh.size >= PRESENCE_IDS_PER_CONNECTION || this.announcedByAnother(peer, clientId)) return false;
      fresh.add(clientId);
      return true;
    };
  }

  private announcedByAnother(peer: Peer, clientId: number): boolean {
    if (this.peers.get(peer)?.has(clientId)) return false;
    for (const [other, ids] of this.peers) if (other !== peer && ids.has(clientId)) return true;
    return false;
  }

  /** Whether the write guard lets `principal` change the doc as it is now with this update. */
  judge(principal: Principal, update: Uint8Array): WriteDecision {
    return this.guard(principal, updateTouches(this.doc, update));
  }

  private guard(principal: Principal, touches: Touches): WriteDecision {
    return this.options.writeGuard({ principal, caseId: this.caseId, doc: this.doc, touches });
  }

  /**
   * A change the server makes for someone (restoring a record; judge it first): stored, applied
   * and relayed exactly like a peer's, so it is part of the case's history.
   */
  async applyServerChange(update: Uint8Array): Promise<void> {
    const { applied, durable } = this.commit(update, serverChange);
    await Promise.all([applied, durable]);
  }

  /**
   * Written first, then relayed and applied: no one sees an edit that a crash of the server
   * process could lose. `applied` settles once the room's doc has it (a peer's next frame waits
   * for that); `durable` once it survives a power loss (see CaseStore.appendUpdate). A sync step 2
   * waits for the last commit to be durable (lastCommit), so one answering the sender's next step 1
   * acknowledges it, while the sender's further edits need not wait for the disk.
   */
  private commit(update: Uint8Array, origin: unknown): { applied: Promise<void>; durable: Promise<void> } {
    // (Settled through this object: tsx, which runs the server, names every closure assigned to a
    // variable with Object.defineProperty, a cost per update here.)
    const settle = {} as { resolve: () => void; reject: (error: unknown) => void };
    const applied = new Promise<void>((resolve, reject) => {
      settle.resolve = resolve;
      settle.reject = reject;
    });
    const durable = this.store.appendUpdate(this.caseId, update, () => {
      this.relay(update, origin);
      this.options.fanout.publish(this.caseId, 'update', update);
      // The relayed frames leave at the end of this tick (see websocketPeer); the doc takes the
      // update right after, so the time that takes delays no one. Nothing in between can depend
      // on it: no peer has it yet, and its sender's next frame waits for `applied`.
      process.nextTick(() => {
        this.applyCommitted(update, origin);
        settle.resolve();
      });
      this.countUpdateForCompaction();
    });
    durable.catch(settle.reject); // (once applied, a later failure to make it durable changes nothing here)
    this.lastCommit = durable;
    return { applied, durable };
  }

  private applyCommitted(update: Uint8Array, origin: unknown): void {
    if (this.live.isDestroyed) return;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      // Checked before it was stored, so not expected; the stored log stays the truth.
      this.options.onError(error, `applying a stored update to case ${this.caseId}`);
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
    this.subscription?.close().catch((error) => this.options.onError(error, `unsubscribing case ${this.caseId}`));
    this.awareness.destroy();
    this.live.destroy();
  }

  applyRemoteUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, remote);
    this.relay(update, remote);
  }

  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remote);
  }

  localAwareness(): Uint8Array | undefined {
    const own = [...this.peers.values()].flatMap((ids) => [...ids]);
    return own.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, own) : undefined;
  }

  /**
   * Applies whatever storage has that this doc lacks (Yjs ignores what it already has). One read
   * at a time; a request while one runs queues one more read, which sees everything committed so far.
   */
  catchUp(): Promise<void> {
    this.catchUpWaiting ??= this.catchUps.then(async () => {
      this.catchUpWaiting = undefined;
      const updates = await this.store.loadUpdates(this.caseId);
      if (!this.live.isDestroyed) this.applyStoredRelayingNews(updates);
    });
    this.catchUps = this.catchUpWaiting.catch(() => {});
    return this.catchUpWaiting;
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
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.broadcastPresence(encodeAwareness(update), origin);
    // Changes by this process's peers (and their leaving) go to the other processes; each
    // process expires stale states itself ('timeout').
    if (origin !== remote && origin !== 'timeout') this.options.fanout.publish(this.caseId, 'awareness', update);
  };

  /** A peer holding more than UNREAD_MAX bytes it has not read yet is passed over: a presence change skipped is only a caret's move. */
  private broadcastPresence(frame: Buffer, except: unknown): void {
    for (const peer of this.peers.keys()) {
      if (peer !== except && peer.unread <= UNREAD_MAX) peer.send(frame);
    }
  }
}
