import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presenceOf } from '@care/schema';
import { caseMember, connectClient, createCase, eventually, removeDir, type RunningServer, startServer } from './harness.ts';

describe('live sync of a case over y-websocket', () => {
  let server: RunningServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('two clients editing the same case concurrently converge', async () => {
    const caseId = await createCase(server);
    const [a, b] = await Promise.all([connectClient(server, caseId), connectClient(server, caseId)]);
    for (let i = 0; i < 20; i++) {
      appendSummaryParagraphs(a.doc, [`包括メモ${i}`]);
      appendSummaryParagraphs(b.doc, [`社協メモ${i}`]);
    }
    await eventually(() => {
      expect(summaryPlainText(a.doc).split('\n')).toHaveLength(40);
      expect(summaryPlainText(b.doc)).toBe(summaryPlainText(a.doc));
    });
    a.destroy();
    b.destroy();
  });

  it('a client joining later receives everything written before', async () => {
    const caseId = await createCase(server);
    const writer = await connectClient(server, caseId);
    appendSummaryParagraphs(writer.doc, ['本人：独居、娘は県外在住。']);
    const reader = await connectClient(server, caseId);
    await eventually(() => expect(summaryPlainText(reader.doc)).toBe('本人：独居、娘は県外在住。'));
    writer.destroy();
    reader.destroy();
  });

  it('keeps cases apart', async () => {
    const [first, second] = [await createCase(server, 'A'), await createCase(server, 'B')];
    const a = await connectClient(server, first);
    const b = await connectClient(server, second);
    appendSummaryParagraphs(a.doc, ['Aの内容']);
    const a2 = await connectClient(server, first);
    await eventually(() => expect(summaryPlainText(a2.doc)).toBe('Aの内容'));
    expect(summaryPlainText(b.doc)).toBe('');
    [a, b, a2].forEach((client) => client.destroy());
  });

  it('relays presence (awareness) with name and agency, and drops it when a client leaves', async () => {
    const caseId = await createCase(server);
    const satoUser = await caseMember(server, caseId, { name: '佐藤', agency: '地域包括支援センター' });
    const a = await connectClient(server, caseId, satoUser);
    const b = await connectClient(server, caseId);
    const sato = presenceOf(satoUser);
    a.provider.awareness.setLocalStateField('user', sato);
    await eventually(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toEqual(sato));
    a.destroy();
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));
    b.destroy();
  });
});
