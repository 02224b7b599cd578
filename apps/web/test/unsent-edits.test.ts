// @vitest-environment happy-dom
import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { casesWithUnsentEdits, forgetUnsentEdits, unsentMarkOf } from '../src/collab/unsent-edits.ts';
import { markSignOut, sessionBegins } from '../src/identity/device-sign-outs.ts';

beforeEach(() => {
  localStorage.clear();
  sessionBegins();
});

/** A page of the case (its doc and its mark, for `person`'s `caseId`): what the server had when it opened, then what was typed on it. */
function page(from: Y.Doc, type?: (text: Y.Text) => void, { person = 'sato', caseId = 'case-1' } = {}) {
  const doc = new Y.Doc();
  const mark = unsentMarkOf(person, caseId, doc);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  type?.(doc.getText('summary'));
  return { doc, mark };
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
  offline.mark.unsent();
  upToDate.mark.unsent();
  upToDate.mark.saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-1']);

  offline.mark.saved(); // back online, its edits acknowledged
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('a deletion is an edit too: a tab without it leaves the mark', () => {
  const base = server();
  page(base, (text) => text.delete(0, 3)).mark.unsent();
  page(base).mark.saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-1']);
});

it('the mark of a tab closed with unsent edits goes once a page that loaded them from the kept copy has them saved', () => {
  const base = server();
  const closed = page(base, (text) => text.delete(0, 3));
  closed.mark.unsent();
  page(closed.doc).mark.saved(); // the kept copy holds what the closed tab typed
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('a mark names what its page typed since all it held was saved, so a tab holding only the earlier edits leaves it', () => {
  const base = server();
  const typing = page(base, (text) => text.insert(0, '長女が来訪。'));
  typing.mark.saved(); // acknowledged
  const upToDate = page(typing.doc); // has what the server has
  typing.doc.getText('summary').insert(0, '訪問看護。'); // then its socket is cut
  typing.mark.unsent();
  upToDate.mark.saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-1']);
  page(typing.doc).mark.saved(); // a page holding the later edit too
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});

it('marks are the person’s and the case’s: other cases and people keep theirs', () => {
  const base = server();
  page(base, (text) => text.insert(0, 'a')).mark.unsent();
  page(base, (text) => text.insert(0, 'b'), { caseId: 'case-2' }).mark.unsent();
  page(base, (text) => text.insert(0, 'c'), { person: 'suzuki' }).mark.unsent();
  page(base).mark.saved();
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
  page(server()).mark.saved();
  expect(casesWithUnsentEdits('sato')).toEqual(['case-2']);
});

it('marks nothing once this device was signed out in another tab: the edits went with the sign-out', () => {
  markSignOut('sato');
  page(server(), (text) => text.insert(0, 'a')).mark.unsent();
  expect(casesWithUnsentEdits('sato')).toEqual([]);
});
