import { appendSummaryParagraphs, summaryFragment, summaryPlainText } from '@care/case-doc';
import { IncomingChanges } from '@care/sync-client';
import { describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connectClient, createCase, editorOf, eventually, type RunningServer, serverPerSuite, socketWithCookie, synced } from './harness.ts';

describe('IncomingChanges (@care/sync-client): the server’s changes held back from the doc for a while', () => {
  let server: RunningServer;
  serverPerSuite((s) => (server = s));

  it('sets changes aside while waiting, still sends and saves its own edits, and applies them all once it stops waiting', async () => {
    const caseId = await createCase(server);
    const editor = await editorOf(server, caseId);
    const sato = await connectClient(server, caseId, editor);
    const suzuki = await connectClient(server, caseId, editor);
    let composing = true;
    const incoming = new IncomingChanges(suzuki.provider, () => composing);

    appendSummaryParagraphs(sato.doc, ['佐藤の一行目']);
    await sato.saves.whenSaved();
    // 鈴木's own edit goes out and is acknowledged; the answer also carries 佐藤's line, which waits.
    appendSummaryParagraphs(suzuki.doc, ['鈴木の一行']);
    await suzuki.saves.whenSaved();
    await eventually(() => expect(summaryPlainText(sato.doc)).toContain('鈴木の一行'));
    // A change relayed while waiting waits too (鈴木's next acknowledgement comes after it on the socket).
    appendSummaryParagraphs(sato.doc, ['佐藤の二行目']);
    await sato.saves.whenSaved();
    appendSummaryParagraphs(suzuki.doc, ['鈴木の二行']);
    await suzuki.saves.whenSaved();
    expect(summaryPlainText(suzuki.doc)).toBe('鈴木の一行\n鈴木の二行');

    composing = false;
    incoming.applyWaiting();
    expect(summaryPlainText(suzuki.doc)).toBe(summaryPlainText(sato.doc));
    expect(summaryPlainText(suzuki.doc).split('\n').sort()).toEqual(['佐藤の一行目', '佐藤の二行目', '鈴木の一行', '鈴木の二行'].sort());

    // No longer waiting: a change goes straight in.
    appendSummaryParagraphs(sato.doc, ['佐藤の三行目']);
    await eventually(() => expect(summaryPlainText(suzuki.doc)).toContain('佐藤の三行目'));
    sato.destroy();
    suzuki.destroy();
  });

  it('applies what was set aside before the next change once the wait is over, without being asked', async () => {
    const caseId = await createCase(server);
    const editor = await editorOf(server, caseId);
    const sato = await connectClient(server, caseId, editor);
    const suzuki = await connectClient(server, caseId, editor);
    let composing = true;
    new IncomingChanges(suzuki.provider, () => composing);

    appendSummaryParagraphs(sato.doc, ['一行目']);
    await sato.saves.whenSaved();
    appendSummaryParagraphs(suzuki.doc, ['鈴木']);
    await suzuki.saves.whenSaved();
    expect(summaryPlainText(suzuki.doc)).toBe('鈴木');

    // E.g. the element that was composing went away without a compositionend.
    composing = false;
    appendSummaryParagraphs(sato.doc, ['二行目']);
    await eventually(() => expect(summaryPlainText(suzuki.doc)).toBe(summaryPlainText(sato.doc)));
    expect(summaryPlainText(suzuki.doc)).toContain('一行目');
    sato.destroy();
    suzuki.destroy();
  });

  it('applies the first sync as the provider does: what observes it sees the provider not yet synced, and synced once it is applied', async () => {
    const caseId = await createCase(server);
    const editor = await editorOf(server, caseId);
    const sato = await connectClient(server, caseId, editor);
    appendSummaryParagraphs(sato.doc, ['本人：80代女性、独居。']);
    await sato.saves.whenSaved();

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.wsUrl, caseId, doc, { WebSocketPolyfill: socketWithCookie(editor.cookie) as never, disableBc: true, connect: false });
    new IncomingChanges(provider, () => false);
    // A screen tells news only of changes arriving once synced (useAnnouncement): the first load is not news.
    const syncedWhenObserved: boolean[] = [];
    summaryFragment(doc).observeDeep(() => syncedWhenObserved.push(provider.synced));
    provider.connect();
    await synced(provider);
    expect(summaryPlainText(doc)).toBe('本人：80代女性、独居。');
    expect(syncedWhenObserved).toEqual([false]);

    appendSummaryParagraphs(sato.doc, ['長女は県外在住。']);
    await eventually(() => expect(syncedWhenObserved).toEqual([false, true]));
    provider.destroy();
    sato.destroy();
  });
});
