// @vitest-environment happy-dom
import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { casesWithUnsentEdits, forgetUnsentEdits, unsentMarkOf } from '../src/collab/unsent-edits.ts';
import { markSignOut, sessionBegins } from '../src/identity/device-sign-outs.ts';

beforeEach(() => {
  localStorage.clear();
  sessionBegins();
});

/** A page's doc of the case: what the server had when it opened, then what was typed on it. */
function page(from: Y.Doc, type?: (text: Y.Text) => void): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  type?.(doc.getText('summary'));
  return doc;
}

function server(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('summary').insert(0, '通所は週2回');
  return doc;
}

it('a tab whose edits are all saved leaves the mark of another tab whose edits it does not hold', () => {
  const base = server();
  const offline = page(base, (text) => text.insert(0, '長女が週末に来訪。'));
  const upToDate = page(base, (text) => text.insert(0, '訪問看護を追加。'));
  unsentMarkOf('sato', 'case-1', offline).unsent();
  unsentMarkOf('sato', 'case-1', upToDate).unsent();
  unsentMarkOf('sato', 'case-1', upToDate).saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-1']);

  unsentMarkOf('sato', 'case-1', offline).saved(); // back online, its edits acknowledged
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('a deletion is an edit too: a tab without it leaves the mark', () => {
  const base = server();
  const deleting = page(base, (text) => text.delete(0, 3));
  unsentMarkOf('sato', 'case-1', deleting).unsent();
  unsentMarkOf('sato', 'case-1', page(base)).saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-1']);
});

it('the mark of a tab closed with unsent edits goes once a page that loaded them from the kept copy has them saved', () => {
  const base = server();
  const closed = page(base, (text) => text.delete(0, 3));
  unsentMarkOf('sato', 'case-1', closed).unsent();
  const later = page(closed); // the kept copy holds what the closed tab typed
  unsentMarkOf('sato', 'case-1', later).saved();
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('marks are the person’s and the case’s: other cases and people keep theirs', () => {
  const base = server();
  unsentMarkOf('sato', 'case-1', page(base, (text) => text.insert(0, 'a'))).unsent();
  unsentMarkOf('sato', 'case-2', page(base, (text) => text.insert(0, 'b'))).unsent();
  unsentMarkOf('suzuki', 'case-1', page(base, (text) => text.insert(0, 'c'))).unsent();
  unsentMarkOf('sato', 'case-1', page(base)).saved();
  expect(casesWithUnsentEdits('sato').sort()).toEqual(['case-1', 'case-2']);
  forgetUnsentEdits('sato', 'case-1');
  expect(casesWithUnsentEdits('sato')).toEqual(['case-2']);
  expect(casesWithUnsentEdits('suzuki')).toEqual(['case-1']);
  forgetUnsentEdits('sato');
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('a case marked by the version before is still marked, until a page of it has everything saved', () => {
  localStorage.setItem('care-unsent:sato', JSON.stringify(['case-1', 'case-2']));
  expect(casesWithUnsentEdits('sato').sort()).toEqual(['case-1', 'case-2']);
  unsentMarkOf('sato', 'case-1', server()).saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-2']);
});

it('marks nothing once this device was signed out in another tab: the edits went with the sign-out', () => {
  markSignOut('sato');
  unsentMarkOf('sato', 'case-1', page(server(), (text) => text.insert(0, 'a'))).unsent();
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});
