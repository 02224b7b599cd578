import * as Y from 'yjs';
import { CaseDocField, conferenceNotesField } from './fields.ts';
import { plainLines, textBlocks } from './text-blocks.ts';

/** The shared fragment Tiptap edits; its children are ProseMirror nodes (paragraph, heading, …). */
export function summaryFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CaseDocField.summary);
}

/** The summary as plain text (summaryLines joined), for search, diffs and minutes. */
export function summaryPlainText(doc: Y.Doc): string {
  return summaryLines(doc).join('\n');
}

/**
 * The summary's lines as a plain-text document writes them in Japanese: a heading as 【見出し】
 * (■小見出し below the second level), a list item as ・項目 or 1. 項目, a nested item or an item's
 * further paragraph indented by one full-width space per level; a paragraph as it is. A block
 * with line breaks gives a line for each.
 */
export function summaryLines(doc: Y.Doc): string[] {
  return textLines(summaryFragment(doc));
}

/** A conference's 検討内容, edited like the summary (see conferenceNotesField). */
export function conferenceNotesFragment(doc: Y.Doc, conferenceId: string): Y.XmlFragment {
  return doc.getXmlFragment(conferenceNotesField(conferenceId));
}

/** Rich text's lines as summaryLines writes them (the summary, a conference's 検討内容). */
export function textLines(fragment: Y.XmlFragment): string[] {
  return plainLines(textBlocks(fragment));
}

/** Whether lines of text (a summary's, a 検討内容's) hold anything but blank lines: written at all. */
export const holdsText = (lines: readonly string[]): boolean => lines.some((line) => line.trim() !== '');

/** Appends paragraphs of plain text to the summary, as the editor would (used by seeding, imports and tests). */
export function appendSummaryParagraphs(doc: Y.Doc, paragraphs: readonly string[]): void {
  appendParagraphs(summaryFragment(doc), paragraphs);
}

/** Appends paragraphs of plain text to rich text (the summary, a conference's 検討内容) in one transaction. */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  fragment.doc!.transact(() => {
    const nodes = paragraphs.map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    });
    fragment.insert(fragment.length, nodes);
  });
}
