import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { encodeAwareness, encodeSyncStep2Update, encodeUpdate } from '../src/sync/protocol.ts';

/** The type codes and payload of a frame, read as y-websocket clients read it (lib0). */
function read(frame: Uint8Array, typeCodes: number, expected: Uint8Array): { types: number[]; samePayload: boolean; rest: boolean } {
  const decoder = decoding.createDecoder(frame);
  const types = Array.from({ length: typeCodes }, () => decoding.readVarUint(decoder));
  const payload = decoding.readVarUint8Array(decoder);
  return { types, samePayload: Buffer.from(payload).equals(expected), rest: decoding.hasContent(decoder) };
}

describe('outgoing frames', () => {
  // Either side of each boundary where the payload's varuint length takes one more byte.
  const sizes = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152];

  it.each(sizes)('carry a %i-byte payload whole, behind its type codes', (size) => {
    const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);
    expect(read(encodeUpdate(payload), 2, payload)).toEqual({ types: [0, 2], samePayload: true, rest: false });
    expect(read(encodeSyncStep2Update(payload), 2, payload)).toEqual({ types: [0, 1], samePayload: true, rest: false });
    expect(read(encodeAwareness(payload), 1, payload)).toEqual({ types: [1], samePayload: true, rest: false });
  });
});
