import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { connectClient, createCase, eventually, holdWrites, type RunningServer, serverPerSuite, type TestClient } from './harness.ts';

/** The summary as the server has stored it (read from storage, not from the live room). */
async function storedSummary(server: RunningServer, caseId: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of await server.store.loadUpdates(caseId)) Y.applyUpdate(doc, update);
  return summaryPlainText(doc);
}

/** Resolves once the client's provider has opened a new socket. */
function reconnected(client: TestClient): Promise<void> {
  return new Promise((resolve) => {
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      client.provider.off('status', onStatus);
      resolve();
    };
    client.provider.on('status', onStatus);
  });
}

/** Long enough for a tracker that answered too early to have done so. */
const settle = () => sleep(150);

describe('SaveTracker (@care/sync-client): which local edits the server has durably stored', () => {
  let server: RunningServer;
  serverPerSuite((s) => (server = s));

  it('reports an edit saved only after the server has stored it', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    expect(client.saves.status).toMatchObject({ unsaved: 0 });

    const hold = holdWrites(server.store);
    appendSummaryParagraphs(client.doc, ['初回面談：本人と長女が同席']);
    expect(client.saves.status).toMatchObject({ local: 1, unsaved: 1 });
    const storedWhenSaved = client.saves.whenSaved().then(() => hold.counts.stored);

    await eventually(() => expect(hold.counts.received).toBe(1)); // the server has it, its store is blocked
    await settle();
    expect(client.saves.status.unsaved).toBe(1);

    hold.release();
    expect(await storedWhenSaved).toBe(1);
    expect(client.saves.status).toMatchObject({ local: 1, acknowledged: 1, unsaved: 0 });
    expect(await storedSummary(server, caseId)).toBe('初回面談：本人と長女が同席');
    client.destroy();
  });

  it('answered() resolves once the server has answered every frame sent before it (so any refusal of them has come), false on a closed socket', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    const hold = holdWrites(server.store);
    appendSummaryParagraphs(client.doc, ['初回面談：本人と長女が同席']);
    const storedWhenAnswered = client.saves.answered().then((answered) => ({ answered, stored: hold.counts.stored }));
    await eventually(() => expect(hold.counts.received).toBe(1));
    hold.release();
    expect(await storedWhenAnswered).toEqual({ answered: true, stored: 1 });
    client.destroy();
    expect(await client.saves.answered()).toBe(false);
  });

  it('acknowledges a burst of edits together, and each later edit again', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    for (let i = 0; i < 30; i++) appendSummaryParagraphs(client.doc, [`行${i}`]);
    await client.saves.whenSaved();
    expect(client.saves.status).toMatchObject({ local: 30, acknowledged: 30 });
    appendSummaryParagraphs(client.doc, ['最後']);
    await client.saves.whenSaved();
    expect(client.saves.status).toMatchObject({ local: 31, acknowledged: 31 });
    expect((await storedSummary(server, caseId)).split('\n')).toHaveLength(31);
    client.destroy();
  });

  it('keeps edits made offline unsaved until a reconnect has delivered and stored them', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    client.provider.disconnect();
    appendSummaryParagraphs(client.doc, ['オフラインで入力']);
    const saved = client.saves.whenSaved();
    await settle();
    expect(client.saves.status.unsaved).toBe(1);

    client.provider.connect();
    await saved;
    expect(client.saves.status.unsaved).toBe(0);
    expect(await storedSummary(server, caseId)).toBe('オフラインで入力');
    client.destroy();
  });

  it('does not count an answer on a dropped socket: the edit is sent again and acknowledged once stored', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    const hold = holdWrites(server.store);
    appendSummaryParagraphs(client.doc, ['切断前の入力']);
    const storedWhenSaved = client.saves.whenSaved().then(() => ({ ...hold.counts }));
    await eventually(() => expect(hold.counts.received).toBe(1));

    // The connection drops while the server is still storing; the client reconnects, and its
    // sync (which carries the edit again, as the server did not have it when it asked) is answered
    // only once the first write is through.
    (client.provider.ws as unknown as WebSocket).close();
    await reconnected(client);
    await settle();
    expect(client.saves.status.unsaved).toBe(1);

    hold.release();
    const counts = await storedWhenSaved;
    expect(counts.stored).toBe(counts.received);
    expect(await storedSummary(server, caseId)).toBe('切断前の入力');
    client.destroy();
  });

  it('after a reconnect, does not acknowledge an edit the server has applied but not yet made durable', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    const watcher = await connectClient(server, caseId);
    const hold = holdWrites(server.store, 'durability');
    appendSummaryParagraphs(client.doc, ['書き込み済み、未フラッシュ']);
    const storedWhenSaved = client.saves.whenSaved().then(() => hold.counts.stored);
    // Relayed: the server has written and applied it, so the reconnecting client's sync does not send it again.
    await eventually(() => expect(summaryPlainText(watcher.doc)).toBe('書き込み済み、未フラッシュ'));

    (client.provider.ws as unknown as WebSocket).close();
    await reconnected(client);
    await settle();
    expect(client.saves.status.unsaved).toBe(1);

    hold.release();
    expect(await storedWhenSaved).toBe(1);
    for (const c of [client, watcher]) c.destroy();
  });

  it('relays further edits while earlier ones wait for the disk, and acknowledges none of them before they are durable', async () => {
    const caseId = await createCase(server);
    const client = await connectClient(server, caseId);
    const watcher = await connectClient(server, caseId);
    const hold = holdWrites(server.store, 'durability');
    for (const line of ['一行目', '二行目', '三行目']) {
      appendSummaryParagraphs(client.doc, [line]);
      await settle();
    }
    // Written and relayed one after another, each without waiting for the previous to be durable.
    await eventually(() => expect(summaryPlainText(watcher.doc)).toBe('一行目\n二行目\n三行目'));
    await settle();
    expect(client.saves.status.unsaved).toBe(3);

    hold.release();
    await client.saves.whenSaved();
    expect(hold.counts.stored).toBe(3);
    for (const c of [client, watcher]) c.destroy();
  });

  it("does not take another client's edits, or the server's, for its own", async () => {
    const caseId = await createCase(server);
    const writer = await connectClient(server, caseId);
    const reader = await connectClient(server, caseId);
    appendSummaryParagraphs(writer.doc, ['他の人の入力']);
    await eventually(() => expect(summaryPlainText(reader.doc)).toBe('他の人の入力'));
    expect(reader.saves.status).toMatchObject({ local: 0, unsaved: 0 });
    await writer.saves.whenSaved();
    for (const client of [writer, reader]) client.destroy();
  });
});
