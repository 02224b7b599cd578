import { presenceOf } from '@care/schema';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness } from '../src/sync/protocol.ts';
import { caseMember, connectClient, createCase, eventually, type RunningServer, serverPerSuite, type TestClient } from './harness.ts';

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
    forger.provider.awareness.setLocalStateField('cursor', { anchor: 1 });

    const real = presenceOf({ userId: suzuki.userId, name: '鈴木', agency: '居宅介護支援事業所', agencyKind: '居宅介護支援事業所', role: 'staff' });
    await eventually(() => expect(statesSeenBy(watcher).get(forger.doc.clientID)).toEqual({ user: real, cursor: { anchor: 1 } }));
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
    for (let i = 0; i < 5; i++) fake.setLocalState({ cursor: { anchor: 99 } });
    attacker.provider.ws!.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(fake, [victim.doc.clientID])));
    attacker.provider.awareness.setLocalStateField('cursor', { anchor: 7 });

    await eventually(() => expect(statesSeenBy(watcher).get(attacker.doc.clientID)?.cursor).toEqual({ anchor: 7 }));
    expect(statesSeenBy(watcher).get(victim.doc.clientID)?.user?.name).toBe('被害者');
    expect(statesSeenBy(watcher).get(victim.doc.clientID)?.cursor).toBeNull();
    fake.destroy();
    [victim, attacker, watcher].forEach((c) => c.destroy());
  });
});
