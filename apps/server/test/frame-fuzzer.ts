import { appendSummaryParagraphs } from '@care/case-doc';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Random } from './seeded.ts';

/**
 * y-websocket frames for fuzzing the server: well-formed ones built from a real Yjs doc, and
 * mutations of them (truncated varints, huge declared lengths, unknown message types, flipped
 * and inserted bytes, trailing garbage, invalid Yjs updates) plus plain random bytes.
 */
export function frameFuzzer(random: Random) {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'ファザー', agency: 'テスト' } });

  const frame = (...parts: ((encoder: encoding.Encoder) => void)[]) => {
    const encoder = encoding.createEncoder();
    for (const part of parts) part(encoder);
    return encoding.toUint8Array(encoder);
  };
  const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
  const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

  const freshUpdate = () => {
    const before = Y.encodeStateVector(doc);
    appendSummaryParagraphs(doc, [`fuzz-${random.int(0, 1e6)}`]);
    return Y.encodeStateAsUpdate(doc, before);
  };
  const valid: (() => Uint8Array)[] = [
    () => frame(uint(0), uint(0), bytes(Y.encodeStateVector(doc))),
    () => frame(uint(0), uint(2), bytes(freshUpdate())),
    () => frame(uint(0), uint(1), bytes(Y.encodeStateAsUpdate(doc))),
    () => frame(uint(1), bytes(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))),
    () => frame(uint(3)),
  ];
  const randomBytes = (length: number) => Uint8Array.from({ length }, () => random.int(0, 255));
  const HUGE = [0xff, 0xff, 0xff, 0xff, 0x0f];

  const mutations: ((base: Uint8Array) => Uint8Array)[] = [
    // Truncated anywhere (often inside a varint or a declared length).
    (base) => base.slice(0, random.int(0, base.length - 1)),
    // A varint that never ends.
    (base) => Uint8Array.from([...base.slice(0, random.int(0, base.length)), 0x80, 0x80, 0x80]),
    // A huge declared length after the message (and sync) type.
    (base) => Uint8Array.from([...base.slice(0, base[0] === 0 ? 2 : 1), ...HUGE, ...randomBytes(random.int(0, 8))]),
    // Unknown message or sync type.
    (base) => Uint8Array.from([random.int(4, 127), ...base.slice(1)]),
    (base) => Uint8Array.from([0, random.int(3, 127), ...base.slice(2)]),
    // Flipped bytes (inside Yjs updates this gives invalid or odd updates).
    (base) => {
      const copy = base.slice();
      for (let i = random.int(1, 4); i > 0; i--) copy[random.int(0, copy.length - 1)] = random.int(0, 255);
      return copy;
    },
    // Bytes inserted in the middle, or trailing garbage.
    (base) => {
      const at = random.int(0, base.length);
      return Uint8Array.from([...base.slice(0, at), ...randomBytes(random.int(1, 16)), ...base.slice(at)]);
    },
    (base) => Uint8Array.from([...base, ...randomBytes(random.int(1, 16))]),
    // A well-framed sync update whose payload is not a Yjs update.
    () => frame(uint(0), uint(random.pick([1, 2])), bytes(randomBytes(random.int(0, 64)))),
    // Nothing but noise.
    () => randomBytes(random.int(0, 128)),
  ];

  return {
    /** A frame to send: one in five well-formed, the rest mutated or random. */
    next(): Uint8Array {
      const base = random.pick(valid)();
      return random.int(0, 4) === 0 ? base : random.pick(mutations)(base);
    },
  };
}
