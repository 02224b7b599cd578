import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteCaseStore } from '../src/storage/sqlite-store.ts';
import { removeDir } from './harness.ts';

function editsOf(lines: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const line of lines) appendSummaryParagraphs(doc, [line]);
  return updates;
}

function docFrom(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('SqliteCaseStore', () => {
  it('appends, reloads after reopening, and compacts to one snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'care-store-'));
    const file = join(dir, 'cases.sqlite');
    let store = new SqliteCaseStore(file);
    await store.createCase({ id: 'c1', title: 't' });
    await Promise.all(editsOf(['一', '二', '三']).map((u) => store.appendUpdate('c1', u)));
    await store.close();

    store = new SqliteCaseStore(file);
    expect(await store.loadUpdates('c1')).toHaveLength(3);
    expect(await store.compact('c1')).toBe(3);
    expect(await store.compact('c1')).toBe(0);
    const [snapshot] = await store.loadUpdates('c1');
    expect(summaryPlainText(docFrom([snapshot!]))).toBe('一\n二\n三');

    // Updates after the snapshot come back after it, in order.
    const more = editsOf(['四']);
    await store.appendUpdate('c1', more[0]!);
    const loaded = await store.loadUpdates('c1');
    expect(loaded).toHaveLength(2);
    expect(summaryPlainText(docFrom(loaded))).toContain('三');
    await store.close();
    removeDir(dir);
  });

  it('refuses updates for a case that does not exist', async () => {
    const store = new SqliteCaseStore(':memory:');
    await expect(store.appendUpdate('ghost', new Uint8Array([0, 0]))).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
  });
});
