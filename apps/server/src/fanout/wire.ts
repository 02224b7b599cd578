import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * A message between server processes: who sent it, that sender's sequence number for the case
 * (so a receiver notices a gap), and what it carries. Only our own processes write these.
 */
export type WireMessage = {
  sender: string;
  seq: number;
  kind: 'update' | 'awareness' | 'awareness-query' | 'announcement';
  payload: Uint8Array;
};

const kinds = ['update', 'awareness', 'awareness-query', 'announcement'] as const;

export function encodeWire(message: WireMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.sender);
  encoding.writeVarUint(encoder, message.seq);
  encoding.writeVarUint(encoder, kinds.indexOf(message.kind));
  encoding.writeVarUint8Array(encoder, message.payload);
  return encoding.toUint8Array(encoder);
}

export function decodeWire(bytes: Uint8Array): WireMessage {
  const decoder = decoding.createDecoder(bytes);
  const sender = decoding.readVarString(decoder);
  const seq = decoding.readVarUint(decoder);
  const kind = kinds[decoding.readVarUint(decoder)];
  if (!kind) throw new Error('unknown fan-out message kind');
  return { sender, seq, kind, payload: decoding.readVarUint8Array(decoder) };
}
