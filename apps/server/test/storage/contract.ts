import { appendSummaryParagraphs, summaryPlainText } from '@care/case-doc';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlCaseStore } from '../../src/storage/sql-store.ts';

/** Where a store lives; `open` gives a new connection to the same database (a reopen or another process). */
export type StoreLocation = {
  open(): Promise<SqlCaseStore>;
  /** Whether several stores may share the database at once (PostgreSQL: several server processes). */
  shared: boolean;
  remove(): Promise<void>;
};

export function editsOf(lines: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const line of lines) appendSummaryParagraphs(doc, [line]);
  return updates;
}

export function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return summaryPlainText(doc);
}

const lines = (count: number, label = '行') => Array.from({ length: count }, (_, i) => `${label}${i}`);

/**
 * Within a describe: `fresh()` makes a new database with one store open on it; `open` opens
 * more (a reopen, or another process). Everything is closed and removed after each test.
 */
export function freshDatabases(newLocation: () => Promise<StoreLocation>) {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async function fresh() {
    const location = await newLocation();
    cleanups.push(() => location.remove());
    const open = async () => {
      const store = await location.open();
      cleanups.push(() => store.close().catch(() => {}));
      return store;
    };
    return { location, open, store: await open() };
  };
}

/**
 * The behaviour every CaseStore must have, whichever engine is underneath. Each engine's test
 * file calls this with its own way of making a fresh database.
 */
export function storeContract(engine: string, newLocation: () => Promise<StoreLocation>) {
  describe(`CaseStore contract on ${engine}`, () => {
    const fresh = freshDatabases(newLocation);

    it('creates cases, lists them newest first, and finds one by id', async () => {
      const { store } = await fresh();
      const first = await store.createCase({ id: 'case-a', title: '山田様 支援会議' });
      expect(first).toMatchObject({ id: 'case-a', title: '山田様 支援会議' });
      await sleep(2); // distinct created_at
      await store.createCase({ id: 'case-b', title: '佐藤様' });
      expect((await store.listCases()).map((c) => c.id)).toEqual(['case-b', 'case-a']);
      expect(await store.getCase('case-a')).toEqual(first);
      expect(await store.getCase('nobody')).toBeUndefined();
      await expect(store.createCase({ id: 'case-a', title: 'again' })).rejects.toThrow();
    });

    it('appends, reloads after reopening, and compacts to one snapshot', async () => {
      const { open } = await fresh();
      let store = await open();
      await store.createCase({ id: 'c1', title: 't' });
      await Promise.all(editsOf(['一', '二', '三']).map((u) => store.appendUpdate('c1', u)));
      await store.close();

      store = await open();
      expect(await store.loadUpdates('c1')).toHaveLength(3);
      expect(await store.compact('c1')).toBe(3);
      expect(await store.compact('c1')).toBe(0);
      const compacted = await store.loadUpdates('c1');
      expect(compacted).toHaveLength(1);
      expect(textOf(compacted)).toBe('一\n二\n三');

      // Updates after the snapshot come back after it.
      const doc = new Y.Doc();
      Y.applyUpdate(doc, compacted[0]!);
      const more: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => more.push(u));
      appendSummaryParagraphs(doc, ['四']);
      await store.appendUpdate('c1', more[0]!);
      const loaded = await store.loadUpdates('c1');
      expect(loaded).toHaveLength(2);
      expect(textOf(loaded)).toBe('一\n二\n三\n四');

      // The next compaction folds them in, though the one before left no row in the log.
      expect(await store.compact('c1')).toBe(1);
      const again = await store.loadUpdates('c1');
      expect(again).toHaveLength(1);
      expect(textOf(again)).toBe('一\n二\n三\n四');
    });

    it('gives each case a stored version that changes with every append (from any store) and compaction, and only then', async () => {
      const { store, open } = await fresh();
      await store.createCase({ id: 'c1', title: 't' });
      await store.createCase({ id: 'c2', title: 'u' });
      const versionsOf = async () => Object.fromEntries(await store.storedVersions(['c1', 'c2', 'nobody']));
      const seen = [await versionsOf()];
      expect(Object.keys(seen[0]!).sort()).toEqual(['c1', 'c2']);
      expect(await versionsOf()).toEqual(seen[0]);

      const [first, second] = editsOf(['一', '二']);
      await store.appendUpdate('c1', first!);
      seen.push(await versionsOf());
      await (await open()).appendUpdate('c1', second!); // another connection (a reopen, or another process)
      seen.push(await versionsOf());
      await store.compact('c1');
      seen.push(await versionsOf());
      expect(new Set(seen.map((v) => v.c1)).size).toBe(4);
      expect(new Set(seen.map((v) => v.c2)).size).toBe(1);
      expect(await versionsOf()).toEqual(seen.at(-1));
    });

    it('reports every append written, in order, before it resolves as durable; a written append can be read back', async () => {
      const { store } = await fresh();
      await store.createCase({ id: 'c1', title: 't' });
      const events: string[] = [];
      const readable: number[] = [];
      const appends = editsOf(['一', '二', '三']).map((update, i) =>
        store
          .appendUpdate('c1', update, () => {
            events.push(`written ${i}`);
            if (i === 2) void store.loadUpdates('c1').then((rows) => readable.push(rows.length));
          })
          .then(() => events.push(`durable ${i}`)),
      );
      await Promise.all(appends);
      const written = events.filter((event) => event.startsWith('written'));
      expect(written).toEqual(['written 0', 'written 1', 'written 2']);
      for (let i = 0; i < 3; i++) expect(events.indexOf(`written ${i}`)).toBeLessThan(events.indexOf(`durable ${i}`));
      await expect.poll(() => readable).toEqual([3]);
    });

    it('loads nothing for a case without edits', async () => {
      const { store } = await fresh();
      await store.createCase({ id: 'empty', title: 't' });
      expect(await store.loadUpdates('empty')).toEqual([]);
      expect(await store.compact('empty')).toBe(0);
    });

    it('refuses updates for a case that does not exist', async () => {
      const { store } = await fresh();
      await expect(store.appendUpdate('ghost', new Uint8Array([0, 0]))).rejects.toThrow(/foreign key/i);
    });

    it('keeps every update when appends and compactions interleave', async () => {
      const { store } = await fresh();
      await store.createCase({ id: 'busy', title: 't' });
      const updates = editsOf(lines(120));
      const writes: Promise<unknown>[] = [];
      updates.forEach((update, i) => {
        writes.push(store.appendUpdate('busy', update));
        if (i % 25 === 0) writes.push(store.compact('busy'));
      });
      await Promise.all(writes);
      expect(textOf(await store.loadUpdates('busy'))).toBe(lines(120).join('\n'));
      await store.compact('busy');
      expect(textOf(await store.loadUpdates('busy'))).toBe(lines(120).join('\n'));
    });

    it('keeps cases apart', async () => {
      const { store } = await fresh();
      await store.createCase({ id: 'x', title: 't' });
      await store.createCase({ id: 'y', title: 't' });
      await Promise.all([
        ...editsOf(['x1', 'x2']).map((u) => store.appendUpdate('x', u)),
        ...editsOf(['y1']).map((u) => store.appendUpdate('y', u)),
      ]);
      await store.compact('x');
      expect(textOf(await store.loadUpdates('x'))).toBe('x1\nx2');
      expect(textOf(await store.loadUpdates('y'))).toBe('y1');
    });

    it('loses nothing when several stores append to and compact one case at once', async (context) => {
      const { location, open } = await fresh();
      if (!location.shared) return context.skip(`${engine} is used by one process at a time`);
      const stores = await Promise.all([open(), open(), open()]);
      await stores[0]!.createCase({ id: 'shared', title: 't' });
      // Each "process" edits its own part of the doc (updates from different Yjs clients).
      const perStore = stores.map((_, s) => editsOf(lines(60, `p${s}-`)));
      await Promise.all(
        stores.map(async (store, s) => {
          for (let i = 0; i < perStore[s]!.length; i++) {
            const append = store.appendUpdate('shared', perStore[s]![i]!);
            if (i % 10 === 9) await Promise.all([append, store.compact('shared')]);
            else await append;
          }
        }),
      );
      const text = textOf(await stores[1]!.loadUpdates('shared')).split('\n');
      for (let s = 0; s < stores.length; s++) {
        expect(text.filter((line) => line.startsWith(`p${s}-`))).toEqual(lines(60, `p${s}-`));
      }
    });
  });
}
