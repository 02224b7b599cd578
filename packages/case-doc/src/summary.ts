import * as Y from 'yjs';
import { CaseDocField } from './fields.ts';

/** The shared fragment Tiptap edits; its children are ProseMirror nodes (paragraph, heading, …). */
export function summaryFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CaseDocField.summary);
}

/** The summary as plain text, one line per block, for search, diffs and minutes. */
export function summaryPlainText(doc: Y.Doc): string {
  return summaryLines(doc).join('\n');
}

/** The summary's blocks as lines of plain text (a list item, a heading and a paragraph are one line each). */
export function summaryLines(doc: Y.Doc): string[] {
  return blockTexts(summaryFragment(doc));
}

function blockTexts(parent: Y.XmlFragment | Y.XmlElement): string[] {
  const lines: string[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      lines.push(deltaText(child));
    } else if (child instanceof Y.XmlElement) {
      const inline = child.toArray().every((c) => c instanceof Y.XmlText);
      if (inline) lines.push(child.toArray().map((c) => deltaText(c as Y.XmlText)).join(''));
      else lines.push(...blockTexts(child));
    }
  }
  return lines;
}

function deltaText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** Appends paragraphs of plain text, as the editor would (used by seeding, imports and tests). */
export function appendSummaryParagraphs(doc: Y.Doc, paragraphs: readonly string[]): void {
  doc.transact(() => {
    const nodes = paragraphs.map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    });
    const fragment = summaryFragment(doc);
    fragment.insert(fragment.length, nodes);
  });
}
