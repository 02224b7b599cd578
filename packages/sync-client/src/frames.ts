import * as encoding from 'lib0/encoding';

/** y-websocket frames start with a message type (0 = sync), then its subtype. */
export const MessageType = { sync: 0 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** A sync frame of `type` (SyncType) carrying `payload`: a state vector or an update. */
export function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A sync frame carrying a document update, as the provider sends an edit. */
export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(SyncType.update, update);
