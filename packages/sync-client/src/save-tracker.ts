import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, SyncType, syncFrame } from './frames.ts';

const OPEN = 1;

export type SaveStatus = {
  /** Local updates so far: typed here, or applied from this browser's own storage (anything the provider sends). */
  local: number;
  /**
   * How many of them (in order) the server has answered: stored durably, unless it refused one
   * (it then says so with a permission-denied message, which the app shows on its own).
   */
  acknowledged: number;
  /** `local - acknowledged`: updates the server may not have yet; the client keeps them and sends them again after a reconnect. */
  unsaved: number;
};

/** The parts of a browser WebSocket (or the `ws` package's) the tracker uses. */
type Socket = {
  readyState: number;
  send(data: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

/** What one socket owes and carries; a new socket starts a new ledger. */
type Ledger = {
  socket: Socket;
  /** For each sync step 1 sent on this socket and not yet answered, oldest first: the local updates it covers. */
  asked: number[];
  /** Told (true) when the step 1 sent at that index of `asked` is answered, or (false) when the socket goes first. */
  markers: Map<number, ((answered: boolean) => void)[]>;
  /** Answers received on this socket so far: `asked` index plus this is a step 1's place in the order. */
  answers: number;
  /** Local updates 1..covered were sent over this socket before anything sent now (or were acknowledged already). */
  covered: number;
  stopWatching: () => void;
};

/**
 * Tracks which local edits the server has durably stored, using only the y-websocket protocol:
 * the server handles a connection's frames in order and stores each update before handling the
 * next frame, so its sync step 2 answering a sync step 1 acknowledges every update sent on that
 * socket before that step 1. After local updates go out, the tracker sends one step 1 (at most one
 * waits for its answer at a time, so fast typing coalesces), and counts every step 1 on the
 * socket, the provider's own included, to pair answers with questions in order.
 *
 * A new socket starts from what was acknowledged: unacknowledged updates are re-sent by the
 * sync (the client's step 2 answering the server's step 1) and must be acknowledged again there.
 *
 * Attach right after creating the provider, before its socket opens.
 */
export class SaveTracker {
  private local = 0;
  private acknowledged = 0;
  private ledger?: Ledger;
  private askQueued = false;
  private waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly listeners = new Set<(status: SaveStatus) => void>();

  constructor(private readonly provider: WebsocketProvider) {
    const socket = this.currentSocket();
    if (socket && socket.readyState !== 0) {
      throw new Error('SaveTracker: attach it before the provider connects (right after creating the provider)');
    }
    if (socket) this.watch(socket);
    provider.on('status', this.onStatus);
    provider.doc.on('update', this.onUpdate);
  }

  get status(): SaveStatus {
    return { local: this.local, acknowledged: this.acknowledged, unsaved: this.local - this.acknowledged };
  }

  /** Resolves once every local update made before the call has been acknowledged (across reconnects). */
  whenSaved(): Promise<void> {
    if (this.acknowledged >= this.local) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo: this.local, resolve, reject }));
  }

  /**
   * Resolves true once the server has answered every frame sent on the current socket before the
   * call (a refusal comes before the answer that follows it); false if none is open, or once a
   * new socket replaces it (or the tracker is destroyed) before the answer.
   */
  answered(): Promise<boolean> {
    const ledger = this.currentLedger();
    if (!ledger || ledger.socket.readyState !== OPEN) return Promise.resolve(false);
    ledger.socket.send(syncStep1(this.provider.doc)); // recorded in `asked` by the watched send
    const place = ledger.answers + ledger.asked.length - 1;
    return new Promise((resolve) => ledger.markers.set(place, [...(ledger.markers.get(place) ?? []), resolve]));
  }

  /** Calls `listener` with the new status whenever it changes; returns how to stop. */
  onChange(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.provider.off('status', this.onStatus);
    this.provider.doc.off('update', this.onUpdate);
    this.ledger?.stopWatching();
    this.ledger = undefined;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('SaveTracker destroyed before the server acknowledged'));
    this.listeners.clear();
  }

  private currentSocket(): Socket | undefined {
    return (this.provider.ws as unknown as Socket | null) ?? undefined;
  }

  /** The ledger of the provider's current socket, if it is the one being watched. */
  private currentLedger(): Ledger | undefined {
    const socket = this.currentSocket();
    return socket && this.ledger?.socket === socket ? this.ledger : undefined;
  }

  /** The provider made a new socket ('connecting' is emitted right after it is created). */
  private readonly onStatus = () => {
    const socket = this.currentSocket();
    if (socket && socket !== this.ledger?.socket) this.watch(socket);
  };

  private watch(socket: Socket): void {
    this.ledger?.stopWatching();
    const send = socket.send;
    socket.send = (data: unknown) => {
      send.call(socket, data);
      this.sent(socket, bytesOf(data));
    };
    const onMessage = (event: { data: unknown }) => this.received(socket, bytesOf(event.data));
    socket.addEventListener('message', onMessage);
    const markers = new Map<number, ((answered: boolean) => void)[]>();
    this.ledger = {
      socket,
      asked: [],
      markers,
      answers: 0,
      covered: this.acknowledged,
      stopWatching: () => {
        socket.send = send;
        socket.removeEventListener('message', onMessage);
        for (const waiting of markers.values()) for (const resolve of waiting) resolve(false);
        markers.clear();
      },
    };
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return; // from the server (or another tab): not ours to save
    this.local++;
    // The provider sends a local update at once when its socket is open (else the next sync
    // carries it); if everything before it was covered, so is this one.
    const ledger = this.currentLedger();
    if (ledger && ledger.covered === this.local - 1 && this.provider.wsconnected && ledger.socket.readyState === OPEN) {
      ledger.covered = this.local;
      this.queueAsk();
    }
    this.changed();
  };

  private sent(socket: Socket, frame: Uint8Array | undefined): void {
    const ledger = this.ledger?.socket === socket ? this.ledger : undefined;
    if (!ledger || !frame || frame[0] !== MessageType.sync) return;
    if (frame[1] === SyncType.step1) {
      ledger.asked.push(ledger.covered);
    } else if (frame[1] === SyncType.step2) {
      // The answer to the server's step 1: everything this copy has that the server lacked.
      ledger.covered = this.local;
      this.queueAsk();
    }
  }

  private received(socket: Socket, frame: Uint8Array | undefined): void {
    const ledger = this.currentLedger();
    if (!ledger || ledger.socket !== socket || !frame) return;
    if (frame[0] !== MessageType.sync || frame[1] !== SyncType.step2) return;
    const upTo = ledger.asked.shift();
    if (upTo !== undefined) {
      const place = ledger.answers++;
      for (const resolve of ledger.markers.get(place) ?? []) resolve(true);
      ledger.markers.delete(place);
    }
    if (upTo !== undefined && upTo > this.acknowledged) {
      this.acknowledged = upTo;
      this.settleWaiters();
      this.changed();
    }
    this.queueAsk();
  }

  /** After this turn's frames are out (the provider sends updates from the same event), ask once. */
  private queueAsk(): void {
    if (this.askQueued) return;
    this.askQueued = true;
    queueMicrotask(() => {
      this.askQueued = false;
      this.ask();
    });
  }

  private ask(): void {
    const ledger = this.currentLedger();
    if (!ledger || !this.provider.wsconnected || ledger.socket.readyState !== OPEN) return;
    if (ledger.asked.length > 0 || ledger.covered <= this.acknowledged) return;
    ledger.socket.send(syncStep1(this.provider.doc)); // recorded in `asked` by the watched send
  }

  private settleWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.upTo > this.acknowledged) return true;
      waiter.resolve();
      return false;
    });
  }

  private changed(): void {
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }
}

function syncStep1(doc: Y.Doc): Uint8Array {
  return syncFrame(SyncType.step1, Y.encodeStateVector(doc));
}

/** The first bytes are all the tracker reads: frames come as ArrayBuffer, Uint8Array or Node Buffer. */
function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return undefined;
}
