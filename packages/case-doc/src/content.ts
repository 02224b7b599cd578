import type { RecordContent } from '@care/schema';
import * as Y from 'yjs';
import { summaryLines } from './summary.ts';

/** A case doc's full state (as stored in a record) opened as a doc of its own. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** What a record shows of a case doc, read through this model. */
export function caseDocContent(doc: Y.Doc): RecordContent {
  return { summary: summaryLines(doc) };
}
