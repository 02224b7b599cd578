// @vitest-environment happy-dom
import { beforeEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { discardLocalCopy, forgetLocalCopy, keepLocalCopy } from '../src/collab/local-copy.ts';
import { casesWithUnsentEdits, unsentMarkOf } from '../src/collab/unsent-edits.ts';
import { sessionBegins } from '../src/identity/device-sign-outs.ts';

/** The browser's kept copies, as y-indexeddb opens them: which doc each keeps, and whether it was closed. */
const { opened } = vi.hoisted(() => ({ opened: [] as { doc: unknown; closed: boolean; versionChange: () => void }[] }));
vi.mock('y-indexeddb', () => ({
  IndexeddbPersistence: class {
    db: { onversionchange?: () => void } = {};
    _db = Promise.resolve(this.db);
    whenSynced = Promise.resolve(this);
    copy: { doc: unknown; closed: boolean; versionChange: () => void };
    constructor(_name: string, doc: unknown) {
      this.copy = { doc, closed: false, versionChange: () => this.db.onversionchange?.() };
      opened.push(this.copy);
    }
    destroy() {
      this.copy.closed = true;
      return Promise.resolve();
    }
  },
}));
/** Deleting a copy tells every page that keeps it (IndexedDB's versionchange). */
const deleted: string[] = [];
vi.stubGlobal('indexedDB', {
  deleteDatabase(name: string) {
    deleted.push(name);
    for (const copy of opened.filter((each) => !each.closed)) copy.versionChange();
    const request = {} as { onsuccess?: () => void };
    queueMicrotask(() => request.onsuccess?.());
    return request;
  },
});

beforeEach(() => {
  localStorage.clear();
  sessionBegins();
  opened.length = 0;
  deleted.length = 0;
});

/** A tab of 佐藤's on case-1 keeping its doc in this browser, with `text` typed there and not yet sent. */
async function tab(text: string) {
  const doc = new Y.Doc();
  const mark = unsentMarkOf('sato', 'case-1', doc);
  const copy = keepLocalCopy('sato', 'case-1', doc, mark.stands);
  await copy.loaded;
  doc.getText('summary').insert(0, text);
  mark.unsent();
  return { doc, mark, copy };
}

const keeping = (doc: Y.Doc) => opened.filter((copy) => copy.doc === doc && !copy.closed);

it('a discard in one tab leaves another tab’s unsent edits marked, and that tab writes its doc back as the kept copy', async () => {
  const refused = await tab('閲覧のみになる前のメモ');
  const unsent = await tab('長女が週末に来訪');

  await discardLocalCopy('sato', 'case-1', refused.mark);
  expect(deleted).toEqual(['care-case:sato:case-1']);
  expect(keeping(unsent.doc)).toHaveLength(1); // opened again on its doc: it stores all of it
  expect(keeping(refused.doc)).toHaveLength(0);
  expect(casesWithUnsentEdits('sato')).toEqual(['case-1']);
  expect(unsent.mark.stands()).toBe(true);
  expect(refused.mark.stands()).toBe(false);
});

it('access revoked deletes the copy for every tab: none writes it back', async () => {
  const unsent = await tab('長女が週末に来訪');
  await forgetLocalCopy('sato', 'case-1');
  expect(keeping(unsent.doc)).toHaveLength(0);
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('a tab whose edits are all saved, or closed, does not write the copy back', async () => {
  const refused = await tab('閲覧のみになる前のメモ');
  const saved = await tab('通所は週2回');
  saved.mark.saved();
  const closed = await tab('訪問看護を追加');
  closed.copy.close();
  await discardLocalCopy('sato', 'case-1', refused.mark);
  expect(opened.filter((copy) => !copy.closed)).toEqual([]);
});
