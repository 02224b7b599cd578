import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { presenceOf } from '@care/schema';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness } from '../src/sync/protocol.ts';
import { caretAt, caseMember, connectClient, createCase, eventually, type RunningServer, serverPerSuite, type TestClient } from './harness.ts';
import { announcePresence } from './sessions.ts';

/** Every presence state a client sees, by awareness client id. */
const statesSeenBy = (client: TestClient) => client.provider.awareness.getStates();
const usersSeenBy = (client: TestClient) => [...statesSeenBy(client).values()].map((state) => state.user);

describe('presence is stamped by the server', () => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started));

  it('a client announcing someone else’s name is seen by others under its real name, agency and role', async () => {
    const caseId = await createCase(server);
    const suzuki = await caseMember(server, caseId, { name: '鈴木', agency: '居宅介護支援事業所' });
    const forger = await connectClient(server, caseId, suzuki);
    const watcher = await connectClient(server, caseId);
    forger.provider.awareness.setLocalStateField('user', {
      userId: 'administrator-1',
      name: '管理者',
      agency: '高齢福祉課',
      role: 'admin',
      color: '#000000',
    });
    const caret = caretAt(forger.doc, 0);
    forger.provider.awareness.setLocalStateField('cursor', caret);

    const real = presenceOf({ userId: suzuki.userId, name: '鈴木', agency: '居宅介護支援事業所', agencyKind: '居宅介護支援事業所', role: 'staff' });
    await eventually(() => expect(statesSeenBy(watcher).get(forger.doc.clientID)).toEqual({ user: real, cursor: caret }));
    expect(JSON.stringify(usersSeenBy(watcher))).not.toContain('管理者');
    [forger, watcher].forEach((c) => c.destroy());
  });

  it('a client that announces no identity at all still appears as who it is', async () => {
    const caseId = await createCase(server);
    const yamada = await caseMember(server, caseId, { name: '山田', agency: '社会福祉協議会' });
    const silent = await connectClient(server, caseId, yamada);
    const watcher = await connectClient(server, caseId);
    silent.provider.awareness.setLocalState({ cursor: null });
    await eventually(() =>
      expect(statesSeenBy(watcher).get(silent.doc.clientID)?.user).toMatchObject({ userId: yamada.userId, name: '山田', agency: '社会福祉協議会' }),
    );
    [silent, watcher].forEach((c) => c.destroy());
  });

  it('a client cannot take over another participant’s presence by announcing its awareness id', async () => {
    const caseId = await createCase(server);
    const [victimUser, attackerUser] = [await caseMember(server, caseId, { name: '被害者' }), await caseMember(server, caseId, { name: '攻撃者' })];
    const victim = await connectClient(server, caseId, victimUser);
    const attacker = await connectClient(server, caseId, attackerUser);
    const watcher = await connectClient(server, caseId);
    victim.provider.awareness.setLocalStateField('cursor', null);
    await eventually(() => expect(statesSeenBy(watcher).get(victim.doc.clientID)?.user?.name).toBe('被害者'));

    // The attacker sends a state under the victim's awareness id, then a change of its own.
    const impostor = new Y.Doc();
    impostor.clientID = victim.doc.clientID;
    const fake = new awarenessProtocol.Awareness(impostor);
    // A later clock than the victim's own, so only the server's refusal keeps it out.
    for (let i = 0; i < 5; i++) fake.setLocalState({ cursor: caretAt(impostor, 0) });
    attacker.provider.ws!.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(fake, [victim.doc.clientID])));
    const caret = caretAt(attacker.doc, 0);
    attacker.provider.awareness.setLocalStateField('cursor', caret);

    await eventually(() => expect(statesSeenBy(watcher).get(attacker.doc.clientID)?.cursor).toEqual(caret));
    expect(statesSeenBy(watcher).get(victim.doc.clientID)?.user?.name).toBe('被害者');
    expect(statesSeenBy(watcher).get(victim.doc.clientID)?.cursor).toBeNull();
    fake.destroy();
    [victim, attacker, watcher].forEach((c) => c.destroy());
  });

  it('one connection cannot fill everyone’s participant list: it holds a few presence ids at most, not thousands', async () => {
    const caseId = await createCase(server);
    const flooder = await connectClient(server, caseId, await caseMember(server, caseId, { name: '大量送信者' }));
    const watcher = await connectClient(server, caseId);
    flooder.provider.awareness.setLocalStateField('cursor', null);
    await eventually(() => expect(statesSeenBy(watcher).get(flooder.doc.clientID)?.user?.name).toBe('大量送信者'));

    // 200 made-up presence ids in one message, as a crafted client could send.
    const fakes = Array.from({ length: 200 }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = 1_000_000 + i;
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState({ cursor: null });
      return awareness;
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, fakes.length);
    // Each fake's entry, without the count (one, one byte) its own update starts with.
    for (const fake of fakes) encoding.writeUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]).subarray(1));
    flooder.provider.ws!.send(encodeAwareness(encoding.toUint8Array(encoder)));
    // A change of its own after the flood: once seen, the flood has been dealt with.
    const caret = caretAt(flooder.doc, 0);
    flooder.provider.awareness.setLocalStateField('cursor', caret);

    await eventually(() => expect(statesSeenBy(watcher).get(flooder.doc.clientID)?.cursor).toEqual(caret));
    const flooders = usersSeenBy(watcher).filter((user) => user?.name === '大量送信者');
    expect(flooders.length).toBeGreaterThan(1); // some ids pass: a page may hold more than one
    expect(flooders.length).toBeLessThanOrEqual(4);
    fakes.forEach((fake) => fake.destroy());
    [flooder, watcher].forEach((c) => c.destroy());
  });

  it('a connection that stops reading is not sent the presence changes of one who keeps moving: the server would hold them all', async () => {
    const caseId = await createCase(server);
    const reader = await caseMember(server, caseId, { name: '閲覧者', access: 'read' });
    const flooder = await connectClient(server, caseId, reader);
    const watcher = await connectClient(server, caseId);
    const stalled = await announcePresence(server.wsUrl, caseId, reader, { cursor: null });
    onTestFinished(() => stalled.terminate());
    await eventually(() => expect(server.app.websocketServer.clients.size).toBe(3));
    const onServer = [...server.app.websocketServer.clients].at(-1)!;
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause(); // reads nothing more

    // A reader's (or a guest's) crafted client moving its caret as fast as the server takes it.
    const places = [caretAt(flooder.doc, 0), null];
    for (let i = 0; i < 20_000; i++) flooder.provider.awareness.setLocalStateField('cursor', places[i % 2]);
    const last = caretAt(flooder.doc, 0);
    flooder.provider.awareness.setLocalStateField('cursor', { ...last, head: last.anchor });
    await eventually(() => expect(statesSeenBy(watcher).get(flooder.doc.clientID)?.cursor).toEqual({ ...last, head: last.anchor }), 30_000);
    expect(onServer.bufferedAmount).toBeLessThan(2 * 1024 * 1024);
    [flooder, watcher].forEach((c) => c.destroy());
  }, 60_000);

  it('a caret no editor can place is passed on as none: everyone else’s editor would throw drawing it (and stop taking edits)', async () => {
    const caseId = await createCase(server);
    const sender = await connectClient(server, caseId, await caseMember(server, caseId, { name: '送信者' }));
    const watcher = await connectClient(server, caseId);
    appendSummaryParagraphs(watcher.doc, ['本人：80代女性']);
    await eventually(() => expect(summaryPlainText(sender.doc)).toBe('本人：80代女性'));
    /** Draws the sender's caret as the watcher's editor does, or says why it cannot. */
    const drawnCaret = () => {
      const cursor = statesSeenBy(watcher).get(sender.doc.clientID)?.cursor as { anchor: unknown } | null | undefined;
      return cursor && Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.anchor), watcher.doc)?.index;
    };

    for (const unreadable of [{ anchor: { garbage: 1 }, head: 5 }, { head: {} }, 'here', { anchor: { item: { client: 'x' } }, head: null }]) {
      sender.provider.awareness.setLocalStateField('cursor', caretAt(sender.doc, 1));
      await eventually(() => expect(drawnCaret()).toBe(1));
      sender.provider.awareness.setLocalStateField('cursor', unreadable);
      await eventually(() => expect(statesSeenBy(watcher).get(sender.doc.clientID)?.cursor).toBeNull());
      expect(drawnCaret).not.toThrow();
    }
    [sender, watcher].forEach((c) => c.destroy());
  });

  it('a caret naming its place by a name no editor’s text has (megabytes long) is passed on as none: everyone would receive it at each move', async () => {
    const caseId = await createCase(server);
    const sender = await connectClient(server, caseId, await caseMember(server, caseId, { name: '送信者' }));
    const watcher = await connectClient(server, caseId);
    const named = (tname: string) => Y.relativePositionToJSON(new Y.RelativePosition(null, tname, null));
    sender.provider.awareness.setLocalStateField('cursor', { anchor: named('summary'), head: named('summary') });
    await eventually(() => expect(statesSeenBy(watcher).get(sender.doc.clientID)?.cursor).toEqual({ anchor: named('summary'), head: named('summary') }));
    const huge = named('x'.repeat(1_000_000));
    sender.provider.awareness.setLocalStateField('cursor', { anchor: huge, head: huge });
    await eventually(() => expect(statesSeenBy(watcher).get(sender.doc.clientID)?.cursor).toBeNull());
    [sender, watcher].forEach((c) => c.destroy());
  });

  it('passes on nothing else a state holds: no page reads it, and a crafted one (nested past any stack) closed its sender’s connection as a server error', async () => {
    const caseId = await createCase(server);
    const sender = await connectClient(server, caseId, await caseMember(server, caseId, { name: '送信者' }));
    const watcher = await connectClient(server, caseId);
    const caret = caretAt(sender.doc, 0);
    const nested = '['.repeat(100_000) + ']'.repeat(100_000);
    const frame = encodeAwareness(
      encoding.encode((encoder) => {
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint(encoder, sender.doc.clientID);
        encoding.writeVarUint(encoder, 10);
        encoding.writeVarString(encoder, `{"cursor":${JSON.stringify({ ...caret, extra: 'x' })},"note":"秘密のメモ","deep":${nested}}`);
      }),
    );
    sender.provider.ws!.send(frame);
    await eventually(() => expect(statesSeenBy(watcher).get(sender.doc.clientID)).toEqual({ user: expect.objectContaining({ name: '送信者' }), cursor: null }));
    expect(sender.provider.wsconnected).toBe(true);
    [sender, watcher].forEach((c) => c.destroy());
  });
});
