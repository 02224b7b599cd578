import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/**
 * How a server frames the Yjs sync protocol. Ours and @y/websocket-server speak y-websocket's
 * (one document per socket); Hocuspocus prefixes every frame with the document name and wants an
 * auth message first. Everything after the prefix is the same y-protocols sync message.
 */
export type Dialect = {
  url(base: string, caseId: string): string;
  prefix(caseId: string): Uint8Array;
  /** Frames to send right after the socket opens, before sync. */
  hello(caseId: string): Uint8Array[];
  /** Headers of the websocket upgrade request (our server's session cookie). */
  headers?: Record<string, string>;
};

const emptyPrefix = new Uint8Array();

export const yWebsocketDialect: Dialect = {
  url: (base, caseId) => `${base}/${caseId}`,
  prefix: () => emptyPrefix,
  hello: () => [],
};

const HocuspocusType = { sync: 0, auth: 2, syncReply: 4 } as const;

export const hocuspocusDialect: Dialect = {
  url: (base) => base,
  prefix: (caseId) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, caseId);
    return encoding.toUint8Array(encoder);
  },
  hello: (caseId) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, caseId);
    encoding.writeVarUint(encoder, HocuspocusType.auth);
    encoding.writeVarUint(encoder, 0); // auth sub-type "token"
    encoding.writeVarString(encoder, '');
    return [encoding.toUint8Array(encoder)];
  },
};

const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** Identifies a relayed keystroke by its first struct's (clientID, clock), read without decoding the rest. */
export type Receipt = { client: number; clock: number };

/**
 * A lean y-protocols client, used identically against every server: it answers sync step 1,
 * sends updates, and reports each incoming update's (clientID, clock) without applying it, so the
 * load generator stays cheap and the server is what gets measured.
 */
export class BenchClient {
  private readonly socket: WebSocket;
  private readonly prefix: Uint8Array;
  readonly opened: Promise<void>;
  private syncWaiters: (() => void)[] = [];
  onReceipt: (receipt: Receipt) => void = () => {};

  constructor(
    base: string,
    private readonly caseId: string,
    private readonly dialect: Dialect,
    /** State this client holds; sent to the server as sync step 2 when asked. */
    private readonly state: () => Uint8Array = () => new Uint8Array([0, 0]),
    /** When given, every update received is applied to it (to see when a load is complete). */
    private readonly doc?: Y.Doc,
  ) {
    this.prefix = dialect.prefix(caseId);
    this.socket = new WebSocket(dialect.url(base, caseId), { perMessageDeflate: false, headers: dialect.headers });
    // As y-websocket's provider does: each message in its own ArrayBuffer.
    this.socket.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => {
        for (const frame of dialect.hello(caseId)) this.socket.send(frame);
        resolve();
      });
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data: ArrayBuffer) => this.receive(new Uint8Array(data)));
  }

  /**
   * Sends sync step 1 with `stateVector` and resolves when the server's step 2 answers it. Servers
   * handle a socket's frames in order, so this is also a barrier after earlier updates.
   */
  sync(stateVector: Uint8Array = new Uint8Array([0])): Promise<void> {
    return new Promise((resolve) => {
      this.syncWaiters.push(resolve);
      this.sendSync(SyncType.step1, stateVector);
    });
  }

  sendUpdate(update: Uint8Array): void {
    this.sendSync(SyncType.update, update);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.terminate();
    });
  }

  private sendSync(type: number, payload: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.prefix);
    encoding.writeVarUint(encoder, HocuspocusType.sync);
    encoding.writeVarUint(encoder, type);
    encoding.writeVarUint8Array(encoder, payload);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (this.prefix.length > 0) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== HocuspocusType.sync && type !== HocuspocusType.syncReply) return; // awareness, auth replies
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (this.doc && syncType !== SyncType.step1) Y.applyUpdate(this.doc, payload);
    if (syncType === SyncType.step1) {
      // A client holding a doc answers from it, as y-websocket's provider does.
      this.sendSync(SyncType.step2, this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : Y.diffUpdate(this.state(), payload));
    } else if (syncType === SyncType.step2) {
      this.syncWaiters.shift()?.();
    } else if (syncType === SyncType.update) {
      const receipt = firstStruct(payload);
      if (receipt) this.onReceipt(receipt);
    }
  }
}

/** An update starts with: number of client groups, then per group: struct count, client, clock. */
function firstStruct(update: Uint8Array): Receipt | undefined {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) === 0) return undefined;
  decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  return { client, clock };
}
