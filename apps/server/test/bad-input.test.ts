import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  adminOf,
  caseMember,
  connectClient,
  createCase,
  editorOf,
  eventually,
  nextClose,
  rawSocket,
  removeDir,
  type RunningServer,
  startServer,
  upgradeStatus,
} from './harness.ts';

/** A sync "update" message (type 0, sub-type 2) carrying the given bytes as its update. */
function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * An update as a client makes it (a map in a map of 'conferences'), its two items' references bent
 * by `bend` before it is encoded again: what only a crafted client sends.
 */
function bentUpdate(bend: (outer: Y.Item, inner: Y.Item) => void): Uint8Array {
  const doc = new Y.Doc();
  const outer = new Y.Map();
  doc.getMap('conferences').set('a', outer);
  outer.set('b', new Y.Map());
  const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).structs as [Y.Item, Y.Item];
  bend(...structs);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1); // one client's structs
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(doc.clientID);
  encoding.writeVarUint(encoder.restEncoder, 0); // from clock 0
  for (const struct of structs) struct.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // deleting nothing
  return encoder.toUint8Array();
}

describe('bad websocket input', () => {
  let server: RunningServer;
  let caseId: string;
  beforeEach(async () => {
    server = await startServer({ env: { MAX_MESSAGE_BYTES: '65536' } });
    caseId = await createCase(server);
  });
  afterEach(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  const badFrames: [string, Uint8Array | string][] = [
    ['unknown message type', new Uint8Array([42, 0])],
    ['truncated varint', new Uint8Array([0x80])],
    ['huge declared length', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2])],
    ['invalid Yjs update', syncUpdateFrame(new Uint8Array([7, 200, 13, 99, 1]))],
    ['a text frame', 'hello'],
  ];

  // Placing their items (before any check of who may write what) once recursed until the stack ran
  // out (1011), or looped until the process died. Sent by an administrator, whom the write guard
  // lets through (an editor's is refused as unplaceable), they reach the applicability check.
  const circularUpdates: [string, Uint8Array, 'admin'][] = [
    ['an update whose items are each other’s parent', syncUpdateFrame(bentUpdate((outer, inner) => (outer.parent = inner.id))), 'admin'],
    [
      'an update whose items are each other’s left neighbour',
      syncUpdateFrame(
        bentUpdate((outer, inner) => {
          for (const [item, other] of [[outer, inner], [inner, outer]]) Object.assign(item!, { parent: null, parentSub: null, origin: other!.id });
        }),
      ),
      'admin',
    ],
  ];

  it.each([...badFrames, ...circularUpdates])('closes the connection on %s and keeps serving others', async (_name, frame, sender?: 'admin') => {
    const bystander = await connectClient(server, caseId);
    const bad = await rawSocket(server, caseId, sender && (await adminOf(server)));
    await bad.opened;
    bad.socket.send(frame);
    const { code } = await bad.closed;
    expect(code).toBe(1007);

    appendSummaryParagraphs(bystander.doc, ['まだ動いている']);
    const other = await connectClient(server, caseId);
    await eventually(() => expect(summaryPlainText(other.doc)).toBe('まだ動いている'));
    bystander.destroy();
    other.destroy();
  });

  it('closes the connection on an oversized frame (1009) and stores nothing from it', async () => {
    const bad = await rawSocket(server, caseId);
    await bad.opened;
    bad.socket.send(new Uint8Array(70_000));
    expect((await bad.closed).code).toBe(1009);
    expect(await server.store.loadUpdates(caseId)).toEqual([]);
    const client = await connectClient(server, caseId);
    expect(summaryPlainText(client.doc)).toBe('');
    client.destroy();
  });

  it('reads a client that sends far faster than its updates are stored no faster than they are handled, and loses none', async () => {
    // 40 updates of ~30 KB sent at once, 1.2 MB, against a backlog of 4 × 64 KB: the server stops
    // reading this socket (rather than holding every frame) and reads on as the backlog clears.
    const typist = new Y.Doc();
    const frames: Uint8Array[] = [];
    typist.on('update', (update: Uint8Array) => frames.push(syncUpdateFrame(update)));
    const lines = Array.from({ length: 40 }, (_, i) => `${i}：${'記録'.repeat(5_000)}`);
    for (const line of lines) appendSummaryParagraphs(typist, [line]);
    const pauses = vi.spyOn(WebSocket.prototype, 'pause');
    try {
      const fast = await rawSocket(server, caseId);
      await fast.opened;
      for (const frame of frames) fast.socket.send(frame);
      const reader = await connectClient(server, caseId);
      await eventually(() => expect(summaryPlainText(reader.doc).split('\n')).toEqual(lines), 30_000);
      expect(pauses).toHaveBeenCalled();
      fast.socket.close();
      reader.destroy();
    } finally {
      pauses.mockRestore();
    }
  });

  it('disconnects a client that asks for the whole case again and again without reading the answers (1008): the server would hold every answer', async () => {
    const writer = await connectClient(server, caseId);
    const lines = Array.from({ length: 20 }, (_, i) => `${i}：${'本人の状況'.repeat(400)}`);
    for (const line of lines) appendSummaryParagraphs(writer.doc, [line]);
    const reader = await connectClient(server, caseId, await caseMember(server, caseId, { access: 'read' }));
    await eventually(() => expect(summaryPlainText(reader.doc).split('\n')).toEqual(lines));
    const asking = await rawSocket(server, caseId, await caseMember(server, caseId, { access: 'read' }));
    await asking.opened;
    onTestFinished(() => asking.socket.terminate());
    const onServer = [...server.app.websocketServer.clients].at(-1)!;
    const raw = (asking.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause(); // reads nothing more
    // Sync step 1 with an empty state vector, four bytes each: "send me everything".
    for (let i = 0; i < 200; i++) asking.socket.send(new Uint8Array([0, 0, 1, 0]));
    await eventually(() => expect(onServer.readyState).not.toBe(WebSocket.OPEN));
    expect(onServer.bufferedAmount).toBeLessThan(2 * 1024 * 1024);
    raw.resume();
    expect((await asking.closed).code).toBe(1008);
    // Everyone else goes on.
    appendSummaryParagraphs(writer.doc, ['まだ動いている']);
    await eventually(() => expect(summaryPlainText(reader.doc)).toContain('まだ動いている'));
    [writer, reader].forEach((c) => c.destroy());
  });

  it('lets go a connection that stops reading while others edit (1008), rather than holding every edit for it; back, it gets everything and keeps its own', async () => {
    const writer = await connectClient(server, caseId);
    const slow = await connectClient(server, caseId, await caseMember(server, caseId, { name: '遅い回線' }));
    const onServer = [...server.app.websocketServer.clients].at(-1)!;
    const raw = (slow.provider.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause(); // a phone on a bad link: takes nothing more for a while
    const closedByServer = nextClose(slow);
    appendSummaryParagraphs(slow.doc, ['遅い回線からの入力']);
    // 120 edits of ~50 KB, 6 MB: past what the kernel's buffers take (some 4 MB) and what the server then holds for one connection (8 of the largest frames).
    const lines = Array.from({ length: 120 }, (_, i) => `${i}：${'経過記録'.repeat(4_000)}`);
    for (const line of lines) appendSummaryParagraphs(writer.doc, [line]);
    await eventually(() => expect(onServer.readyState).not.toBe(WebSocket.OPEN), 30_000);
    expect(onServer.bufferedAmount).toBeLessThan(16 * 65536);
    appendSummaryParagraphs(slow.doc, ['切断に気づく前の入力']);
    raw.resume();
    expect(await closedByServer).toEqual({ code: 1008, reason: 'not reading' });
    // y-websocket reconnects: it gets what it missed, and sends what the server does not have.
    const expected = ['遅い回線からの入力', ...lines, '切断に気づく前の入力'];
    await eventually(() => expect(summaryPlainText(slow.doc).split('\n').sort()).toEqual([...expected].sort()), 30_000);
    await eventually(() => expect(slow.saves.status.unsaved).toBe(0));
    const later = await connectClient(server, caseId);
    expect(summaryPlainText(later.doc).split('\n').sort()).toEqual([...expected].sort());
    [writer, slow, later].forEach((c) => c.destroy());
  }, 60_000);

  it('refuses the upgrade for an unknown or malformed case id', async () => {
    const { cookie } = await editorOf(server, caseId);
    for (const id of ['no-such-case', 'bad!id']) {
      expect(await upgradeStatus(`${server.wsUrl}/${id}`, { cookie })).toBe(404);
    }
    expect(await upgradeStatus(`${server.wsUrl}/${caseId}`, { cookie })).toBe(101);
  });
});
