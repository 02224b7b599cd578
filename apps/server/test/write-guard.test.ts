import * as Y from 'yjs';
import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { afterEach, describe, expect, it } from 'vitest';
import type { WriteGuard } from '../src/sync/write-guard.ts';
import {
  caseMember,
  connectClient,
  createCase,
  eventually,
  permissionDenials,
  removeDir,
  type RunningServer,
  startServer,
  type TestSession,
} from './harness.ts';

describe('the write guard', () => {
  let server: RunningServer;
  afterEach(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  // A member who may edit the case, but whom this guard refuses (as a conference role would).
  let readOnly: TestSession;
  const refuseReadOnly: WriteGuard = ({ principal }) =>
    principal.userId === readOnly.userId ? { allowed: false, reason: 'オブザーバーは編集できません' } : { allowed: true };

  it('refuses a write: not applied, not relayed, not stored, and the writer is told why', async () => {
    server = await startServer({ writeGuard: refuseReadOnly });
    const caseId = await createCase(server);
    readOnly = await caseMember(server, caseId, { name: '見学者', agency: '民生委員' });
    const editor = await connectClient(server, caseId);
    const observer = await connectClient(server, caseId, readOnly);
    const denials = permissionDenials(observer.provider);

    appendSummaryParagraphs(observer.doc, ['見学者の書き込み']);
    await eventually(() => expect(denials).toEqual(['オブザーバーは編集できません']));
    appendSummaryParagraphs(editor.doc, ['包括の書き込み']);

    // The editor's later write arrives everywhere; the refused one nowhere.
    const late = await connectClient(server, caseId);
    await eventually(() => expect(summaryPlainText(late.doc)).toBe('包括の書き込み'));
    expect(summaryPlainText(editor.doc)).toBe('包括の書き込み');
    expect(observer.provider.wsconnected).toBe(true);

    const stored = await server.store.loadUpdates(caseId);
    expect(stored.map((update) => summaryPlainTextOf(update)).join('')).not.toContain('見学者');
    [editor, observer, late].forEach((client) => client.destroy());
  });

  it('a read-only peer still receives every edit live', async () => {
    server = await startServer({ writeGuard: refuseReadOnly });
    const caseId = await createCase(server);
    readOnly = await caseMember(server, caseId, { name: '見学者', agency: '民生委員' });
    const observer = await connectClient(server, caseId, readOnly);
    const denials = permissionDenials(observer.provider);
    const editor = await connectClient(server, caseId);
    appendSummaryParagraphs(editor.doc, ['支援方針：週2回の訪問']);
    await eventually(() => expect(summaryPlainText(observer.doc)).toBe('支援方針：週2回の訪問'));
    // Joining and syncing sends nothing new, so nothing was refused.
    expect(denials).toEqual([]);
    [editor, observer].forEach((client) => client.destroy());
  });
});

function summaryPlainTextOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return summaryPlainText(doc);
}
