import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import * as decoding from 'lib0/decoding';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { adminOf, connectClient, createCase, eventually, rawSocket, removeDir, startServer } from './harness.ts';

describe('persistence on the embedded store', () => {
  it('keeps the case summary across a server restart', async () => {
    const first = await startServer();
    const caseId = await createCase(first, '再起動テスト');
    const writer = await connectClient(first, caseId);
    const watcher = await connectClient(first, caseId);
    appendSummaryParagraphs(writer.doc, ['支援方針：週1回の訪問', '次回：12月の会議で確認']);
    // Once another client has seen the edit, the server has stored it.
    await eventually(() => expect(summaryPlainText(watcher.doc)).toContain('次回'));
    writer.destroy();
    watcher.destroy();
    await first.stop();

    const second = await startServer({ dataDir: first.dataDir });
    const reader = await connectClient(second, caseId);
    expect(summaryPlainText(reader.doc)).toBe('支援方針：週1回の訪問\n次回：12月の会議で確認');
    const cases = await (await (await adminOf(second)).request('GET', '/api/cases')).json();
    expect(cases).toMatchObject({ cases: [{ id: caseId, title: '再起動テスト' }] });
    reader.destroy();
    await second.stop();
    removeDir(first.dataDir);
  });

  it('compacts the update log into a snapshot while editing, losing nothing', async () => {
    const server = await startServer({ env: { COMPACT_EVERY: '10' } });
    const caseId = await createCase(server);
    const writer = await connectClient(server, caseId);
    const watcher = await connectClient(server, caseId);
    for (let i = 0; i < 35; i++) appendSummaryParagraphs(writer.doc, [`行${i}`]);
    await eventually(() => expect(summaryPlainText(watcher.doc).split('\n')).toHaveLength(35));
    await server.store.compact(caseId);
    // After compaction the log is a single snapshot that still holds all 35 lines.
    const stored = await server.store.loadUpdates(caseId);
    expect(stored).toHaveLength(1);
    writer.destroy();
    watcher.destroy();
    await server.stop();

    const restarted = await startServer({ dataDir: server.dataDir });
    const reader = await connectClient(restarted, caseId);
    expect(summaryPlainText(reader.doc).split('\n')).toEqual(Array.from({ length: 35 }, (_, i) => `行${i}`));
    reader.destroy();
    await restarted.stop();
    removeDir(server.dataDir);
  });

  it('serves all of a case opened from its snapshot to newcomers, before and after new edits', async () => {
    const first = await startServer();
    const caseId = await createCase(first);
    const writer = await connectClient(first, caseId);
    appendSummaryParagraphs(writer.doc, ['一', '二']);
    const watcher = await connectClient(first, caseId);
    await eventually(() => expect(summaryPlainText(watcher.doc)).toBe('一\n二'));
    writer.destroy();
    watcher.destroy();
    await first.stop(); // compacts: the case is now one snapshot

    const second = await startServer({ dataDir: first.dataDir });
    expect(await second.store.loadUpdates(caseId)).toHaveLength(1);
    const early = await connectClient(second, caseId);
    expect(summaryPlainText(early.doc)).toBe('一\n二');
    appendSummaryParagraphs(early.doc, ['三']);
    const watcher2 = await connectClient(second, caseId);
    await eventually(() => expect(summaryPlainText(watcher2.doc)).toBe('一\n二\n三'));
    // The doc has moved on from the snapshot: a newcomer gets the edit too, not just the snapshot.
    const late = await connectClient(second, caseId);
    expect(summaryPlainText(late.doc)).toBe('一\n二\n三');
    for (const client of [early, watcher2, late]) client.destroy();
    await second.stop();
    removeDir(first.dataDir);
  });

  it('answers a newcomer to a case opened from its snapshot with the snapshot as stored, and asks nothing of it', async () => {
    const first = await startServer();
    const caseId = await createCase(first);
    const writer = await connectClient(first, caseId);
    appendSummaryParagraphs(writer.doc, ['スナップショット']);
    await eventually(async () => expect(await first.store.loadUpdates(caseId)).toHaveLength(1));
    writer.destroy();
    await first.stop(); // compacts: the case is now one snapshot
    const second = await startServer({ dataDir: first.dataDir });
    const [snapshot] = await second.store.loadUpdates(caseId);

    // A y-websocket client with an empty doc: sync step 1 with an empty state vector.
    const newcomer = await rawSocket(second, caseId);
    const syncMessages: { type: number; payload: Uint8Array }[] = [];
    newcomer.socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return; // awareness
      syncMessages.push({ type: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) });
    });
    await newcomer.opened;
    newcomer.socket.send(new Uint8Array([0, 0, 1, 0]));
    await eventually(() => expect(syncMessages).toHaveLength(1));
    // Step 2 is the stored snapshot as it is. No step 1 follows: the newcomer had nothing when it
    // asked (its later edits come as updates), and reading the state vector off a long snapshot
    // would cost the server just as the newcomer integrates it.
    expect(syncMessages[0]).toEqual({ type: 1, payload: snapshot });
    newcomer.socket.send(new Uint8Array([0, 0, 1, 0])); // answered in order: a barrier
    await eventually(() => expect(syncMessages).toHaveLength(2));
    await sleep(100);
    expect(syncMessages).toEqual([
      { type: 1, payload: snapshot },
      { type: 1, payload: snapshot },
    ]);
    newcomer.socket.close();
    await second.stop();
    removeDir(first.dataDir);
  });

  it('unloads an idle case from memory and reloads it from storage', async () => {
    const server = await startServer({ env: { IDLE_UNLOAD_MS: '0' } });
    const caseId = await createCase(server);
    const writer = await connectClient(server, caseId);
    appendSummaryParagraphs(writer.doc, ['アンロード前']);
    const watcher = await connectClient(server, caseId);
    await eventually(() => expect(summaryPlainText(watcher.doc)).toBe('アンロード前'));
    writer.destroy();
    watcher.destroy();
    await eventually(() => expect(server.app.rooms.loadedCount).toBe(0));
    const reader = await connectClient(server, caseId);
    expect(summaryPlainText(reader.doc)).toBe('アンロード前');
    reader.destroy();
    await server.stop();
    removeDir(server.dataDir);
  });
});
