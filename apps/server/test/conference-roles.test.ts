import {
  appendSummaryParagraphs,
  assignRole,
  closeConference,
  conferenceMapPart,
  confirmConfidentiality,
  joinConference,
  RefusalReason,
  readConferences,
  scheduleConference,
  startConference,
  summaryPlainText,
} from '@care/case-doc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  asParticipant,
  caseMember,
  connectClient,
  createCase,
  eventually,
  permissionDenials,
  removeDir,
  type RunningServer,
  sendTypedBefore,
  serverHandledAllSent,
  startServer,
  type TestClient,
  type TestSession,
} from './harness.ts';

/** The roles of the case's only conference, as a client's doc has them. */
const rolesSeenBy = (client: TestClient) => readConferences(client.doc).value[0]?.roles ?? {};
const participant = (who: TestSession) => asParticipant(who);

describe('conference roles enforced by the server (default write guard)', () => {
  let server: RunningServer;
  let caseId: string;
  let conferenceId: string;
  let facilitator: TestClient;
  const clients: TestClient[] = [];
  const member = (name?: string, agency?: string) => caseMember(server, caseId, { name, agency });
  const connect = async (who?: TestSession) => {
    const client = await connectClient(server, caseId, who ?? (await member()));
    clients.push(client);
    // The facilitator's conference may still be on its way to the server when this client syncs.
    await eventually(() => expect(readConferences(client.doc).value).toHaveLength(1));
    return client;
  };

  beforeEach(async () => {
    server = await startServer();
    caseId = await createCase(server);
    const sato = await member('佐藤');
    facilitator = await connectClient(server, caseId, sato);
    clients.push(facilitator);
    conferenceId = scheduleConference(facilitator.doc, { date: '2026-11-23', kind: '個別ケース検討' });
    startConference(facilitator.doc, conferenceId, participant(sato), Date.now());
  });

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await server.stop();
    removeDir(server.dataDir);
  });

  it('a non-facilitator’s role change is refused, not stored, not relayed, and they are told why', async () => {
    const suzukiUser = await member('鈴木');
    const suzuki = await connect(suzukiUser);
    const denials = permissionDenials(suzuki.provider);
    const tanakaUser = await member('田中');
    const tanaka = await connect(tanakaUser);
    joinConference(suzuki.doc, conferenceId, participant(suzukiUser));
    await eventually(() => expect(readConferences(tanaka.doc).value[0]?.participants).toHaveLength(2));

    assignRole(suzuki.doc, conferenceId, suzukiUser.userId, { role: '司会' });
    await eventually(() => expect(denials).toEqual([RefusalReason.notFacilitator]));
    expect(suzuki.provider.wsconnected).toBe(true);

    // The facilitator's own change, made after, reaches everyone; the refused one reaches no one.
    assignRole(facilitator.doc, conferenceId, tanakaUser.userId, { role: '記録' });
    await eventually(() => expect(Object.keys(rolesSeenBy(tanaka))).toHaveLength(2));
    const late = await connect();
    for (const client of [facilitator, tanaka, late]) {
      expect(rolesSeenBy(client)[suzukiUser.userId]).toBeUndefined();
    }
    const stored = new Y.Doc();
    for (const update of await server.store.loadUpdates(caseId)) Y.applyUpdate(stored, update);
    expect(readConferences(stored).value[0]!.roles[suzukiUser.userId]).toBeUndefined();
  });

  it('a conference planned and started offline while another went live is refused, and nobody sees two live', async () => {
    const suzukiUser = await member('鈴木');
    const suzuki = await connect(suzukiUser);
    const denials = permissionDenials(suzuki.provider);
    // 鈴木's browser kept the case from before 佐藤's conference, and plans and starts one of its own.
    sendTypedBefore(suzuki, new Y.Doc(), (doc) => {
      startConference(doc, scheduleConference(doc, { date: '2026-11-23', kind: '支援会議' }), participant(suzukiUser), Date.now());
    });
    await eventually(() => expect(denials).toEqual([RefusalReason.anotherLive]));
    const late = await connect();
    expect(readConferences(late.doc).value.map((c) => c.status)).toEqual(['live']);
  });

  it('a conference dated after today is not started on that date, also by its 司会, who is told why; started as today’s, it is', async () => {
    const denials = permissionDenials(facilitator.provider);
    closeConference(facilitator.doc, conferenceId, Date.now());
    const later = scheduleConference(facilitator.doc, { date: '2099-12-31', kind: '個別ケース検討' });
    const sato = readConferences(facilitator.doc).value[0]!.participants[0]!;
    startConference(facilitator.doc, later, sato, Date.now());
    await eventually(() => expect(denials).toEqual([RefusalReason.futureStart]));
    const suzukiUser = await member('鈴木');
    const suzuki = await connectClient(server, caseId, suzukiUser);
    clients.push(suzuki);
    const laterSeenBy = (client: TestClient) => readConferences(client.doc).value.find((c) => c.id === later);
    await eventually(() => expect(laterSeenBy(suzuki)).toMatchObject({ date: '2099-12-31', status: 'scheduled' }));

    const suzukiDenials = permissionDenials(suzuki.provider);
    startConference(suzuki.doc, later, participant(suzukiUser), Date.now(), { heldToday: true });
    const late = await connectClient(server, caseId, await member());
    clients.push(late);
    await eventually(() => expect(laterSeenBy(late)?.status).toBe('live'));
    expect(laterSeenBy(late)!.date).not.toBe('2099-12-31');
    expect(suzukiDenials).toEqual([]);
  });

  it('the facilitator cannot confirm 守秘義務 for a participant; the participant does, and everyone sees it', async () => {
    const suzukiUser = await member('鈴木');
    const suzuki = await connect(suzukiUser);
    joinConference(suzuki.doc, conferenceId, participant(suzukiUser));
    await eventually(() => expect(readConferences(facilitator.doc).value[0]?.participants).toHaveLength(2));
    const confirmedAt = (client: TestClient) => readConferences(client.doc).value[0]!.participants.find((p) => p.userId === suzukiUser.userId)?.confidentialityConfirmedAt;

    const denials = permissionDenials(facilitator.provider);
    confirmConfidentiality(facilitator.doc, conferenceId, suzukiUser.userId, 1_000);
    await eventually(() => expect(denials).toEqual([RefusalReason.othersEntry]));
    expect(confirmedAt(suzuki)).toBeUndefined();

    confirmConfidentiality(suzuki.doc, conferenceId, suzukiUser.userId, 2_000);
    const late = await connect();
    await eventually(() => expect(confirmedAt(late)).toBe(2_000));
  });

  it('a participant entry readers would leave out (a 職種 over 40 characters, a wrong type) is refused: nobody drops off the list', async () => {
    const suzukiUser = await member('鈴木');
    const suzuki = await connect(suzukiUser);
    joinConference(suzuki.doc, conferenceId, participant(suzukiUser));
    await eventually(() => expect(readConferences(facilitator.doc).value[0]?.participants).toHaveLength(2));
    const tanakaUser = await member('田中');
    const tanaka = await connect(tanakaUser);
    const denials = [permissionDenials(suzuki.provider), permissionDenials(tanaka.provider)];

    // Written straight into the doc, as a crafted (or old, or buggy) client would, not through setParticipantProfession.
    const participantsOf = (client: TestClient) => conferenceMapPart<unknown>(client.doc, conferenceId, 'participants')!;
    participantsOf(suzuki).set(suzukiUser.userId, { ...participant(suzukiUser), profession: '管'.repeat(41) });
    participantsOf(tanaka).set(tanakaUser.userId, { ...participant(tanakaUser), confidentialityConfirmedAt: '確認済み' });
    await eventually(() => expect(denials).toEqual([[RefusalReason.unreadable], [RefusalReason.unreadable]]));

    const late = await connect();
    const stored = new Y.Doc();
    for (const update of await server.store.loadUpdates(caseId)) Y.applyUpdate(stored, update);
    for (const doc of [late.doc, stored]) {
      expect(readConferences(doc).problems).toEqual([]);
      expect(readConferences(doc).value[0]!.participants.find((p) => p.userId === suzukiUser.userId)).toEqual(participant(suzukiUser));
    }
  });

  it('text put straight into the summary or a 検討内容, outside any paragraph, is refused, also to a coordinator: no editor can show it, and every page of the case broke', async () => {
    const writer = await connect();
    const coordinator = await connect(await caseMember(server, caseId, { role: 'coordinator' }));
    const denials = [permissionDenials(writer.provider), permissionDenials(coordinator.provider)];
    appendSummaryParagraphs(writer.doc, ['本人：80代女性']);
    await eventually(() => expect(summaryPlainText(facilitator.doc)).toBe('本人：80代女性'));

    // As a crafted client writes it: text, not a paragraph, at the top of the rich text.
    const loose = (field: string) => {
      const crafted = new Y.Doc();
      crafted.getText(field).insert(0, '段落の外');
      return Y.encodeStateAsUpdate(crafted);
    };
    Y.applyUpdate(writer.doc, loose('summary'));
    Y.applyUpdate(coordinator.doc, loose(`notes:${conferenceId}`));
    await eventually(() => expect(denials).toEqual([[RefusalReason.unreadable], [RefusalReason.unreadable]]));

    // (The writer's copy keeps what was refused, as a browser's does: others go on writing.)
    appendSummaryParagraphs(facilitator.doc, ['独居']);
    const late = await connect();
    await eventually(() => expect(summaryPlainText(late.doc)).toBe('本人：80代女性\n独居'));
    const stored = new Y.Doc();
    for (const update of await server.store.loadUpdates(caseId)) Y.applyUpdate(stored, update);
    for (const doc of [late.doc, stored]) {
      expect(doc.getXmlFragment('summary').toArray().every((block) => block instanceof Y.XmlElement)).toBe(true);
      expect(doc.getXmlFragment(`notes:${conferenceId}`).length).toBe(0);
    }
  });

  it('the facilitator assigns 記録 and every participant sees it at once', async () => {
    const suzukiUser = await member('鈴木');
    const suzuki = await connect(suzukiUser);
    assignRole(facilitator.doc, conferenceId, suzukiUser.userId, { role: '記録' });
    await eventually(() => expect(rolesSeenBy(suzuki)[suzukiUser.userId]).toEqual({ role: '記録' }));
  });

  it('an observer’s summary edit is refused; the others’ edits still reach the observer', async () => {
    const observerUser = await member('見学者', '民生委員');
    const observer = await connect(observerUser);
    const denials = permissionDenials(observer.provider);
    assignRole(facilitator.doc, conferenceId, observerUser.userId, { role: 'オブザーバー' });
    await eventually(() => expect(rolesSeenBy(observer)[observerUser.userId]).toEqual({ role: 'オブザーバー' }));

    appendSummaryParagraphs(observer.doc, ['見学者の書き込み']);
    await eventually(() => expect(denials).toEqual([RefusalReason.observer]));
    appendSummaryParagraphs(facilitator.doc, ['支援方針：週2回の訪問']);
    const late = await connect();
    await eventually(() => expect(summaryPlainText(late.doc)).toBe('支援方針：週2回の訪問'));
    expect(summaryPlainText(facilitator.doc)).toBe('支援方針：週2回の訪問');
    await eventually(() => expect(summaryPlainText(observer.doc)).toContain('支援方針：週2回の訪問'));
  });

  it('an observer reconnects: the copy they kept is taken silently; an edit they made offline stays refused and reaches no one', async () => {
    const observerUser = await member('見学者', '民生委員');
    const observer = await connect(observerUser);
    assignRole(facilitator.doc, conferenceId, observerUser.userId, { role: 'オブザーバー' });
    await eventually(() => expect(rolesSeenBy(observer)[observerUser.userId]).toEqual({ role: 'オブザーバー' }));

    observer.provider.disconnect();
    appendSummaryParagraphs(facilitator.doc, ['支援方針：週2回の訪問']);
    observer.provider.connect();
    await eventually(() => expect(summaryPlainText(observer.doc)).toBe('支援方針：週2回の訪問'));
    await serverHandledAllSent(observer);
    expect(observer.denials).toEqual([]);

    observer.provider.disconnect();
    appendSummaryParagraphs(observer.doc, ['見学者のオフラインメモ']);
    observer.provider.connect();
    await eventually(() => expect(observer.denials).toEqual([RefusalReason.observer]));
    const late = await connect();
    expect(summaryPlainText(late.doc)).toBe('支援方針：週2回の訪問');
    const stored = new Y.Doc();
    for (const update of await server.store.loadUpdates(caseId)) Y.applyUpdate(stored, update);
    expect(summaryPlainText(stored)).toBe('支援方針：週2回の訪問');
  });

  it('twelve participants join at once; each sees all of them and the facilitator’s role changes', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => member(`参加者${i + 1}`)));
    const joined = await Promise.all(people.map((who) => connect(who)));
    joined.forEach((client, i) => joinConference(client.doc, conferenceId, participant(people[i]!)));
    assignRole(facilitator.doc, conferenceId, people[5]!.userId, { role: '記録' });
    assignRole(facilitator.doc, conferenceId, people[6]!.userId, { role: '助言者', profession: '薬剤師' });
    for (const client of [facilitator, ...joined]) {
      await eventually(() => {
        const [conference] = readConferences(client.doc).value;
        expect(conference!.participants).toHaveLength(13);
        expect(conference!.roles[people[5]!.userId]).toEqual({ role: '記録' });
        expect(conference!.roles[people[6]!.userId]).toEqual({ role: '助言者', profession: '薬剤師' });
      });
    }
  });

  it('an edit typed offline and one typed while reconnecting are both stored, even if the second arrives before the sync', async () => {
    const writer = await connect();
    appendSummaryParagraphs(writer.doc, ['接続中の行']);
    await eventually(() => expect(summaryPlainText(facilitator.doc)).toBe('接続中の行'));
    const denials = permissionDenials(writer.provider);
    writer.provider.disconnect();
    appendSummaryParagraphs(writer.doc, ['オフラインの行']);
    // Typed the moment the socket opens: it goes out before the sync step 2 that carries the offline line.
    writer.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') appendSummaryParagraphs(writer.doc, ['再接続直後の行']);
    });
    writer.provider.connect();
    const everything = ['接続中の行', 'オフラインの行', '再接続直後の行'].join('\n');
    await eventually(() => expect(summaryPlainText(facilitator.doc)).toBe(everything));
    const stored = new Y.Doc();
    for (const update of await server.store.loadUpdates(caseId)) Y.applyUpdate(stored, update);
    expect(summaryPlainText(stored)).toBe(everything);
    // The early edit was refused as unplaceable, then arrived with the sync, so nothing was lost.
    expect(denials).toEqual([RefusalReason.unresolved]);
  });
});
