import * as Y from 'yjs';
import { appendSummaryParagraphs, summaryFragment } from '@care/case-doc';

/**
 * Takes the Yjs paths of opening a case (apply a stored snapshot, read its state vector, encode
 * it for a newcomer) a few times on a small doc, at start-up. V8 compiles functions lazily and
 * runs them slowly at first: measured in a fresh server process, applying a 9 KiB snapshot took
 * 40–60 ms for the first case opened after a restart, 1–2 ms once warm. A few milliseconds here
 * spare that first user.
 */
export function warmUpYjs(rounds = 20): void {
  const authors = [new Y.Doc(), new Y.Doc()];
  appendSummaryParagraphs(authors[0]!, ['ウォームアップ']);
  Y.applyUpdate(authors[1]!, Y.encodeStateAsUpdate(authors[0]!));
  for (let i = 0; i < 40; i++) {
    const author = authors[i % 2]!;
    const text = (summaryFragment(author).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, '支援');
    if (i % 3 === 0) text.delete(0, 1);
    Y.applyUpdate(authors[(i + 1) % 2]!, Y.encodeStateAsUpdate(author, Y.encodeStateVector(authors[(i + 1) % 2]!)));
  }
  const snapshot = Y.encodeStateAsUpdate(authors[0]!);
  for (let i = 0; i < rounds; i++) {
    const doc = new Y.Doc();
    doc.transact(() => Y.applyUpdate(doc, snapshot));
    Y.decodeUpdate(snapshot);
    Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
    Y.encodeStateVector(doc);
    Y.encodeStateVectorFromUpdate(snapshot);
    doc.destroy();
  }
  for (const author of authors) author.destroy();
}
