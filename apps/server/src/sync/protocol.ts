import type { DecodedUpdate } from '@care/case-doc';
import { type ConnectionStanding, STANDING_MESSAGE } from '@care/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The y-websocket wire protocol (as spoken by y-websocket's WebsocketProvider): every frame is a
 * varuint message type followed by its payload. Incoming frames are fully decoded and checked
 * here, before anything touches a document, so a malformed frame can be refused whole.
 */
const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const SyncType = { step1: 0, step2: 1, update: 2 } as const;
const AuthType = { permissionDenied: 0 } as const;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2 and incremental updates carry the same thing: a Yjs update to apply (decoded once here, for the checks). */
  | { kind: 'update'; update: Uint8Array; decoded: DecodedUpdate }
  /** An update with nothing in it (a client answering sync step 1 when it has nothing new). */
  | { kind: 'empty-update' }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A frame that does not follow the protocol; the connection that sent it is closed. */
export class ProtocolError extends Error {}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // JSON.parse quotes the text it refuses (a presence state holds its sender's name): not logged.
    const reason = error instanceof SyntaxError ? 'JSON that does not parse' : (error as Error).message;
    throw new ProtocolError(`malformed message: ${reason}`);
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSyncMessage(decoder);
    case MessageType.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      checkAwarenessUpdate(update);
      return { kind: 'awareness', update };
    }
    case MessageType.queryAwareness:
      return { kind: 'query-awareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (syncType) {
    case SyncType.step1:
      Y.decodeStateVector(payload);
      return { kind: 'sync-step1', stateVector: payload };
    case SyncType.step2:
    case SyncType.update: {
      // Parses the whole update (structs and delete set); Yjs throws on a truncated or invalid one.
      const decoded = Y.decodeUpdate(payload);
      const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
      return empty ? { kind: 'empty-update' } : { kind: 'update', update: payload, decoded };
    }
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`);
  }
}

/** Awareness updates are: count, then per client (clientID, clock, JSON state). */
function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after awareness update');
}

export function encodeSyncStep1(stateVector: Uint8Array): Buffer {
  return encodeSync(SyncType.step1, stateVector);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Buffer {
  return encodeSync(SyncType.step2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** Sync step 2 carrying an update the caller already holds encoded (e.g. a stored snapshot). */
export function encodeSyncStep2Update(update: Uint8Array): Buffer {
  return encodeSync(SyncType.step2, update);
}

/** A state vector naming no client: its sender has nothing yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0;
}

export function encodeUpdate(update: Uint8Array): Buffer {
  return encodeSync(SyncType.update, update);
}

/** y-protocols' auth message "permission denied": y-websocket clients report the reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, AuthType.permissionDenied);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** The connection's standing (its first frame): the page is read-only or editable before it syncs. */
export function encodeStanding(standing: ConnectionStanding): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, STANDING_MESSAGE);
  encoding.writeVarString(encoder, JSON.stringify(standing));
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Buffer {
  return frameOf([MessageType.awareness], update);
}

function encodeSync(syncType: number, payload: Uint8Array): Buffer {
  return frameOf([MessageType.sync, syncType], payload);
}

/**
 * A frame of one-byte type codes, then the payload with its varuint length, written straight into
 * the one Buffer that goes to every peer: what a relay costs per update is this one allocation and
 * copy (lib0's encoder would grow a buffer, copy it out, and the websocket library wrap it again).
 */
function frameOf(types: readonly number[], payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  let lengthBytes = 1;
  for (let rest = length >>> 7; rest > 0; rest >>>= 7) lengthBytes++;
  const frame = Buffer.allocUnsafe(types.length + lengthBytes + length);
  let at = 0;
  for (const type of types) frame[at++] = type;
  let rest = length;
  for (; rest > 0x7f; rest >>>= 7) frame[at++] = 0x80 | (rest & 0x7f);
  frame[at++] = rest;
  frame.set(payload, at);
  return frame;
}
