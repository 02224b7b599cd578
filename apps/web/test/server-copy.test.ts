import { appendSummaryParagraphs } from '@care/case-doc';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { followServerCopy } from '../src/collab/server-copy.ts';

it('knows what the server lacks without a disconnection: what was typed here since everything was last acknowledged', () => {
  const fromServer = { name: 'provider' };
  const browser = new Y.Doc();
  const serverCopy = followServerCopy(browser, fromServer);
  appendSummaryParagraphs(browser, ['一行目']);
  expect(serverCopy.unsentText()).toBeUndefined(); // never level with the server yet
  serverCopy.acknowledged();

  // A colleague's line comes from the server; then the link gets slow and nothing more is acknowledged.
  const colleague = new Y.Doc();
  Y.applyUpdate(colleague, Y.encodeStateAsUpdate(browser));
  const before = Y.encodeStateVector(colleague);
  appendSummaryParagraphs(colleague, ['鈴木の一文']);
  Y.applyUpdate(browser, Y.encodeStateAsUpdate(colleague, before), fromServer);
  appendSummaryParagraphs(browser, ['届いていない大事な文']);
  expect(serverCopy.unsentText()).toEqual([{ where: 'ケース概要', lines: ['届いていない大事な文'] }]);

  serverCopy.acknowledged();
  expect(serverCopy.unsentText()).toEqual([]);
  serverCopy.destroy();
});
